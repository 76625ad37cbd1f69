package org.bwnetflow.connect.rawflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.testing.FakeSinkContext;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RawFlowsSinkTaskTest {

    private static final String TOPIC = "flows-1000";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final String PASSWORD = "s3cret-p4ss";

    private final FakeQuestDb questDb = new FakeQuestDb();
    private RawFlowsSinkTask task;
    private FakeSinkContext context;

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
        questDb.close();
    }

    @Test
    void createsTheTableWithItsRetentionAndLogsIn() {
        start(false, Map.of("retention.hours", "72"));
        assertThat(questDb.queries()).hasSize(3);
        assertThat(questDb.queries().get(0)).startsWith("CREATE TABLE IF NOT EXISTS flows_raw (ts TIMESTAMP")
                .contains("TTL 72 HOURS").contains("DEDUP UPSERT KEYS(ts, kafka_topic, kafka_partition, kafka_offset)");
        assertThat(questDb.queries().get(1)).startsWith("ALTER TABLE flows_raw DEDUP ENABLE UPSERT KEYS(");
        assertThat(questDb.queries().get(2)).isEqualTo("ALTER TABLE flows_raw SET TTL 72 HOURS");
        task.put(records(0, 3));
        awaitCommitted(3);
        assertThat(questDb.authorizations()).allMatch(a -> a.startsWith("Basic "));
    }

    @Test
    void commitsOnlyOffsetsWhoseRowsQuestDbTook() {
        questDb.answer(503, "busy").answer(503, "busy");
        start(false, Map.of());
        task.put(records(0, 10));
        assertThat(preCommit()).as("nothing written yet").isEmpty();
        awaitCommitted(10);
        assertThat(questDb.rows()).hasSize(10);
        assertThat(questDb.rows().get(9)).contains("kafka_offset=9i");
        assertThat(task.counters().value("write-retries")).isEqualTo(2);
        assertThat(task.counters().value("rows-written")).isEqualTo(10);
    }

    @Test
    void aLoginQuestDbRefusesFailsTheStartWithoutTheSecret() {
        questDb.execStatus = 401;
        assertThatThrownBy(() -> start(false, Map.of())).isInstanceOf(ConnectException.class)
                .hasMessageContaining("user 'flowstack'").hasMessageContaining("401")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aLoginRefusedLaterFailsThePutWithoutTheSecret() {
        questDb.answer(401, "");
        start(false, Map.of());
        task.put(records(0, 2));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                task.put(List.of());
                Thread.sleep(20);
            }
        }).isInstanceOf(ConnectException.class).hasMessageContaining("questdb.password").hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aLineQuestDbRefusesIsCutOutAndTheRestWritten() {
        questDb.answer(400, "{\"code\":\"invalid\",\"message\":\"bad\",\"line\":3,\"errorId\":\"x\"}");
        start(false, Map.of());
        task.put(records(0, 5));
        awaitCommitted(5);
        assertThat(questDb.rows()).hasSize(4).noneMatch(row -> row.contains("kafka_offset=2i"));
        assertThat(task.counters().value("rows-refused")).isEqualTo(1);
    }

    @Test
    void recordsThatAreNoFlowsAreSkippedAndCountedAndNeverStopTheTask() {
        start(false, Map.of());
        task.put(mixedRecords());
        awaitCommitted(7);
        assertThat(questDb.rows()).hasSize(2);
        assertThat(questDb.rows().get(1)).as("the converter's Struct, same line").contains("kafka_offset=3i");
        assertThat(task.counters().value("records-skipped")).isEqualTo(5);
    }

    @Test
    void recordsThatAreNoFlowsGoToTheDeadLetterQueueWhenThereIsOne() {
        start(true, Map.of());
        task.put(mixedRecords());
        awaitCommitted(7);
        assertThat(context.reported()).extracting(SinkRecord::kafkaOffset).containsExactly(1L, 2L, 4L, 5L, 6L);
    }

    @Test
    void largeInputIsWrittenInBatchesOfTheConfiguredSize() {
        start(false, Map.of("batch.max.bytes", String.valueOf(64 << 10), "flush.interval.ms", "600000"));
        int offset = 0;
        for (int put = 0; put < 40; put++) {
            task.put(records(offset, 50));
            offset += 50;
        }
        awaitCommitted(offset);
        assertThat(questDb.rows()).hasSize(offset);
        assertThat(questDb.writes().size()).as("about 900 kB in batches of 64 KiB and one put").isGreaterThanOrEqualTo(9);
        assertThat(questDb.writes()).allMatch(w -> w.length() < (64 << 10) + 50 * 600);
    }

    @Test
    void whileQuestDbIsDownPutsAreRetriedByConnectAndNothingIsCommitted() {
        for (int i = 0; i < 1000; i++) {
            questDb.answer(503, "down");
        }
        start(false, Map.of("batch.max.bytes", String.valueOf(64 << 10), "retry.backoff.initial.ms", "10",
                "retry.backoff.max.ms", "20"));
        List<SinkRecord> many = records(0, 300); // more than a batch
        task.put(many);
        task.put(records(300, 300)); // hands the first off; the second fills
        long started = System.nanoTime();
        assertThatThrownBy(() -> task.put(records(600, 10))).isInstanceOf(RetriableException.class);
        assertThat(System.nanoTime() - started).as("it waited for the write first").isGreaterThan(5_000_000_000L);
        assertThat(preCommit()).isEmpty();
        assertThat(context.timeout()).isPositive();
    }

    private void start(boolean deadLetterQueue, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("questdb.url", questDb.url());
        props.put("questdb.username", "flowstack");
        props.put("questdb.password", PASSWORD);
        props.put("flush.interval.ms", "10");
        props.put("retry.backoff.initial.ms", "10");
        props.put("retry.backoff.max.ms", "50");
        props.putAll(extra);
        task = new RawFlowsSinkTask();
        context = new FakeSinkContext(deadLetterQueue);
        task.initialize(context);
        task.start(props);
    }

    private Map<TopicPartition, OffsetAndMetadata> preCommit() {
        return task.preCommit(Map.of(TP, new OffsetAndMetadata(1_000_000)));
    }

    /** Puts nothing (as the worker does between polls) and commits until {@code offset} may be committed. */
    private void awaitCommitted(long offset) {
        await(() -> {
            task.put(List.of());
            OffsetAndMetadata committed = preCommit().get(TP);
            return committed != null && committed.offset() == offset;
        });
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static List<SinkRecord> records(int from, int count) {
        List<SinkRecord> records = new ArrayList<>();
        for (int offset = from; offset < from + count; offset++) {
            byte[] flow = FlowMessageCodec.encode(TestFlows.with(TestFlows.fullFlow(), FlowField.SRC_PORT, offset));
            records.add(record(offset, flow));
        }
        return records;
    }

    private static SinkRecord record(long offset, Object value) {
        return new SinkRecord(TOPIC, 0, null, null, null, value, offset, 1_700_000_000_000L + offset,
                TimestampType.CREATE_TIME);
    }

    /** A flow, garbage, a tombstone, a Struct flow, an ingest health record, a flow without timestamp, a String. */
    private static List<SinkRecord> mixedRecords() {
        List<SinkRecord> records = new ArrayList<>();
        records.add(record(0, FlowMessageCodec.encode(TestFlows.fullFlow())));
        records.add(record(1, new byte[] {(byte) 0xff, 0x01}));
        records.add(record(2, null));
        records.add(new SinkRecord(TOPIC, 0, null, null, FlowMessageSchema.SCHEMA, TestFlows.fullFlow(), 3,
                1_700_000_000_003L, TimestampType.CREATE_TIME));
        ConnectHeaders health = new ConnectHeaders();
        health.addBytes(FlowMessageConverter.RECORD_HEADER, FlowMessageConverter.INGEST_HEALTH.getBytes());
        records.add(new SinkRecord(TOPIC, 0, null, null, null, new byte[] {0x08, 0x01}, 4, 1_700_000_000_004L,
                TimestampType.CREATE_TIME, health));
        records.add(new SinkRecord(TOPIC, 0, null, null, null, FlowMessageCodec.encode(TestFlows.fullFlow()), 5, null,
                TimestampType.NO_TIMESTAMP_TYPE));
        records.add(new SinkRecord(TOPIC, 0, null, null, Schema.STRING_SCHEMA, "text", 6, 1L, TimestampType.CREATE_TIME));
        return records;
    }
}
