package org.bwnetflow.connect.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.exceptions.InfluxException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.influx.write.InfluxWriter;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.model.sink.NonFlowRecords;
import org.bwnetflow.connect.model.testing.FakeSinkContext;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sink task with ingest health records, over a fake database and a clock the test moves: each
 * record is one point of the ingest measurement, written with the next write, kept through failed
 * writes, and committed only once written; flows beside them are counted as before.
 */
class InfluxSinkTaskHealthTest {

    private static final String FLOWS = "flows-1000";
    private static final String HEALTH = "_ingest-health";
    /** On a 10 s window boundary. */
    private static final long T0 = 1_700_000_000_000L;
    private static final long WRITE_INTERVAL = 1_000;
    private static final String HEALTH_LINE = "ingest,connector=netflow-source,exporter=192.0.2.1,task=2 interval_ms=10000i,"
            + "datagrams=100i,flows=101i,sequence_gaps=102i,sequence_missing=103i,datagrams_received=104i,kernel_drops=105i,"
            + "not_allowed=106i,malformed=107i,template_misses=108i,clock_skewed=109i 1700000010250";

    private final AtomicLong clock = new AtomicLong(T0);
    private final List<String> written = new ArrayList<>();
    private final FakeSinkContext context = new FakeSinkContext(true);
    private int failNextWrites;
    private InfluxSinkTask task;

    @AfterEach
    void stop() {
        task.stop();
    }

    private void start(FakeSinkContext taskContext) {
        Map<String, String> props = new HashMap<>();
        props.put(InfluxSinkConfig.INFLUX_URL, "http://127.0.0.1:1");
        props.put(InfluxSinkConfig.INFLUX_ORG, "acme");
        props.put(InfluxSinkConfig.INFLUX_BUCKET, "flows");
        props.put(InfluxSinkConfig.WINDOW_SIZE_MS, "10000");
        props.put(InfluxSinkConfig.WRITE_INTERVAL_MS, String.valueOf(WRITE_INTERVAL));
        props.put(InfluxSinkConfig.RETRY_BACKOFF_INITIAL_MS, "1");
        props.put(InfluxSinkConfig.RETRY_BACKOFF_MAX_MS, "1");
        props.put("measurements", "flows");
        props.put("measurement.flows.tags", "cid");
        task = new InfluxSinkTask((settings, metrics) -> new InfluxWriter(settings, this::send, metrics), clock::get);
        task.initialize(taskContext);
        task.start(props);
        task.open(List.of(new TopicPartition(FLOWS, 0), new TopicPartition(HEALTH, 0)));
    }

    private void send(String bucket, List<String> lines) {
        if (failNextWrites > 0) {
            failNextWrites--;
            throw new InfluxException(new SocketTimeoutException("read timed out"));
        }
        lines.forEach(line -> written.add(bucket + ": " + line));
    }

    /** Exporter 192.0.2.1 as task 2 saw it in the 10 s up to T0 + 10.25 s; counter i is 100 + i. */
    static Struct health() {
        Struct health = IngestHealth.newRecord(T0 + 10_250, 10_000, "netflow-source", 2, "192.0.2.1");
        for (int i = 0; i < IngestHealth.COUNTERS.size(); i++) {
            health.put(IngestHealth.COUNTERS.get(i), 100L + i);
        }
        return health;
    }

    private static SinkRecord record(String topic, long offset, Object value, long timestamp) {
        Schema schema = value instanceof Struct struct ? struct.schema() : null;
        return new SinkRecord(topic, 0, null, null, schema, value, offset, timestamp, TimestampType.CREATE_TIME);
    }

    /** 100 bytes of customer 1000 that ended at {@code flowTime}. */
    private static SinkRecord flow(long offset, long flowTime, long timestamp) {
        Struct flow = TestFlows.flow("198.51.100.7", "192.0.2.10");
        Flows.setNumber(flow, FlowField.CID, 1000);
        Flows.setNumber(flow, FlowField.BYTES, 100);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, flowTime / 1000);
        return record(FLOWS, offset, flow, timestamp);
    }

    private Map<TopicPartition, Long> committable() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        task.preCommit(Map.of()).forEach((tp, offset) -> offsets.put(tp, offset.offset()));
        return offsets;
    }

    private Object counter(String name) {
        return context.pluginMetrics().value(name);
    }

    @Test
    void aHealthRecordIsOnePointWrittenWithTheNextWriteAndCommittedAfterIt() {
        start(context);
        task.put(List.of(record(HEALTH, 7, health(), T0 + 10_300)));
        assertThat(written).as("no write due yet: kept for the next one").isEmpty();
        assertThat(committable()).as("not past the unwritten point").containsEntry(new TopicPartition(HEALTH, 0), 7L);

        clock.addAndGet(WRITE_INTERVAL);
        task.put(List.of());

        assertThat(written).containsExactly("flows: " + HEALTH_LINE);
        assertThat(committable()).containsEntry(new TopicPartition(HEALTH, 0), 8L);
        assertThat(counter("health-points-written")).isEqualTo(1L);
        assertThat(counter("records-counted")).as("not a flow").isEqualTo(0L);
        assertThat(context.reported()).isEmpty();

        clock.addAndGet(WRITE_INTERVAL);
        task.put(List.of());
        assertThat(written).as("written once").hasSize(1);
    }

    @Test
    void healthPointsSurviveAFailedWriteAndAreNotCommittedUntilTheRetryWritesThem() {
        start(context);
        List<SinkRecord> batch = List.of(record(HEALTH, 0, health(), T0), record(HEALTH, 1, health(), T0));
        failNextWrites = 1;
        clock.addAndGet(WRITE_INTERVAL);

        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(written).isEmpty();
        assertThat(committable()).as("not past the unwritten points").containsEntry(new TopicPartition(HEALTH, 0), 0L);
        assertThat(counter("health-points-written")).isEqualTo(0L);

        clock.addAndGet(10); // past the backoff; Connect redelivers the batch
        task.put(batch);

        assertThat(written).containsExactly("flows: " + HEALTH_LINE, "flows: " + HEALTH_LINE);
        assertThat(committable()).containsEntry(new TopicPartition(HEALTH, 0), 2L);
        assertThat(counter("health-points-written")).as("the redelivered records kept once").isEqualTo(2L);
        assertThat(counter("write-retries")).isEqualTo(1L);
    }

    @Test
    void flowsAndHealthInOnePutAreWrittenTogether() {
        start(context);
        // Segments of one write interval (1 s) of record time: flows 0 and 1 are one, flow 2 starts the next.
        task.put(List.of(flow(0, T0 + 1_000, T0 + 1_000), flow(1, T0 + 1_500, T0 + 1_500),
                record(HEALTH, 0, health(), T0 + 2_000), flow(2, T0 + 2_500, T0 + 2_500)));
        assertThat(written).as("nothing due before the write interval").isEmpty();

        clock.addAndGet(WRITE_INTERVAL);
        task.put(List.of());

        // The closed segment's total of window T0, at its slot: 1 ms (its interval is the window's second).
        assertThat(written).containsExactlyInAnyOrder("flows: flows,cid=1000,topic_partition=flows-1000-0 bytes=200i,"
                + "packets=0i,flows=2i 1700000000001", "flows: " + HEALTH_LINE);
        assertThat(committable()).as("at the open segment's first flow; past the written health point")
                .containsEntry(new TopicPartition(FLOWS, 0), 2L).containsEntry(new TopicPartition(HEALTH, 0), 1L);
        assertThat(counter("records-counted")).isEqualTo(3L);
        assertThat(counter("points-written")).isEqualTo(1L);
        assertThat(counter("health-points-written")).isEqualTo(1L);
    }

    @Test
    void onAPartitionWithBothTheCommitWaitsForTheUnwrittenOfEither() {
        start(context);
        // Flow 0 (first segment), health 1 (in it), flow 2 (a later interval: closes it and opens the next).
        List<SinkRecord> batch = List.of(flow(0, T0 + 1_000, T0 + 1_000), record(FLOWS, 1, health(), T0 + 1_500),
                flow(2, T0 + 2_500, T0 + 2_500));
        failNextWrites = 1;
        clock.addAndGet(WRITE_INTERVAL);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(committable()).containsEntry(new TopicPartition(FLOWS, 0), 0L);

        clock.addAndGet(10);
        task.put(batch);
        assertThat(written).hasSize(2).contains("flows: " + HEALTH_LINE);
        assertThat(committable()).as("past the written segment and its health point, at the open one")
                .containsEntry(new TopicPartition(FLOWS, 0), 2L);

        task.put(List.of(flow(3, T0 + 3_500, T0 + 3_500), record(FLOWS, 4, health(), T0 + 3_600)));
        clock.addAndGet(WRITE_INTERVAL);
        task.put(List.of());
        assertThat(written).as("segment 2 and health 4 go in one write").hasSize(4)
                .contains("flows: flows,cid=1000,topic_partition=flows-1000-0 bytes=100i,packets=0i,flows=1i 1700000000002");
        assertThat(committable()).as("health 4 is in the open segment 3: the commit waits at its start")
                .containsEntry(new TopicPartition(FLOWS, 0), 3L);
        clock.addAndGet(WRITE_INTERVAL);
        task.put(List.of());
        assertThat(written).as("the quiet partition's open segment, written early at its slot").hasSize(5)
                .contains("flows: flows,cid=1000,topic_partition=flows-1000-0 bytes=100i,packets=0i,flows=1i 1700000000003");
        assertThat(committable()).as("an open segment is never committed past").containsEntry(new TopicPartition(FLOWS, 0), 3L);
    }

    @Test
    void aValueThatIsNeitherFlowNorHealthGoesToTheDeadLetterQueue() {
        start(context);
        SinkRecord text = record(FLOWS, 0, "not a flow", T0);
        task.put(List.of(text));

        assertThat(context.reported()).containsExactly(text);
        assertThat(counter("rejected-records")).isEqualTo(1L);
        assertThat(counter("health-points-written")).isEqualTo(0L);
    }

    @Test
    void withoutADeadLetterQueueSuchAValueFailsThePutNamingTheRecord() {
        start(new FakeSinkContext(false));
        SinkRecord text = record(FLOWS, 0, "not a flow", T0);
        assertThatThrownBy(() -> task.put(List.of(text)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("The Influx sink cannot use the record at " + NonFlowRecords.where(text))
                .hasMessageContaining("FlowMessage").hasMessageContaining("errors.tolerance=all");
    }

    @Test
    void aHealthRecordWithoutAnExporterGoesToTheDeadLetterQueue() {
        start(context);
        Struct health = health().put(IngestHealth.EXPORTER, "");
        SinkRecord bad = record(HEALTH, 0, health, T0);
        task.put(List.of(bad));
        clock.addAndGet(WRITE_INTERVAL);
        task.put(List.of());

        assertThat(context.reported()).containsExactly(bad);
        assertThat(written).isEmpty();
    }
}
