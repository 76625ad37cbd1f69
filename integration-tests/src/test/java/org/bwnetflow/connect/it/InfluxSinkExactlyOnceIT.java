package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.influx.InfluxSinkTask;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.WorkerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once counters for real: flows with known totals go into Kafka while the Influx sink
 * runs in a Connect worker of its own (loading the plugin bundle) and writes to a real QuestDB
 * whose table deduplicates on timestamp and tags, as InfluxDB overwrites a point of the same
 * series and time. Mid-stream the worker is killed with SIGKILL and restarted, or the database
 * is stopped for 30 s; afterwards the totals per customer in the database must equal the
 * ground truth exactly, and stay equal.
 */
@ExtendWith(LocalStack.class)
class InfluxSinkExactlyOnceIT {

    private static final List<String> TAGS = List.of("cid", "direction", "ipversion", "protoname", "application", "peer",
            InfluxSinkTask.PARTITION_TAG);
    private static final List<String> FIELDS = List.of("bytes", "packets", "flows");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path work = Path.of("target", "influx-eo", run).toAbsolutePath();
    private QuestDbFixture questDb;
    private ConnectWorker sinkWorker;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(work);
        questDb = QuestDbFixture.start(work.resolve("questdb"));
        questDb.createDedupTable("flows", TAGS, FIELDS);
        int restPort = FreePorts.tcp(1).get(0);
        // A worker of its own (own group and internal topics), so that killing it leaves the shared one alone.
        sinkWorker = ConnectWorker.start(WorkerSettings.of(work.resolve("connect"), LocalStack.broker().bootstrapServers(),
                restPort, List.of(LocalStack.pluginsDir()), Map.of("group.id", "influx-eo-" + run,
                        "config.storage.topic", "_influx-eo-configs-" + run, "offset.storage.topic", "_influx-eo-offsets-" + run,
                        "status.storage.topic", "_influx-eo-status-" + run,
                        // The test tunes the sink's consumer further than the shipped config does.
                        "connector.client.config.override.allowlist", WorkerSettings.CLIENT_OVERRIDE_ALLOWLIST
                                + ",heartbeat.interval.ms,max.poll.records,session.timeout.ms")));
    }

    @AfterEach
    void stop() {
        if (sinkWorker != null) {
            sinkWorker.stop();
        }
        if (questDb != null) {
            questDb.close();
        }
    }

    @Test
    void totalsAreExactAfterTheWorkerIsKilledMidStream() throws Exception {
        String prefix = "eo-crash-" + run + "-";
        startSink(prefix);
        KnownFlows flows = new KnownFlows(prefix, 6_000, 500, 42);
        Future<?> producing = produceInBackground(flows);
        awaitRows();
        Thread.sleep(2_000);
        sinkWorker.kill(); // SIGKILL: no flush, no commit, no goodbye
        Thread.sleep(2_000);
        sinkWorker.restart();
        producing.get(120, TimeUnit.SECONDS);
        assertTotalsConverge(flows.truth());
    }

    @Test
    void totalsAreExactAfterTheDatabaseIsDownForThirtySeconds() throws Exception {
        String prefix = "eo-outage-" + run + "-";
        startSink(prefix);
        KnownFlows flows = new KnownFlows(prefix, 6_000, 500, 7);
        Future<?> producing = produceInBackground(flows);
        awaitRows();
        questDb.stop();
        Thread.sleep(30_000);
        questDb.start();
        producing.get(120, TimeUnit.SECONDS);
        assertTotalsConverge(flows.truth());
        assertThat(sinkWorker.rest().connectorStatus("influx-" + run).summary()).contains("RUNNING");
    }

    /**
     * Issue 21's sequence in a real worker: a window's flows, traffic that moves on, then a record
     * stamped long before the others (a producer's delayed batch), then kill -9 before the next
     * commit. The earlier sink dropped that record as "after final", and the replay rewrote the
     * window from it alone. Now the record counts (in the window of its segment, its own time being
     * beyond the tolerance of it) and the replay decides the same: the window keeps its flows.
     */
    @Test
    void aRecordFarOutOfOrderIsJudgedTheSameAfterTheWorkerIsKilled() throws Exception {
        String prefix = "eo-order-" + run + "-";
        startSink(prefix);
        String topic = prefix + KnownFlows.CIDS[0];
        long t0 = (System.currentTimeMillis() - 120_000) / 1000 * 1000;
        long expected = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                expected += send(producer, topic, t0, t0 + 200 + i, 100);
            }
            for (long t = t0 + 1_000; t <= t0 + 10_000; t += 100) {
                expected += send(producer, topic, t, t, 1);
            }
            producer.flush();
            awaitRows();
            Thread.sleep(3_000); // written and committed up to the open segment
            expected += send(producer, topic, t0, t0 + 500, 100_000);
            producer.flush();
            Thread.sleep(1_500); // read by the task, not yet committed past: its segment is open
            sinkWorker.kill();
            sinkWorker.restart();
            for (long t = t0 + 20_000; t <= t0 + 21_000; t += 100) {
                expected += send(producer, topic, t, t, 1);
            }
            producer.flush();
        }
        long total = expected;
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && bytesInWindows(t0, Long.MAX_VALUE) != total) {
            Thread.sleep(500);
        }
        assertThat(bytesInWindows(t0, t0 + 1_000)).as("window %d keeps its ten flows", t0).isEqualTo(1_000L);
        assertThat(bytesInWindows(t0, Long.MAX_VALUE)).as("every flow counted, the delayed one too").isEqualTo(total);
        Thread.sleep(5_000);
        assertThat(bytesInWindows(t0, Long.MAX_VALUE)).as("and nothing counted again").isEqualTo(total);
    }

    /** Sends one flow of customer 1000 that ended at {@code flowTime}, stamped {@code timestamp}; returns its bytes. */
    private static long send(KafkaProducer<byte[], byte[]> producer, String topic, long flowTime, long timestamp,
                             long bytes) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, FlowField.CID, KnownFlows.CIDS[0]);
        Flows.setNumber(flow, FlowField.BYTES, bytes);
        Flows.setEnum(flow, FlowField.NORMALIZED, 1);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, flowTime / 1000);
        producer.send(new ProducerRecord<>(topic, 0, timestamp, null, FlowMessageCodec.encode(flow)));
        return bytes;
    }

    private long bytesInWindows(long from, long to) {
        questDb.awaitApplied("flows");
        long bytes = 0;
        for (Map<String, Object> row : questDb.exec("SELECT timestamp, bytes FROM flows")) {
            long millis = Instant.parse((String) row.get("timestamp")).toEpochMilli();
            if (millis >= from && millis < to) {
                bytes += (Long) row.get("bytes");
            }
        }
        return bytes;
    }

    private void startSink(String topicPrefix) throws Exception {
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            List<NewTopic> topics = new ArrayList<>();
            for (int cid : KnownFlows.CIDS) {
                topics.add(new NewTopic(topicPrefix + cid, 2, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.bwnetflow.connect.influx.InfluxSinkConnector");
        config.put("tasks.max", "2");
        config.put("topics.regex", Pattern.quote(topicPrefix) + ".*");
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.bwnetflow.connect.model.FlowMessageConverter");
        config.putAll(questDb.sinkConfig()); // url, user and password: the fixture's QuestDB requires them
        config.put("influx.org", "bwnetflow");
        config.put("influx.bucket", "flows");
        config.put("measurements", "flows");
        config.put("window.size.ms", "1000");
        config.put("flow.time.tolerance.ms", "3000");
        config.put("write.interval.ms", "500");
        config.put("retry.max.attempts", "40");
        config.put("retry.backoff.initial.ms", "200");
        config.put("retry.backoff.max.ms", "2000");
        // Small polls, so that a kill lands between commits with windows open and written.
        config.put("consumer.override.max.poll.records", "200");
        // A killed worker's consumer holds its partitions until its session times out: 10 s, not the default 45 s
        // (as InfluxSinkSoakIT's). The restarted task reads on from the last commit all the same.
        config.put("consumer.override.session.timeout.ms", "10000");
        config.put("consumer.override.heartbeat.interval.ms", "3000");
        // The worker's validate endpoint names the key when the fixture's user comes without its password.
        Map<String, String> noPassword = new HashMap<>(config);
        noPassword.remove("influx.password");
        noPassword.put("name", "influx-" + run);
        List<String> refused = new ArrayList<>();
        sinkWorker.rest().validate(config.get("connector.class"), noPassword).path("configs").forEach(c -> {
            if (!c.path("value").path("errors").isEmpty()) {
                refused.add(c.path("value").path("name").asText() + ": " + c.path("value").path("errors"));
            }
        });
        assertThat(refused).singleElement().asString().startsWith("influx.password: ").contains("influx.username");
        sinkWorker.rest().createOrReplaceConnector("influx-" + run, config);
        sinkWorker.rest().awaitRunning("influx-" + run, LocalStack.timeout());
    }

    private Future<?> produceInBackground(KnownFlows flows) {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<?> future = executor.submit(() -> {
            flows.produce(LocalStack.broker().clientConfig());
            return null;
        });
        executor.shutdown();
        return future;
    }

    /** Waits until the sink has written something: the kill or outage then hits a stream in progress. */
    private void awaitRows() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            questDb.awaitApplied("flows");
            List<Map<String, Object>> rows = questDb.exec("SELECT count() c FROM flows");
            if (!rows.isEmpty() && ((Number) rows.get(0).get("c")).longValue() > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the sink wrote nothing within 60 s; worker log: " + sinkWorker.logFile());
    }

    /** Totals per customer reach the truth within 120 s and are still equal to it 5 s later. */
    private void assertTotalsConverge(Map<Long, long[]> truth) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        Map<Long, long[]> totals = Map.of();
        while (System.currentTimeMillis() < deadline) {
            totals = totals();
            if (same(totals, truth)) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(describe(totals)).as("bytes/packets/flows per cid in QuestDB").isEqualTo(describe(truth));
        Thread.sleep(5_000);
        assertThat(describe(totals())).as("and nothing is counted again later").isEqualTo(describe(truth));
    }

    private Map<Long, long[]> totals() {
        questDb.awaitApplied("flows");
        Map<Long, long[]> totals = new TreeMap<>();
        for (Map<String, Object> row : questDb.exec(
                "SELECT cid, sum(bytes) b, sum(packets) p, sum(flows) f FROM flows GROUP BY cid ORDER BY cid")) {
            totals.put(Long.parseLong(String.valueOf(row.get("cid"))), new long[] {((Number) row.get("b")).longValue(),
                ((Number) row.get("p")).longValue(), ((Number) row.get("f")).longValue()});
        }
        return totals;
    }

    private static boolean same(Map<Long, long[]> a, Map<Long, long[]> b) {
        return describe(a).equals(describe(b));
    }

    private static String describe(Map<Long, long[]> totals) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(totals).forEach((cid, t) -> text.append("cid ").append(cid).append(": ").append(t[0]).append(" B, ")
                .append(t[1]).append(" pkts, ").append(t[2]).append(" flows\n"));
        return text.toString();
    }
}
