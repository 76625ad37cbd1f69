package org.bwnetflow.connect.rawflows;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.bwnetflow.connect.model.sink.NonFlowRecords;
import org.bwnetflow.connect.rawflows.encode.FlowLineEncoder;
import org.bwnetflow.connect.rawflows.write.Batch;
import org.bwnetflow.connect.rawflows.write.BatchWriter;
import org.bwnetflow.connect.rawflows.write.QuestDbHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes each flow record into a line of the batch being filled while the previous batch is
 * written ({@link BatchWriter}), and commits a partition only up to the records of batches QuestDB
 * took. A replay after a crash or rebalance writes the same rows (same timestamp, topic, partition
 * and offset), which the table's deduplication replaces: every flow is stored exactly once.
 *
 * <p>A record that is no flow (no FlowMessage bytes or Struct, a tombstone, an ingest health
 * record, no timestamp) is skipped and counted, and reported to the dead letter queue when the
 * connector has one; it never stops the task.
 */
public class RawFlowsSinkTask extends SinkTask {

    /** How long a put waits for the write in flight when the next batch is full, before Connect is asked to retry. */
    static final long BACKPRESSURE_WAIT_MS = 10_000;
    /** Headroom over batch.max.bytes: a batch is handed off at the first put that finds it full. */
    private static final int BATCH_HEADROOM = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(RawFlowsSinkTask.class);

    private final LongSupplier nanoClock;
    private final RateLimitedLog skipLog = new RateLimitedLog(60_000);
    /** Per partition, the offset up to which every record is in QuestDB (or was skipped): what may be committed. */
    private final Map<TopicPartition, Long> writtenUpTo = new HashMap<>();
    private RawFlowsSinkConfig config;
    private FlowLineEncoder encoder;
    private BatchWriter writer;
    private SinkCounters counters;
    private Batch filling;
    /** The other batch when it is not in flight; null while it is. */
    private Batch spare;
    private long flushIntervalNanos;
    private TopicPartition lastPartition;

    public RawFlowsSinkTask() {
        this(System::nanoTime);
    }

    /** For tests: a clock they move. */
    RawFlowsSinkTask(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new RawFlowsSinkConfig(props);
        config.checkCrossKeys();
        counters = new SinkCounters();
        if (context != null) {
            counters.register(context.pluginMetrics());
        }
        encoder = new FlowLineEncoder(config.tableName());
        QuestDbHttp http = new QuestDbHttp(config.url(), config.username(), config.password(), config.timeout());
        writer = new BatchWriter(http, config.tableStatements(), config.retries(), counters.writer(),
                "raw-flows-writer-" + config.tableName());
        writer.prepareTable();
        filling = new Batch(config.batchMaxBytes() + BATCH_HEADROOM);
        spare = new Batch(config.batchMaxBytes() + BATCH_HEADROOM);
        flushIntervalNanos = config.flushIntervalMillis() * 1_000_000L;
        log.info("Raw flows sink task started: table {} at {}, retention {} h, batches of {} bytes", config.tableName(),
                config.url(), config.retentionHours(), config.batchMaxBytes());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        partitions.forEach(writtenUpTo::remove); // resumed at its committed offset: nothing of it is known written
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // Rows of these in a batch are still written: the same rows the next owner writes, which dedup replaces.
        partitions.forEach(writtenUpTo::remove);
        lastPartition = null;
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        collectWritten(0);
        if (filling.bytes() >= config.batchMaxBytes()) {
            if (!writer.isIdle()) {
                collectWritten(BACKPRESSURE_WAIT_MS);
            }
            if (spare == null) {
                // QuestDB is slow or down and the writer retries: these records are redelivered, none is lost.
                context.timeout(1_000);
                throw new RetriableException("the previous batch is still being written to " + config.url()
                        + "; waiting before taking more records");
            }
            handOff();
        }
        long now = nanoClock.getAsLong();
        for (SinkRecord record : records) {
            add(record, now);
        }
        if (isDue(now) && spare != null) {
            handOff();
        }
    }

    private void add(SinkRecord record, long now) {
        TopicPartition partition = partitionOf(record);
        byte[] flow = flowBytes(record);
        Long timestamp = record.timestamp();
        boolean written = false;
        if (flow != null) {
            if (timestamp == null || timestamp < 0) {
                skip(record, "it has no timestamp (the row's designated timestamp and first deduplication key)");
            } else if (encoder.append(filling.lines(), flow, record.topic(), record.kafkaPartition(), record.kafkaOffset(),
                    timestamp)) {
                written = true;
            } else {
                skip(record, "its " + flow.length + " bytes are no FlowMessage");
            }
        }
        filling.covered(partition, record.kafkaOffset(), written, now);
    }

    /** The record's FlowMessage bytes; null (reported) when it has none. */
    private byte[] flowBytes(SinkRecord record) {
        Object value = record.value();
        if (value instanceof byte[] bytes) {
            if (isIngestHealth(record)) {
                skip(record, "an ingest health record is no flow");
                return null;
            }
            return bytes;
        }
        if (value instanceof Struct struct && FlowMessageSchema.isFlowSchema(struct.schema())) {
            return FlowMessageCodec.encode(struct); // the converter's Struct: the same bytes, one encoding path
        }
        skip(record, "it needs FlowMessage records (raw protobuf bytes through ByteArrayConverter, or "
                + "FlowMessageConverter), got " + (value == null ? "a tombstone" : value.getClass().getName()));
        return null;
    }

    private static boolean isIngestHealth(SinkRecord record) {
        if (record.headers().isEmpty()) {
            return false;
        }
        Header header = record.headers().lastWithName(FlowMessageConverter.RECORD_HEADER);
        if (header == null || header.value() == null) {
            return false;
        }
        Object value = header.value();
        String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value.toString();
        return FlowMessageConverter.INGEST_HEALTH.equals(text);
    }

    private void skip(SinkRecord record, String why) {
        counters.skipped.increment();
        String message = "The raw flows sink skips the record at " + NonFlowRecords.where(record) + ": " + why;
        ErrantRecordReporter reporter = context == null ? null : context.errantRecordReporter();
        if (reporter != null) {
            reporter.report(record, new DataException(message));
        } else if (skipLog.shouldLog()) {
            log.warn("{} ({} more skipped since the last message; errors.tolerance=all with "
                    + "errors.deadletterqueue.topic.name keeps them in a dead letter queue)", message,
                    skipLog.takeSuppressed());
        }
    }

    private TopicPartition partitionOf(SinkRecord record) {
        if (lastPartition == null || lastPartition.partition() != record.kafkaPartition()
                || !lastPartition.topic().equals(record.topic())) {
            lastPartition = new TopicPartition(record.topic(), record.kafkaPartition());
        }
        return lastPartition;
    }

    /** Full, or its first record waited the flush interval. */
    private boolean isDue(long now) {
        return !filling.isEmpty() && (filling.bytes() >= config.batchMaxBytes()
                || now - filling.startedNanos() >= flushIntervalNanos);
    }

    /** Starts writing the filled batch and fills the other one; the writer must be idle with its batch taken. */
    private void handOff() {
        if (filling.isEmpty()) {
            return;
        }
        writer.submit(filling);
        filling = spare;
        spare = null;
    }

    /** Takes the batch in flight if QuestDB took it (waiting up to {@code waitMillis}): its offsets may be committed. */
    private void collectWritten(long waitMillis) {
        Batch written = writer.takeWritten(waitMillis);
        if (written != null) {
            written.nextOffsets().forEach((tp, next) -> writtenUpTo.merge(tp, next, Math::max));
            written.clear();
            spare = written;
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        collectWritten(0);
        if (spare != null && !filling.isEmpty()) {
            handOff(); // what came since the last write goes now: the next commit can pass it
        }
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        currentOffsets.forEach((tp, consumed) -> {
            Long written = writtenUpTo.get(tp);
            if (written != null) {
                committable.put(tp, new OffsetAndMetadata(Math.min(written, consumed.offset())));
            }
        });
        return committable;
    }

    /** The task's counters, for tests. */
    SinkCounters counters() {
        return counters;
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
        if (counters != null) {
            counters.close();
        }
        log.info("Raw flows sink task stopped");
    }
}
