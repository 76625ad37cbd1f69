package org.bwnetflow.connect.influx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.bwnetflow.connect.influx.aggregate.AggregationSpec;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.influx.aggregate.WindowAggregates;
import org.bwnetflow.connect.influx.health.HealthRecords;
import org.bwnetflow.connect.influx.health.IngestPoints;
import org.bwnetflow.connect.influx.health.PendingHealth;
import org.bwnetflow.connect.influx.segment.PartitionSegments;
import org.bwnetflow.connect.influx.segment.PartitionSegments.Outcome;
import org.bwnetflow.connect.influx.segment.PartitionSegments.Segment;
import org.bwnetflow.connect.influx.segment.SegmentTimes;
import org.bwnetflow.connect.influx.write.FailingBuckets;
import org.bwnetflow.connect.influx.write.InfluxWriter;
import org.bwnetflow.connect.influx.write.WriteFailure;
import org.bwnetflow.connect.model.FlowClock;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.bwnetflow.connect.model.sink.NonFlowRecords;
import org.bwnetflow.connect.model.retry.Backoff;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds flows up per Kafka partition, segment and window ({@link PartitionSegments}), writes each
 * closed segment's totals once (with every write, at least every {@code write.interval.ms}), a
 * quiet partition's open segment early, and commits offsets only as far as
 * {@link PartitionSegments#commitOffset(long)} allows. Each partition's points carry a
 * {@value #PARTITION_TAG} tag, so they never depend on records another task replays; dashboards
 * sum over it, and over the segments' points of a window.
 *
 * <p>Ingest health records ({@link IngestHealth}) are no flows: each becomes one point of the
 * ingest measurement, written with the next write; offsets are committed past it only then.
 *
 * <p>With {@code influx.bucket.per.customer}, a customer bucket that answers 404 or 403 holds back
 * only the points that go to it: they are retried with a backoff, counted and logged at a rate
 * limit, and the partitions whose closed segments wait for it are paused (bounded memory) until
 * it is written.
 */
public class InfluxSinkTask extends SinkTask {

    /** Tag that keeps each Kafka partition's totals a series of its own. */
    public static final String PARTITION_TAG = "topic_partition";
    /** Closed segments waiting (over all partitions) that make a write due before the write interval. */
    static final int SEGMENTS_BEFORE_EARLY_WRITE = 16;
    /** Closed segments a partition may have waiting before it is paused (its bucket keeps failing). */
    static final int SEGMENTS_BEFORE_PAUSE = 2;

    private static final Logger log = LoggerFactory.getLogger(InfluxSinkTask.class);

    private final Map<TopicPartition, PartitionSegments<WindowAggregates>> partitions = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final RateLimitedLog clockLog = new RateLimitedLog(60_000);
    private final RateLimitedLog bucketLog = new RateLimitedLog(60_000);
    private final BiFunction<InfluxWriter.Settings, TransformMetrics, InfluxWriter> writerOpener;
    private final LongSupplier clock;
    private InfluxSinkConfig config;
    private AggregationSpec spec;
    private SegmentTimes times;
    private IngestPoints ingestPoints;
    private InfluxWriter writer;
    private Backoff backoff;
    private FailingBuckets failingBuckets;
    private SinkCounters counters;
    private NonFlowRecords nonFlows;
    private long lastPeriodicWrite;
    /** After a failed write: no new attempt before this time (0: none failed). */
    private long retryAtMillis;
    /** Looked up once: put() runs per flow. */
    private FlowField windowTimeField;
    private TimeUnit precision;
    /** The segments of the last record's partition: a batch brings one partition's records in a row. */
    private TopicPartition lastPartition;
    private PartitionSegments<WindowAggregates> lastSegments;
    /** What the metrics reporter's thread reads; updated by the task's thread after each put. */
    private volatile long windowsHeld;
    private volatile long segmentsWaiting;

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
        times = new SegmentTimes(config.windowMillis(), config.writeIntervalMillis(),
                new FlowClock(config.flowTimeToleranceMillis()));
        ingestPoints = new IngestPoints(config.ingestMeasurement());
        windowTimeField = config.windowByReceiveTime() ? FlowField.TIME_RECEIVED : FlowField.TIME_FLOW_END;
        precision = config.precision();
        counters = new SinkCounters(() -> windowsHeld, () -> segmentsWaiting);
        writer = writerOpener.apply(new InfluxWriter.Settings(config.url(), config.org(), config.credentials(),
                config.writePrecision(), config.batchSize(), config.gzip(), Duration.ofMillis(config.timeoutMillis())),
                counters.metrics());
        counters.register(context.pluginMetrics());
        nonFlows = new NonFlowRecords("The Influx sink", context, counters.rejected);
        Duration initial = Duration.ofMillis(config.retryBackoffInitialMillis());
        Duration max = Duration.ofMillis(config.retryBackoffMaxMillis());
        backoff = new Backoff(initial, max, config.retryMaxAttempts());
        failingBuckets = new FailingBuckets(initial, max);
        lastPeriodicWrite = clock.getAsLong();
        log.info("Influx sink task started: {}, bucket {}", config.url(), config.bucket());
    }

    @Override
    public void open(Collection<TopicPartition> assigned) {
        // Connect resumes each partition at its committed offset, the start of a segment: it is recomputed from there.
        for (TopicPartition tp : assigned) {
            partitions.put(tp, newSegments());
        }
        List<TopicPartition> wasPaused = new ArrayList<>(assigned);
        wasPaused.retainAll(paused);
        if (!wasPaused.isEmpty()) {
            paused.removeAll(wasPaused);
            context.resume(wasPaused.toArray(new TopicPartition[0]));
        }
        forgetLastPartition();
    }

    @Override
    public void close(Collection<TopicPartition> revoked) {
        // Whatever is not written goes with the partition: its next owner recomputes it from Kafka.
        revoked.forEach(partitions::remove);
        paused.removeAll(revoked);
        forgetLastPartition();
    }

    private PartitionSegments<WindowAggregates> newSegments() {
        return new PartitionSegments<>(times, start -> new WindowAggregates(spec, start), WindowAggregates::add);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            if (!addHealth(record)) {
                addFlow(record);
            }
        }
        try {
            writeDue();
        } finally {
            updateGauges();
        }
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
            nonFlows.reject(record, "an ingest health record that does not decode: " + e.getMessage(), e);
            return true;
        }
        segmentsOf(record).addHealth(record.kafkaOffset(), timestampOf(record, 0), point); // kept once when redelivered
        return true;
    }

    private void addFlow(SinkRecord record) {
        Struct flow = flowOf(record);
        if (flow == null) {
            return;
        }
        long flowTime = FlowClock.secondsToMillis(Flows.number(flow, windowTimeField));
        long timestamp = timestampOf(record, flowTime);
        Outcome outcome = segmentsOf(record).addFlow(record.kafkaOffset(), flowTime, timestamp, flow);
        if (outcome != Outcome.ALREADY_SEEN) {
            counters.counted.increment();
        }
        if (outcome == Outcome.CLOCK_CORRECTED) {
            counters.clockCorrected.increment();
            logClock(record, flowTime, timestamp);
        }
    }

    /** The record's Kafka timestamp (always set by Kafka 0.10+ brokers); else the flow's own time. */
    private static long timestampOf(SinkRecord record, long flowTime) {
        return record.timestamp() == null ? flowTime : record.timestamp();
    }

    private PartitionSegments<WindowAggregates> segmentsOf(SinkRecord record) {
        if (lastPartition == null || lastPartition.partition() != record.kafkaPartition()
                || !lastPartition.topic().equals(record.topic())) {
            lastPartition = new TopicPartition(record.topic(), record.kafkaPartition());
            lastSegments = partitions.computeIfAbsent(lastPartition, t -> newSegments());
        }
        return lastSegments;
    }

    private void forgetLastPartition() {
        lastPartition = null;
        lastSegments = null;
    }

    /** The record's flow; null when the value is none ({@link NonFlowRecords} reported it, or the put fails). */
    private Struct flowOf(SinkRecord record) {
        Object value = record.value();
        try {
            if (value instanceof Struct && FlowMessageSchema.isFlowSchema(((Struct) value).schema())) {
                return (Struct) value;
            }
            if (value instanceof byte[]) {
                return FlowMessageCodec.decode((byte[]) value);
            }
            throw new DataException("it needs FlowMessage or IngestHealth records (FlowMessageConverter or raw protobuf "
                    + "bytes), got " + (value == null ? "a tombstone" : value.getClass().getName()));
        } catch (DataException e) {
            nonFlows.reject(record, e.getMessage(), e);
            // Reported: the commit may pass it, so a restart does not report it again.
            segmentsOf(record).passOver(record.kafkaOffset(), timestampOf(record, 0));
            return null;
        }
    }

    private void logClock(SinkRecord record, long flowTime, long timestamp) {
        if (clockLog.shouldLog()) {
            log.warn("Flow at {}-{}@{} ended at {} by its exporter's clock, {} ms from its record's time {}: counted in "
                    + "the window of the record's time (flow.time.tolerance.ms={}; {} more since the last message)",
                    record.topic(), record.kafkaPartition(), record.kafkaOffset(), flowTime, flowTime - timestamp,
                    timestamp, config.flowTimeToleranceMillis(), clockLog.takeSuppressed());
        }
    }

    /**
     * Writes closed segments (once per write interval, or early when many wait), a quiet
     * partition's open segment early, and the waiting ingest health points; retries through Connect.
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
        if (!periodic && waitingSegments() < SEGMENTS_BEFORE_EARLY_WRITE) {
            return;
        }
        WriteBatch batch = new WriteBatch(precision);
        long folded = collect(now, periodic, batch);
        if (!batch.isEmpty()) {
            Set<String> written = write(batch.linesByBucket(), now);
            markWritten(batch, written);
            counters.points.add(batch.windowPoints());
            counters.healthPoints.add(batch.healthPoints());
            counters.folded.add(folded);
        }
        pauseOrResume();
        if (periodic) {
            lastPeriodicWrite = now;
        }
    }

    private int waitingSegments() {
        int waiting = 0;
        for (PartitionSegments<WindowAggregates> segments : partitions.values()) {
            waiting += segments.closed().size();
        }
        return waiting;
    }

    /** Adds the points that are due to the batch; returns the tag values folded into 'other' in closed segments. */
    private long collect(long now, boolean periodic, WriteBatch batch) {
        long folded = 0;
        for (Map.Entry<TopicPartition, PartitionSegments<WindowAggregates>> entry : partitions.entrySet()) {
            PartitionSegments<WindowAggregates> segments = entry.getValue();
            Map<String, String> partitionTag = Map.of(PARTITION_TAG, entry.getKey().topic() + "-" + entry.getKey().partition());
            for (Segment<WindowAggregates> segment : segments.closed()) {
                folded += addClosed(segment, partitionTag, batch);
            }
            boolean idle = segments.isIdle(now, config.writeIntervalMillis());
            Segment<WindowAggregates> open = segments.open();
            if (periodic && idle && open != null && config.writeOpenWindows()) {
                addEarly(open, partitionTag, batch);
            }
            addHealth(segments, batch);
        }
        return folded;
    }

    /** A closed segment's points, every measurement, at its slot of each window (unless they are written already). */
    private long addClosed(Segment<WindowAggregates> segment, Map<String, String> partitionTag, WriteBatch batch) {
        long folded = 0;
        List<Long> starts = segment.windowStarts();
        if (starts.isEmpty()) {
            return 0; // written, waiting for its health points only
        }
        batch.source(segment);
        for (long start : starts) {
            WindowAggregates aggregates = segment.aggregates(start);
            folded += aggregates.foldedValues();
            for (Point point : aggregates.points(partitionTag, times.pointTime(start, segment.number()), true)) {
                batch.addWindowPoint(segment, config.bucketFor(point.tags().get("cid")), point);
            }
        }
        return folded;
    }

    /** A quiet partition's open segment: the windows that changed, without top lists, at the segment's slots. */
    private void addEarly(Segment<WindowAggregates> open, Map<String, String> partitionTag, WriteBatch batch) {
        for (long start : open.windowStarts()) {
            if (!open.isDirty(start)) {
                continue;
            }
            EarlyWindow source = new EarlyWindow(open, start);
            batch.source(source);
            for (Point point : open.aggregates(start).points(partitionTag, times.pointTime(start, open.number()), false)) {
                batch.addWindowPoint(source, config.bucketFor(point.tags().get("cid")), point);
            }
        }
    }

    /** Every waiting health point of the partition, outside segments and in each. */
    private void addHealth(PartitionSegments<WindowAggregates> segments, WriteBatch batch) {
        List<PendingHealth> pending = new ArrayList<>();
        pending.add(segments.outsideHealth());
        segments.closed().forEach(segment -> pending.add(segment.health()));
        if (segments.open() != null) {
            pending.add(segments.open().health());
        }
        for (PendingHealth health : pending) {
            List<Point> points = health.points();
            if (!points.isEmpty()) {
                HealthPoints source = new HealthPoints(health, points.size());
                points.forEach(point -> batch.addHealthPoint(source, config.bucket(), point));
            }
        }
    }

    /** Marks what reached the database: closed segments whose every bucket was written, early windows, health. */
    private void markWritten(WriteBatch batch, Set<String> writtenBuckets) {
        for (Object source : batch.writtenSources(writtenBuckets)) {
            if (source instanceof Segment<?> segment) {
                segmentsHolding(segment).windowsWritten(castSegment(segment));
            } else if (source instanceof EarlyWindow early) {
                early.segment().markClean(early.windowStart());
            } else if (source instanceof HealthPoints health) {
                health.pending().written(health.count());
            }
        }
        partitions.values().forEach(PartitionSegments::forgetWritten);
    }

    @SuppressWarnings("unchecked")
    private static Segment<WindowAggregates> castSegment(Segment<?> segment) {
        return (Segment<WindowAggregates>) segment;
    }

    private PartitionSegments<WindowAggregates> segmentsHolding(Segment<?> segment) {
        for (PartitionSegments<WindowAggregates> segments : partitions.values()) {
            if (segments.closed().contains(segment)) {
                return segments;
            }
        }
        throw new IllegalStateException("a written segment of no partition");
    }

    /**
     * Writes each bucket's lines; returns the buckets written. A retriable failure fails the put
     * (Connect redelivers the batch after the backoff; what was written is written again, the same);
     * a customer bucket that answers 404 or 403 waits with a backoff of its own; other failures
     * fail the task.
     */
    private Set<String> write(Map<String, List<String>> linesByBucket, long now) {
        Set<String> written = new HashSet<>();
        for (Map.Entry<String, List<String>> bucket : linesByBucket.entrySet()) {
            String name = bucket.getKey();
            if (failingBuckets.isWaiting(name, now)) {
                continue;
            }
            try {
                writer.write(name, bucket.getValue());
                written.add(name);
                failingBuckets.succeeded(name);
            } catch (WriteFailure failure) {
                if (failure.retriable()) {
                    retryLater(failure);
                } else if (isCustomerBucketFailure(name, failure)) {
                    bucketFailed(name, failure, now);
                } else {
                    throw new ConnectException(failure.getMessage(), failure);
                }
            }
        }
        backoff.reset();
        retryAtMillis = 0;
        return written;
    }

    private boolean isCustomerBucketFailure(String bucket, WriteFailure failure) {
        return (failure.status() == 404 || failure.status() == 403) && config.hasBucketPerCustomer()
                && !bucket.equals(config.bucket());
    }

    private void bucketFailed(String bucket, WriteFailure failure, long now) {
        counters.bucketFailures.increment();
        long delay = failingBuckets.failed(bucket, now);
        if (bucketLog.shouldLog()) {
            log.warn("Writing to customer bucket {} failed; its points wait and are retried in {} ms, the other "
                    + "customers' are written ({} more such failures since the last message): {}", bucket, delay,
                    bucketLog.takeSuppressed(), failure.getMessage());
        }
    }

    private void retryLater(WriteFailure failure) {
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

    /** Pauses partitions whose closed segments pile up (their bucket keeps failing); resumes them once written. */
    private void pauseOrResume() {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        partitions.forEach((tp, segments) -> {
            boolean full = segments.closed().size() >= SEGMENTS_BEFORE_PAUSE;
            if (full && paused.add(tp)) {
                pause.add(tp);
            } else if (!full && paused.remove(tp)) {
                resume.add(tp);
            }
        });
        if (!pause.isEmpty()) {
            log.info("Pausing {}: its segments wait for a bucket that fails", pause);
            context.pause(pause.toArray(new TopicPartition[0]));
        }
        if (!resume.isEmpty()) {
            log.info("Resuming {}: its segments are written", resume);
            context.resume(resume.toArray(new TopicPartition[0]));
        }
    }

    private void updateGauges() {
        long windows = 0;
        for (PartitionSegments<WindowAggregates> segments : partitions.values()) {
            windows += segments.windowsHeld();
        }
        windowsHeld = windows;
        segmentsWaiting = waitingSegments();
    }

    /** Windows held in memory over all partitions. */
    int windowsHeld() {
        return (int) windowsHeld;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        partitions.forEach((tp, segments) -> {
            OffsetAndMetadata consumed = currentOffsets.get(tp);
            segments.commitOffset(consumed == null ? -1 : consumed.offset())
                    .ifPresent(offset -> safe.put(tp, new OffsetAndMetadata(offset)));
        });
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

    /** An open segment's window written early. */
    private record EarlyWindow(Segment<WindowAggregates> segment, long windowStart) {
    }

    /** The oldest {@code count} points of a partition's pending health. */
    private record HealthPoints(PendingHealth pending, int count) {
    }
}
