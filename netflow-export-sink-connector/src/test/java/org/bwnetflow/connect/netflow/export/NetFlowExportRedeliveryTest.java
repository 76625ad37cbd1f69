package org.bwnetflow.connect.netflow.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.model.testing.FakeSinkContext;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.export.testing.ExportTestFlows;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A collector's socket that refuses sends for a while, and Connect's redelivery around it (the
 * batch again after a RetriableException, a rewind after a failed preCommit): each flow reaches
 * each collector exactly once, with the domains' sequence numbers unbroken, and the offsets are
 * committed to the end.
 */
class NetFlowExportRedeliveryTest {

    private static final long NOW_SECONDS = System.currentTimeMillis() / 1000;
    private static final String TOPIC = "flows-1000";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final int FLOWS = 400;

    private final List<RefusingSender> senders = new ArrayList<>();
    private final FakeSinkContext context = new FakeSinkContext(true);
    private LoopbackCollector refusing;
    private LoopbackCollector healthy;
    private NetFlowExportSinkTask task;

    @BeforeEach
    void openCollectors() throws IOException {
        refusing = new LoopbackCollector();
        healthy = new LoopbackCollector();
    }

    @AfterEach
    void close() {
        if (task != null) {
            task.stop();
        }
        refusing.close();
        healthy.close();
    }

    /** Collector 0 (refusing) refuses as told; collector 1 (healthy) takes everything. */
    private void start(String protocol, IntPredicate refuse, String... more) {
        Map<String, String> props = new HashMap<>();
        props.put(NetFlowExportSinkConfig.COLLECTORS, refusing.address() + "," + healthy.address());
        props.put(NetFlowExportSinkConfig.PROTOCOL, protocol);
        props.put(NetFlowExportSinkConfig.FLUSH_INTERVAL_MS, "1");
        props.put("retry.backoff.initial.ms", "1");
        props.put("retry.backoff.max.ms", "2");
        props.put("retry.max.attempts", "1000");
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        task = new NetFlowExportSinkTask(RefusingSender.factory(0, refuse, senders));
        task.initialize(context);
        task.start(props);
    }

    /** Flows 0..count-1 over two partitions (flow i in partition i / 10 % 2), offsets from 0 in each. */
    private static List<SinkRecord> records(int count) {
        List<SinkRecord> records = new ArrayList<>();
        long[] next = new long[2];
        for (int i = 0; i < count; i++) {
            int partition = i / 10 % 2;
            records.add(new SinkRecord(TOPIC, partition, Schema.BYTES_SCHEMA, null, FlowMessageSchema.SCHEMA,
                    ExportTestFlows.flow(i, NOW_SECONDS), next[partition]++));
        }
        return records;
    }

    /**
     * How often each flow (by its source port) reached the collector, read by our decoder (a new
     * one for each life of the collector: one that restarted knows no templates); then asserts what
     * a collector would count as lost: sequence gaps, and data whose template never came.
     */
    private static Map<Integer, Integer> flowsReceived(LoopbackCollector collector) throws IOException {
        Map<Integer, Integer> times = new TreeMap<>();
        long gaps = 0;
        long templateMisses = 0;
        for (List<byte[]> life : collector.receiveByLife()) {
            CodecRun run = new CodecRun();
            for (byte[] datagram : life) {
                run.decode(datagram, System.currentTimeMillis());
            }
            for (DecodedFlow flow : run.flows) {
                times.merge((int) flow.srcPort() - 30_000, 1, Integer::sum);
            }
            gaps += run.decoder.counters().sequenceGaps();
            templateMisses += run.decoder.counters().templateMisses();
        }
        Map<Integer, Integer> notOnce = new TreeMap<>();
        times.forEach((flow, n) -> {
            if (n != 1) {
                notOnce.put(flow, n);
            }
        });
        assertThat(notOnce).as("flows that arrived more than once (flow=times)").isEmpty();
        assertThat(gaps).as("sequence gaps the collector counts").isZero();
        assertThat(templateMisses).as("data sets whose template never came").isZero();
        return times;
    }

    private static Map<Integer, Integer> eachOnce(int count) {
        Map<Integer, Integer> once = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            once.put(i, 1);
        }
        return once;
    }

    private long refused() {
        return senders.stream().mapToLong(RefusingSender::refused).sum();
    }

    @ParameterizedTest(name = "{0}: sends {1} to {1}+{2}-1 refused, batches of {3}")
    @CsvSource({
        "NETFLOW_V9, 1, 1, 50", "NETFLOW_V9, 4, 3, 50", "NETFLOW_V9, 11, 1, 400", "NETFLOW_V9, 20, 5, 13",
        "IPFIX, 2, 1, 50", "IPFIX, 7, 2, 400", "IPFIX, 15, 4, 13", "IPFIX, 30, 1, 50"})
    void aRetriedBatchSendsOnlyWhatWasNotSent(String protocol, int first, int count, int batchSize) throws IOException {
        start(protocol, RefusingSender.run(first, count));
        WorkerLoop worker = new WorkerLoop(task, context, records(FLOWS), 100);

        worker.run(batchSize);

        assertThat(refused()).as("sends refused").isEqualTo(count);
        assertThat(worker.retriedPuts() + worker.rewinds()).as("deliveries Connect repeated").isPositive();
        assertThat(flowsReceived(refusing)).as("flows at the collector that refused").isEqualTo(eachOnce(FLOWS));
        assertThat(flowsReceived(healthy)).as("flows at the collector that took everything").isEqualTo(eachOnce(FLOWS));
        assertThat(worker.committed()).as("committed offsets")
                .isEqualTo(Map.of(P0, (long) FLOWS / 2, new TopicPartition(TOPIC, 1), (long) FLOWS / 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NETFLOW_V9", "IPFIX"})
    void aCollectorThatRestartsMidStreamGetsEachFlowOnce(String protocol) throws Exception {
        task = new NetFlowExportSinkTask(); // the real sockets: the kernel refuses, no test double
        task.initialize(context);
        task.start(Map.of(NetFlowExportSinkConfig.COLLECTORS, refusing.address() + "," + healthy.address(),
                NetFlowExportSinkConfig.PROTOCOL, protocol, NetFlowExportSinkConfig.FLUSH_INTERVAL_MS, "1",
                "retry.backoff.initial.ms", "5", "retry.backoff.max.ms", "20", "retry.max.attempts", "1000"));
        Thread restart = new Thread(() -> {
            try {
                Thread.sleep(300);
                refusing.comeBack();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        WorkerLoop worker = new WorkerLoop(task, context, records(FLOWS), 1000).beforeBatch(4, () -> {
            try {
                refusing.goAway();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            restart.start();
        });

        worker.run(50);
        restart.join();

        assertThat(task.counter("send-failures")).as("sends the kernel refused while nothing listened").isPositive();
        assertThat(flowsReceived(refusing)).as("flows at the collector that restarted").isEqualTo(eachOnce(FLOWS));
        assertThat(flowsReceived(healthy)).as("flows at the other collector").isEqualTo(eachOnce(FLOWS));
        assertThat(worker.committed().values()).containsOnly((long) FLOWS / 2);
    }

    @Test
    void randomRefusalsStillDeliverEachFlowOnce() throws IOException {
        long seed = 20_240_521L;
        System.out.println("NetFlowExportRedeliveryTest seed " + seed);
        start("NETFLOW_V9", RefusingSender.random(seed, 0.3));
        WorkerLoop worker = new WorkerLoop(task, context, records(FLOWS), 1000);

        worker.run(37);

        assertThat(refused()).as("sends refused (seed %d)", seed).isGreaterThan(5);
        assertThat(flowsReceived(refusing)).as("seed %d", seed).isEqualTo(eachOnce(FLOWS));
        assertThat(flowsReceived(healthy)).as("seed %d", seed).isEqualTo(eachOnce(FLOWS));
    }

    @Test
    void aSendRefusedAtCommitTimeIsKeptAndCommittedOnlyOnceItWent() throws Exception {
        start("IPFIX", RefusingSender.run(1, 1), NetFlowExportSinkConfig.FLUSH_INTERVAL_MS, "60000",
                NetFlowExportSinkConfig.DOMAIN_MODE, "single");
        List<SinkRecord> three = records(3);
        task.put(three);

        Map<TopicPartition, OffsetAndMetadata> first = task.preCommit(Map.of(P0, new OffsetAndMetadata(3)));
        assertThat(first).as("nothing committed past a datagram the collector refused")
                .doesNotContainEntry(P0, new OffsetAndMetadata(3));
        assertThat(flowsReceived(refusing)).isEmpty();

        Thread.sleep(5); // the backoff
        task.put(List.of());
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(3));
        assertThat(flowsReceived(refusing)).isEqualTo(eachOnce(3));
        assertThat(flowsReceived(healthy)).isEqualTo(eachOnce(3));
    }

    @Test
    void aRefusedSendAsksConnectToRetryAfterTheBackoffAndGivesUpAfterTheRetries() {
        start("IPFIX", attempt -> true, "retry.max.attempts", "2", "retry.backoff.initial.ms", "20",
                "retry.backoff.max.ms", "40");
        List<SinkRecord> batch = records(30); // more than a datagram holds: one is sent during put
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(context.timeout()).as("the redelivery delay asked of Connect").isBetween(10L, 20L);
        assertThatThrownBy(() -> task.put(batch)).as("redelivered before the backoff ran out: no attempt spent")
                .isInstanceOf(RetriableException.class).hasMessageContaining("waiting");
        sleepPast(context.timeout());
        assertThatThrownBy(() -> task.put(batch)).as("retry 1").isInstanceOf(RetriableException.class);
        sleepPast(context.timeout());
        assertThatThrownBy(() -> task.put(batch)).as("retry 2, the last").isNotInstanceOf(RetriableException.class)
                .isInstanceOf(ConnectException.class).hasMessageContaining(refusing.address())
                .hasMessageContaining("retry.max.attempts=2");
        assertThat(refused()).as("sends refused: the first and two retries").isEqualTo(3);
    }

    @Test
    void recordsThatAreNoFlowsGoToTheDeadLetterQueueOnceAndAreCommittedAtTheTail() throws IOException {
        // The first datagram, full during the put, is refused: the whole batch comes again.
        start("IPFIX", RefusingSender.run(1, 1), NetFlowExportSinkConfig.DOMAIN_MODE, "single");
        List<Long> errant = List.of(5L, 17L, 32L, 33L);
        List<SinkRecord> batch = new ArrayList<>();
        int flow = 0;
        for (long offset = 0; offset < 34; offset++) {
            batch.add(!errant.contains(offset) ? flowRecord(offset, flow++)
                    : offset == 17 ? other(offset, null, null) : other(offset, Schema.STRING_SCHEMA, "not a flow"));
        }
        WorkerLoop worker = new WorkerLoop(task, context, batch, 100);

        worker.run(batch.size());

        assertThat(worker.retriedPuts()).as("the batch was delivered again").isPositive();
        assertThat(context.reported()).as("records reported to the dead letter queue, each once")
                .extracting(SinkRecord::kafkaOffset).containsExactlyElementsOf(errant);
        assertThat(worker.committed()).as("committed past the rejected tail").containsEntry(P0, 34L);
        assertThat(flowsReceived(refusing)).isEqualTo(eachOnce(30));
        assertThat(task.counter("records-rejected")).isEqualTo(4);
    }

    @Test
    void withoutADeadLetterQueueARecordThatIsNoFlowFailsTheTaskNamingIt() {
        FakeSinkContext noQueue = new FakeSinkContext(false);
        task = new NetFlowExportSinkTask(RefusingSender.factory(0, attempt -> false, senders));
        task.initialize(noQueue);
        task.start(Map.of(NetFlowExportSinkConfig.COLLECTORS, refusing.address()));
        assertThatThrownBy(() -> task.put(List.of(flowRecord(0, 0), other(1, Schema.STRING_SCHEMA, "not a flow"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("The NetFlow export sink cannot use the record at " + TOPIC + "-0@1")
                .hasMessageContaining("errors.tolerance=all");
    }

    @Test
    void ingestHealthRecordsAreNotFlowsButNoErrorEither() {
        start("IPFIX", attempt -> false);
        Struct health = new Struct(IngestHealth.SCHEMA);
        task.put(List.of(other(0, IngestHealth.SCHEMA, health), flowRecord(1, 0)));
        assertThat(context.reported()).isEmpty();
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(2)))).containsEntry(P0, new OffsetAndMetadata(2));
    }

    @Test
    void aPartitionAssignedAgainIsTakenFromWhereConnectStarts() throws IOException {
        start("IPFIX", attempt -> false);
        task.put(List.of(flowRecord(0, 0), flowRecord(1, 1), flowRecord(2, 2)));
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3)))).containsEntry(P0, new OffsetAndMetadata(3));
        task.close(List.of(P0));
        // The topic was deleted and created again while the partition was away: offsets start at 0 once more.
        task.open(List.of(P0));
        task.put(List.of(flowRecord(0, 10), flowRecord(1, 11)));
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(2)))).containsEntry(P0, new OffsetAndMetadata(2));
        Map<Integer, Integer> want = eachOnce(3);
        want.put(10, 1);
        want.put(11, 1);
        assertThat(flowsReceived(healthy)).isEqualTo(want);
    }

    private static SinkRecord flowRecord(long offset, int flow) {
        Struct value = ExportTestFlows.flow(flow, NOW_SECONDS);
        assertThat(Flows.number(value, SRC_PORT)).isEqualTo(30_000 + flow);
        return new SinkRecord(TOPIC, 0, null, null, FlowMessageSchema.SCHEMA, value, offset);
    }

    private static SinkRecord other(long offset, Schema schema, Object value) {
        return new SinkRecord(TOPIC, 0, null, null, schema, value, offset);
    }

    private static void sleepPast(long millis) {
        try {
            Thread.sleep(millis + 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
