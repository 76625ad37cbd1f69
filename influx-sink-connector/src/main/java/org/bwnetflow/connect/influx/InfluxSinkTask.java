package org.bwnetflow.connect.influx;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.bwnetflow.connect.influx.aggregate.AggregationSpec;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.influx.aggregate.WindowAggregates;
import org.bwnetflow.connect.influx.health.HealthRecords;
import org.bwnetflow.connect.influx.health.IngestPoints;
import org.bwnetflow.connect.influx.window.PartitionWindows;
import org.bwnetflow.connect.influx.window.PartitionWindows.Outcome;
import org.bwnetflow.connect.influx.write.InfluxWriter;
import org.bwnetflow.connect.influx.write.WriteFailure;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.bwnetflow.connect.model.retry.Backoff;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds flows up per Kafka partition and window ({@link PartitionWindows}), writes the totals of
 * windows that became final at once and those of changed open windows every
 * {@code write.interval.ms}, and commits offsets only as far as {@link PartitionState#commitOffset()}
 * allows. Each partition's points carry a {@value #PARTITION_TAG} tag, so they never depend on
 * records another task replays; dashboards sum over it.
 *
 * <p>Ingest health records ({@link IngestHealth}) are no flows: each becomes one point of the
 * ingest measurement, kept per partition ({@link PartitionState}) until it is written with the
 * next write (final windows, or every {@code write.interval.ms}), and the partition's offsets
 * are committed past it only then.
 */
public class InfluxSinkTask extends SinkTask {

    /** Tag that keeps each Kafka partition's totals a series of its own. */
    public static final String PARTITION_TAG = "topic_partition";

    private static final Logger log = LoggerFactory.getLogger(InfluxSinkTask.class);

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final RateLimitedLog lateLog = new RateLimitedLog(60_000);
    private final BiFunction<InfluxWriter.Settings, TransformMetrics, InfluxWriter> writerOpener;
    private final LongSupplier clock;
    private InfluxSinkConfig config;
    private AggregationSpec spec;
    private IngestPoints ingestPoints;
    private InfluxWriter writer;
    private Backoff backoff;
    private SinkCounters counters;
    private long lastPeriodicWrite;
    /** After a failed write: no new attempt before this time (0: none failed). */
    private long retryAtMillis;
    /** Looked up once: put() runs per flow. */
    private FlowField windowTimeField;
    private TimeUnit precision;
    /** The state of the last record's partition: a batch brings one partition's records in a row. */
    private TopicPartition lastPartition;
    private PartitionState lastState;

    public InfluxSinkTask() {
        this(InfluxWriter::open, System::currentTimeMillis);
    }

    /** For tests: a writer over a fake sender, and a clock they move. */
    InfluxSinkTask(BiFunction<InfluxWriter.Settings, TransformMetrics, InfluxWriter> writerOpener, LongSupplier clock) {
        this.writerOpener = writerOpener;
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new InfluxSinkConfig(props);
        spec = config.aggregationSpec();
        ingestPoints = new IngestPoints(config.ingestMeasurement());
        windowTimeField = config.windowByReceiveTime() ? FlowField.TIME_RECEIVED : FlowField.TIME_FLOW_END;
        precision = config.precision();
        counters = new SinkCounters();
        writer = writerOpener.apply(new InfluxWriter.Settings(config.url(), config.org(), config.token(),
                config.writePrecision(), config.batchSize(), config.gzip(), Duration.ofMillis(config.timeoutMillis())),
                counters.metrics());
        counters.register(context.pluginMetrics());
        backoff = new Backoff(Duration.ofMillis(config.retryBackoffInitialMillis()),
                Duration.ofMillis(config.retryBackoffMaxMillis()), config.retryMaxAttempts());
        lastPeriodicWrite = clock.getAsLong();
        log.info("Influx sink task started: {}, bucket {}", config.url(), config.bucket());
    }

    @Override
    public void open(Collection<TopicPartition> assigned) {
        // Connect resumes each partition at its committed offset: its open windows are recomputed from there.
        for (TopicPartition tp : assigned) {
            partitions.put(tp, newState());
        }
        forgetLastPartition();
    }

    @Override
    public void close(Collection<TopicPartition> revoked) {
        // Whatever is not final and written goes with the partition: its next owner recomputes it from Kafka.
        revoked.forEach(partitions::remove);
        forgetLastPartition();
    }

    private PartitionState newState() {
        return new PartitionState(new PartitionWindows<>(config.windowMillis(), config.latenessMillis(),
                config.marginMillis(), start -> new WindowAggregates(spec, start), WindowAggregates::add));
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            if (!addHealth(record)) {
                addFlow(record);
            }
        }
        writeDue();
    }

    /** Keeps an ingest health record's point for the next write; false when the record is no health record. */
    private boolean addHealth(SinkRecord record) {
        Point point;
        try {
            Struct health = HealthRecords.healthOf(record);
            if (health == null) {
                return false;
            }
            point = ingestPoints.toPoint(health);
        } catch (DataException e) {
            reportErrant(record, e);
            return true;
        }
        stateOf(record).addHealth(record.kafkaOffset(), point); // false, and kept once, when redelivered
        return true;
    }

    private void addFlow(SinkRecord record) {
        Struct flow = flowOf(record);
        if (flow == null) {
            return;
        }
        PartitionWindows<WindowAggregates> windows = stateOf(record).windows();
        long flowTime = flowTimeMillis(flow, record);
        long timestamp = record.timestamp() == null ? flowTime : record.timestamp();
        Outcome outcome = windows.add(record.kafkaOffset(), flowTime, timestamp, flow);
        if (outcome == Outcome.COUNTED) {
            counters.counted.increment();
        } else if (outcome == Outcome.LATE || outcome == Outcome.AFTER_FINAL) {
            counters.late.increment();
            logLate(record, flowTime, timestamp, outcome);
        }
    }

    private PartitionState stateOf(SinkRecord record) {
        if (lastPartition == null || lastPartition.partition() != record.kafkaPartition()
                || !lastPartition.topic().equals(record.topic())) {
            lastPartition = new TopicPartition(record.topic(), record.kafkaPartition());
            lastState = partitions.computeIfAbsent(lastPartition, t -> newState());
        }
        return lastState;
    }

    private void forgetLastPartition() {
        lastPartition = null;
        lastState = null;
    }

    /** The record's flow; null (reported to Connect's dead letter queue) when the value is none. */
    private Struct flowOf(SinkRecord record) {
        Object value = record.value();
        try {
            if (value instanceof Struct && FlowMessageSchema.isFlowSchema(((Struct) value).schema())) {
                return (Struct) value;
            }
            if (value instanceof byte[]) {
                return FlowMessageCodec.decode((byte[]) value);
            }
            throw new DataException("Influx sink needs FlowMessage or IngestHealth records (FlowMessageConverter "
                    + "or raw protobuf bytes), got " + (value == null ? "a tombstone" : value.getClass().getName()) + " at "
                    + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset());
        } catch (DataException e) {
            reportErrant(record, e);
            return null;
        }
    }

    private void reportErrant(SinkRecord record, DataException e) {
        ErrantRecordReporter reporter = context.errantRecordReporter();
        if (reporter == null) {
            throw e;
        }
        reporter.report(record, e); // errors.tolerance=all: to the dead letter queue, if configured
        counters.rejected.increment();
    }

    private long flowTimeMillis(Struct flow, SinkRecord record) {
        long seconds = Flows.number(flow, windowTimeField);
        if (seconds > 0) {
            return seconds * 1000;
        }
        return record.timestamp() == null ? clock.getAsLong() : record.timestamp();
    }

    private void logLate(SinkRecord record, long flowTime, long timestamp, Outcome outcome) {
        if (lateLog.shouldLog()) {
            long windowEnd = Math.floorDiv(flowTime, config.windowMillis()) * config.windowMillis() + config.windowMillis();
            String why = outcome == Outcome.LATE
                    ? "it reached Kafka at " + timestamp + ", after the allowed lateness of " + config.latenessMillis() + " ms"
                    : "the window was final and written already; the record's timestamp " + timestamp + " is behind "
                            + "others of its partition by more than " + InfluxSinkConfig.WINDOW_MARGIN_MS;
            log.warn("Flow at {}-{}@{} is late and not counted: its window ended at {}, and {} ({} more since the last "
                    + "message)", record.topic(), record.kafkaPartition(), record.kafkaOffset(), windowEnd, why,
                    lateLog.takeSuppressed());
        }
    }

    /**
     * Writes final windows now, changed open ones once per write interval, and the waiting ingest
     * health points with either; retries through Connect.
     */
    private void writeDue() {
        long now = clock.getAsLong();
        if (now < retryAtMillis) {
            // Connect redelivers a batch after at most its offset commit interval, whatever context.timeout asked
            // for: the backoff is kept here, without spending an attempt. The redelivered records count once.
            context.timeout(retryAtMillis - now);
            throw new RetriableException("waiting " + (retryAtMillis - now) + " ms before writing to " + config.url()
                    + " again");
        }
        boolean periodic = now - lastPeriodicWrite >= config.writeIntervalMillis();
        LineBatch batch = new LineBatch(precision);
        Map<TopicPartition, List<Long>> dueWindows = new LinkedHashMap<>();
        long folded = collectWindows(now, periodic, batch, dueWindows);
        // Health points ride along with a write that happens anyway, and go at least every write interval.
        Map<TopicPartition, Integer> dueHealth = periodic || !dueWindows.isEmpty() ? collectHealth(batch) : Map.of();
        if (!batch.isEmpty()) {
            write(batch.linesByBucket());
            dueWindows.forEach((tp, starts) -> partitions.get(tp).windows().written(starts));
            dueHealth.forEach((tp, count) -> partitions.get(tp).health().written(count));
            counters.points.add(batch.windowPoints());
            counters.healthPoints.add(batch.healthPoints());
            counters.folded.add(folded);
        }
        if (periodic) {
            lastPeriodicWrite = now;
        }
    }

    /** Adds the points of the due windows to the batch and notes their starts; returns the values folded into 'other'. */
    private long collectWindows(long now, boolean periodic, LineBatch batch, Map<TopicPartition, List<Long>> due) {
        long folded = 0;
        for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
            PartitionWindows<WindowAggregates> windows = entry.getValue().windows();
            windows.finalizeDue(now);
            List<Long> starts = windows.dueWindows(periodic && config.writeOpenWindows(), now, config.idleWriteMillis());
            if (starts.isEmpty()) {
                continue;
            }
            due.put(entry.getKey(), starts);
            Map<String, String> partitionTag = Map.of(PARTITION_TAG, entry.getKey().topic() + "-" + entry.getKey().partition());
            for (long start : starts) {
                WindowAggregates aggregates = windows.aggregates(start);
                if (windows.isFinal(start)) {
                    folded += aggregates.foldedValues();
                }
                for (Point point : aggregates.points(partitionTag)) {
                    batch.addWindowPoint(config.bucketFor(point.tags().get("cid")), point);
                }
            }
        }
        return folded;
    }

    /** Adds every waiting ingest health point to the batch; returns how many per partition. */
    private Map<TopicPartition, Integer> collectHealth(LineBatch batch) {
        Map<TopicPartition, Integer> due = new HashMap<>();
        partitions.forEach((tp, state) -> {
            List<Point> points = state.health().points();
            if (!points.isEmpty()) {
                points.forEach(point -> batch.addHealthPoint(config.bucket(), point));
                due.put(tp, points.size());
            }
        });
        return due;
    }

    private void write(Map<String, List<String>> linesByBucket) {
        try {
            for (Map.Entry<String, List<String>> bucket : linesByBucket.entrySet()) {
                writer.write(bucket.getKey(), bucket.getValue());
            }
            backoff.reset();
            retryAtMillis = 0;
        } catch (WriteFailure failure) {
            if (!failure.retriable()) {
                throw new ConnectException(failure.getMessage(), failure);
            }
            counters.retries.increment();
            if (backoff.exhausted()) {
                throw new ConnectException("Writing to " + config.url() + " failed " + backoff.attempts()
                        + " times in a row; giving up (" + InfluxSinkConfig.RETRY_MAX_ATTEMPTS + "="
                        + config.retryMaxAttempts() + "). Last error: " + failure.getMessage(), failure);
            }
            long delay = backoff.next();
            retryAtMillis = clock.getAsLong() + delay;
            log.warn("Write to {} failed, retry {} of {} in {} ms: {}", config.url(), backoff.attempts(),
                    config.retryMaxAttempts(), delay, failure.getMessage());
            context.timeout(delay);
            throw new RetriableException(failure.getMessage(), failure);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        partitions.forEach((tp, state) -> state.commitOffset()
                .ifPresent(offset -> safe.put(tp, new OffsetAndMetadata(offset))));
        return safe;
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
        if (counters != null) {
            counters.close();
        }
        log.info("Influx sink task stopped");
    }
}
