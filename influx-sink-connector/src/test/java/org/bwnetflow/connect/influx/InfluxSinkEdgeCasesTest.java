package org.bwnetflow.connect.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.influx.testing.LineProtocolDatabase;
import org.bwnetflow.connect.influx.testing.LineProtocolDatabase.Semantics;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sequences that broke the exactly-once promise before: a record out of order that a replay
 * judged differently than the first run, rejected records at a partition's tail that were never
 * committed, and one customer's missing bucket that failed every customer's writes.
 */
class InfluxSinkEdgeCasesTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final TopicPartition FLOWS_1000 = new TopicPartition("flows-1000", 0);
    private static final TopicPartition FLOWS_2000 = new TopicPartition("flows-2000", 0);

    private final AtomicLong clock = new AtomicLong(T0);
    private final LineProtocolDatabase database = new LineProtocolDatabase(Semantics.LAST_WRITE_WINS);
    private SimulatedWorker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop();
        }
    }

    private static SinkRecord flow(TopicPartition tp, long offset, long cid, long bytes, long flowTime, long timestamp) {
        Struct flow = TestFlows.flow("198.51.100.7", "10.0.0.1");
        Flows.setNumber(flow, FlowField.CID, cid);
        Flows.setNumber(flow, FlowField.BYTES, bytes);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, flowTime / 1000);
        return new SinkRecord(tp.topic(), tp.partition(), null, null, FlowMessageSchema.SCHEMA, flow, offset, timestamp,
                TimestampType.CREATE_TIME);
    }

    private static SinkRecord text(TopicPartition tp, long offset, long timestamp) {
        return new SinkRecord(tp.topic(), tp.partition(), null, null, null, "not a flow", offset, timestamp,
                TimestampType.CREATE_TIME);
    }

    private long bytesOf(long cid, long windowStart) {
        return database.sum("flows", "bytes", s -> Math.floorDiv(s.timestamp(), 10_000L) * 10_000L,
                s -> s.tag("cid").equals(String.valueOf(cid))).getOrDefault(windowStart, 0L);
    }

    private void settle() {
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(10_000);
            worker.drain(1_000);
        }
        worker.commit();
    }

    @Test
    void aRecordFarOutOfOrderIsCountedAndAReplayAfterARebalanceDecidesTheSame() {
        LineProtocolDatabase uninterrupted = new LineProtocolDatabase(Semantics.LAST_WRITE_WINS);
        outOfOrderSequence(uninterrupted, false);
        outOfOrderSequence(database, true);

        assertThat(database.samples("flows")).as("the same points with the same values, replay or not")
                .containsExactlyInAnyOrderElementsOf(uninterrupted.samples("flows"));
        assertThat(bytesOf(1000, T0 + 10_000)).as("window 10 s keeps its ten flows").isEqualTo(1_000L);
        assertThat(database.sum("flows", "bytes", s -> 1, s -> true).get(1))
                .as("every flow counted, the one far out of order too").isEqualTo(1_000L + 76 + 100 + 1);
    }

    /**
     * Ten flows of window [10 s, 20 s), a flow per second up to 95 s, then a record stamped at 15 s
     * that reaches the partition only now (a producer's delayed batch), optionally a rebalance
     * right after it, then one more flow, and the partitions settle.
     */
    private void outOfOrderSequence(LineProtocolDatabase target, boolean rebalance) {
        clock.set(T0);
        worker = new SimulatedWorker(InfluxSinkContinuousTrafficTest.props(), target, clock);
        long offset = 0;
        for (; offset < 10; offset++) {
            worker.append(flow(FLOWS_1000, offset, 1000, 100, T0 + 12_000, T0 + 12_000 + offset));
        }
        for (long t = 20_000; t <= 95_000; t += 1_000) {
            worker.append(flow(FLOWS_1000, offset++, 1000, 1, T0 + t, T0 + t));
        }
        worker.start();
        clock.set(T0 + 96_000);
        worker.drain(1_000);
        clock.addAndGet(10_000);
        worker.poll(1_000);
        worker.commit();
        worker.append(flow(FLOWS_1000, offset++, 1000, 100, T0 + 12_000, T0 + 15_000));
        worker.poll(1_000);
        if (rebalance) {
            worker.rebalance();
        }
        worker.append(flow(FLOWS_1000, offset, 1000, 1, T0 + 107_000, T0 + 107_000));
        settle();
        worker.stop();
    }

    @Test
    void rejectedRecordsAreCommittedWithTheirSegmentAndAPartitionOfThemAlone() {
        worker = new SimulatedWorker(InfluxSinkContinuousTrafficTest.props(), database, clock);
        TopicPartition garbage = new TopicPartition("flows-garbage", 0);
        worker.append(flow(FLOWS_1000, 0, 1000, 100, T0 + 1_000, T0 + 1_000));
        worker.append(flow(FLOWS_1000, 1, 1000, 100, T0 + 2_000, T0 + 2_000));
        // After the flows, only values that are none (a misconfigured producer), for a minute.
        for (long offset = 2; offset < 62; offset++) {
            worker.append(text(FLOWS_1000, offset, T0 + 2_000 + offset * 1_000));
            worker.append(text(garbage, offset - 2, T0 + offset * 1_000));
        }
        worker.start();
        clock.set(T0 + 62_000);
        settle();

        assertThat(worker.reported()).hasSize(120);
        assertThat(bytesOf(1000, T0)).isEqualTo(200L);
        assertThat(worker.committed(garbage)).as("a partition without flows: past everything").isEqualTo(60L);
        // The flows' segment was closed by the later records: committed past, up to the last interval's records.
        assertThat(worker.committed(FLOWS_1000)).as("past the dead-lettered records").isGreaterThanOrEqualTo(52L);
        worker.crash();
        settle();
        assertThat(worker.reported()).as("a restart reports nothing again").hasSize(120);
    }

    @Test
    void recordsTheConverterCouldNotReadAreCommittedWhenNoSegmentIsOpen() {
        worker = new SimulatedWorker(InfluxSinkContinuousTrafficTest.props(), database, clock);
        TopicPartition garbage = new TopicPartition("flows-garbage", 0);
        worker.append(flow(FLOWS_1000, 0, 1000, 100, T0 + 1_000, T0 + 1_000));
        worker.append(text(FLOWS_1000, 1, T0 + 20_000)); // ends the flow's segment
        for (long offset = 2; offset < 12; offset++) {
            worker.append(unreadable(FLOWS_1000, offset, T0 + 20_000 + offset));
            worker.append(unreadable(garbage, offset - 2, T0 + offset));
        }
        worker.start();
        clock.set(T0 + 30_000);
        settle();

        assertThat(bytesOf(1000, T0)).isEqualTo(100L);
        assertThat(worker.committed(FLOWS_1000)).as("past the skipped tail: no segment is open").isEqualTo(12L);
        assertThat(worker.committed(garbage)).as("a partition the task never saw a record of").isEqualTo(10L);
    }

    private static SinkRecord unreadable(TopicPartition tp, long offset, long timestamp) {
        return new SinkRecord(tp.topic(), tp.partition(), null, null, null, SimulatedWorker.CONVERTER_FAILS, offset,
                timestamp, TimestampType.CREATE_TIME);
    }

    @Test
    void aQuietPartitionsTopListIsWrittenOnceItsNextRecordEndsTheSegment() {
        worker = new SimulatedWorker(InfluxSinkContinuousTrafficTest.props(), database, clock);
        for (long offset = 0; offset < 5; offset++) {
            worker.append(flow(FLOWS_1000, offset, 1000, 100, T0 + 1_000 + offset, T0 + 1_000 + offset));
        }
        worker.start();
        clock.set(T0 + 2_000);
        settle();
        long topHosts = database.sum("top_hosts", "bytes", s -> 1, s -> true).getOrDefault(1, 0L);
        assertThat(bytesOf(1000, T0)).as("the open segment's totals, early").isEqualTo(500L);
        assertThat(topHosts).as("no top list early").isZero();

        worker.append(text(FLOWS_1000, 5, T0 + 70_000)); // the partition's next record, a minute later
        settle();
        assertThat(database.sum("top_hosts", "bytes", s -> 1, s -> true)).as("the ended segment's top list")
                .containsEntry(1, 500L);
        assertThat(worker.committed(FLOWS_1000)).isEqualTo(6L);
    }

    @Test
    void oneCustomersMissingBucketHoldsBackOnlyThatCustomer() {
        Map<String, String> props = InfluxSinkContinuousTrafficTest.props();
        props.put(InfluxSinkConfig.INFLUX_BUCKET_PER_CUSTOMER, "flows-${cid}");
        worker = new SimulatedWorker(props, database, clock);
        worker.failBuckets(bucket -> bucket.equals("flows-2000"));
        long offset = 0;
        for (long t = 1_000; t <= 60_000; t += 1_000, offset++) {
            worker.append(flow(FLOWS_1000, offset, 1000, 10, T0 + t, T0 + t));
            worker.append(flow(FLOWS_2000, offset, 2000, 20, T0 + t, T0 + t));
        }
        worker.start();
        clock.set(T0 + 61_000);
        settle();

        assertThat(bytesOf(1000, T0 + 10_000)).as("customer 1000 written").isEqualTo(100L);
        assertThat(worker.committed(FLOWS_1000)).as("and committed").isGreaterThanOrEqualTo(50L);
        assertThat(bytesOf(2000, T0 + 10_000)).as("customer 2000's bucket is missing").isZero();
        assertThat(worker.committed(FLOWS_2000)).as("its offsets wait for its points").isLessThanOrEqualTo(1L);
        assertThat((Long) worker.metrics().value("bucket-write-failures")).isPositive();

        worker.failBuckets(bucket -> false); // the operator creates the bucket
        for (long t = 61_000; t <= 70_000; t += 1_000, offset++) {
            worker.append(flow(FLOWS_1000, offset, 1000, 10, T0 + t, T0 + t));
            worker.append(flow(FLOWS_2000, offset, 2000, 20, T0 + t, T0 + t));
        }
        clock.set(T0 + 71_000);
        settle();
        settle();
        for (long window = T0; window < T0 + 70_000; window += 10_000) {
            assertThat(bytesOf(2000, window)).as("customer 2000's window %d once its bucket exists", window)
                    .isEqualTo(window == T0 ? 180L : 200L);
        }
        assertThat(worker.committed(FLOWS_2000)).isGreaterThanOrEqualTo(60L);
    }
}
