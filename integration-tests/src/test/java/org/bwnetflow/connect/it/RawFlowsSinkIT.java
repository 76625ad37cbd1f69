package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.table.AddressHalves;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.WorkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The raw flows sink for real: a Connect worker of its own loading the plugin bundle, the shared broker and a real
 * QuestDB with a login. Known flows go in; the table must hold exactly one row per record with the flow's values,
 * also after the worker is killed with SIGKILL mid-stream and after QuestDB is down mid-stream; the table's TTL is
 * the configured retention, a changed one takes effect, and old partitions go.
 */
@ExtendWith(LocalStack.class)
class RawFlowsSinkIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static Path work;
    private static QuestDbFixture questDb;
    private static ConnectWorker worker;

    @BeforeAll
    static void start() throws Exception {
        work = Path.of("target", "raw-flows", RUN).toAbsolutePath();
        Files.createDirectories(work);
        questDb = QuestDbFixture.start(work.resolve("questdb"));
        // A worker of its own (own group and internal topics), so that killing it leaves the shared one alone.
        worker = ConnectWorker.start(WorkerSettings.of(work.resolve("connect"), LocalStack.broker().bootstrapServers(),
                FreePorts.tcp(1).get(0), List.of(LocalStack.pluginsDir()), Map.of("group.id", "raw-" + RUN,
                        "config.storage.topic", "_raw-configs-" + RUN, "offset.storage.topic", "_raw-offsets-" + RUN,
                        "status.storage.topic", "_raw-status-" + RUN,
                        // The sink's consumer may leave the group sooner than Kafka's 45 s, so that the restart after
                        // the SIGKILL below does not wait for the killed member to time out.
                        "connector.client.config.override.allowlist", WorkerSettings.CLIENT_OVERRIDE_ALLOWLIST
                                + ",session.timeout.ms")));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.stop();
        }
        if (questDb != null) {
            questDb.close();
        }
    }

    @Test
    void everyFlowIsOneRowWithItsValues() throws Exception {
        String table = "raw_values_" + RUN.replace('-', '_');
        List<String> topics = topics("raw-values-" + RUN, 2);
        String name = startSink(table, topics, 48);
        long now = System.currentTimeMillis();
        int perTopic = 5_000;
        produce(topics, perTopic, now, 0);
        awaitRows(table, 2L * perTopic);

        Map<String, Object> totals = questDb.exec("SELECT count() n, sum(src_port) ports, sum(bytes) bytes FROM " + table
                + " WHERE kafka_topic = '" + topics.get(0) + "'").get(0);
        long expectedPorts = 0;
        for (int i = 0; i < perTopic; i++) {
            expectedPorts += i % 60_000;
        }
        assertThat(totals).containsEntry("n", (long) perTopic).containsEntry("ports", expectedPorts)
                .containsEntry("bytes", (long) perTopic * 1500);
        Map<String, Object> row = questDb.exec("SELECT * FROM " + table + " WHERE kafka_topic = '" + topics.get(1)
                + "' AND src_port = 17").get(0);
        assertThat(row.get("exporter")).isEqualTo("192.0.2.1");
        assertThat(AddressHalves.text((Long) row.get("src_addr_hi"), (Long) row.get("src_addr_lo"))).isEqualTo("10.0.0.17");
        assertThat(AddressHalves.text((Long) row.get("dst_addr_hi"), (Long) row.get("dst_addr_lo")))
                .isEqualTo("2001:db8:0:0:0:0:0:11");
        assertThat(row.get("in_if_name")).isEqualTo("Gi 0/1, uplink=core");
        assertThat(row.get("out_if_name")).isNull();
        assertThat(row.get("cid")).isEqualTo(1000L);
        assertThat(row).containsEntry("kafka_partition", 1L).containsEntry("kafka_offset", 8L); // 17th of partition 1
        assertThat(worker.rest().connectorStatus(name).summary()).contains("RUNNING");
    }

    @Test
    void exactlyOneRowPerFlowAfterTheWorkerIsKilledMidStream() throws Exception {
        String table = "raw_kill_" + RUN.replace('-', '_');
        List<String> topics = topics("raw-kill-" + RUN, 2);
        String name = startSink(table, topics, 48);
        int perTopic = 20_000;
        Future<?> producing = produceInBackground(topics, perTopic);
        awaitSomeRows(table);
        worker.kill(); // SIGKILL: no flush, no commit
        worker.restart();
        producing.get(60, TimeUnit.SECONDS);
        awaitRows(table, 2L * perTopic);
        assertExactlyOnce(table, 2L * perTopic);
        assertThat(worker.rest().awaitRunning(name, LocalStack.timeout()).summary()).contains("RUNNING");
    }

    @Test
    void exactlyOneRowPerFlowAfterQuestDbIsDownMidStream() throws Exception {
        String table = "raw_outage_" + RUN.replace('-', '_');
        List<String> topics = topics("raw-outage-" + RUN, 2);
        String name = startSink(table, topics, 48);
        int perTopic = 10_000;
        Future<?> producing = produceInBackground(topics, perTopic);
        awaitSomeRows(table);
        questDb.stop();
        Thread.sleep(5_000);
        assertThat(worker.rest().connectorStatus(name).summary()).as("retrying, not failed").contains("RUNNING")
                .doesNotContain("FAILED");
        questDb.start();
        producing.get(60, TimeUnit.SECONDS);
        awaitRows(table, 2L * perTopic);
        assertExactlyOnce(table, 2L * perTopic);
        assertThat(worker.rest().connectorStatus(name).summary()).contains("RUNNING").doesNotContain("FAILED");
    }

    @Test
    void theRetentionIsTheTablesTtlAChangeTakesEffectAndOldPartitionsGo() throws Exception {
        String table = "raw_ttl_" + RUN.replace('-', '_');
        List<String> topics = topics("raw-ttl-" + RUN, 1);
        String name = startSink(table, topics, 5);
        long now = System.currentTimeMillis();
        produce(topics, 100, now - TimeUnit.HOURS.toMillis(12), 0); // records from 12 hours ago (a replayed backlog)
        awaitRows(table, 100);
        assertThat(ttl(table)).isEqualTo("5 HOUR");

        Map<String, String> config = sinkConfig(table, topics, 7);
        worker.rest().createOrReplaceConnector(name, config); // tasks restart with the new retention
        worker.rest().awaitRunning(name, LocalStack.timeout());
        long deadline = System.currentTimeMillis() + 30_000;
        while (!ttl(table).equals("7 HOUR") && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(ttl(table)).isEqualTo("7 HOUR");

        produce(topics, 10, now, 100); // newer rows: their commit drops partitions older than 7 h before them
        awaitRows(table, 10);
        // Offsets 50-54 of each partition: the 12 h old ones (0-49) are gone.
        assertThat(questDb.exec("SELECT min(kafka_offset) o FROM " + table).get(0).get("o")).isEqualTo(50L);
    }

    private String ttl(String table) {
        questDb.awaitApplied(table);
        Map<String, Object> row = questDb.exec("SELECT ttlValue, ttlUnit FROM tables() WHERE table_name = '" + table + "'")
                .get(0);
        return row.get("ttlValue") + " " + row.get("ttlUnit");
    }

    private String startSink(String table, List<String> topics, int retentionHours) throws Exception {
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            List<NewTopic> newTopics = new ArrayList<>();
            topics.forEach(topic -> newTopics.add(new NewTopic(topic, 2, (short) 1)));
            admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
        }
        String name = table.replace('_', '-');
        Map<String, String> config = sinkConfig(table, topics, retentionHours);
        // The validate endpoint names the key when the user comes without its password.
        Map<String, String> noPassword = new HashMap<>(config);
        noPassword.remove("questdb.password");
        noPassword.put("name", name);
        List<String> refused = new ArrayList<>();
        worker.rest().validate(config.get("connector.class"), noPassword).path("configs").forEach(c -> {
            if (!c.path("value").path("errors").isEmpty()) {
                refused.add(c.path("value").path("name").asText() + ": " + c.path("value").path("errors"));
            }
        });
        assertThat(refused).singleElement().asString().startsWith("questdb.password: ").contains("questdb.username");
        worker.rest().createOrReplaceConnector(name, config);
        worker.rest().awaitRunning(name, LocalStack.timeout());
        return name;
    }

    private static Map<String, String> sinkConfig(String table, List<String> topics, int retentionHours) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.bwnetflow.connect.rawflows.RawFlowsSinkConnector");
        config.put("tasks.max", "2");
        config.put("topics.regex", String.join("|", topics.stream().map(Pattern::quote).toList()));
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("questdb.url", questDb.url());
        config.put("questdb.username", questDb.user());
        config.put("questdb.password", questDb.password());
        config.put("table.name", table);
        config.put("retention.hours", String.valueOf(retentionHours));
        config.put("batch.max.bytes", String.valueOf(256 << 10)); // several batches per test
        config.put("flush.interval.ms", "200");
        config.put("retry.backoff.initial.ms", "200");
        config.put("retry.backoff.max.ms", "1000");
        config.put("consumer.override.session.timeout.ms", "6000");
        return config;
    }

    private static List<String> topics(String prefix, int count) {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            topics.add(prefix + "-" + i);
        }
        return topics;
    }

    private static Future<?> produceInBackground(List<String> topics, int perTopic) {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<?> future = executor.submit(() -> {
            long now = System.currentTimeMillis();
            for (int from = 0; from < perTopic; from += 1_000) {
                produce(topics, Math.min(1_000, perTopic - from), now, from);
                Thread.sleep(50); // a stream, not one burst: the kill and the outage land in its middle
            }
            return null;
        });
        executor.shutdown();
        return future;
    }

    /** Flows {@code from} to {@code from + count} of each topic, in order over its two partitions by key. */
    private static void produce(List<String> topics, int count, long timestamp, int from) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : topics) {
                for (int i = from; i < from + count; i++) {
                    producer.send(new ProducerRecord<>(topic, i % 2, timestamp + i, null, flow(i)));
                }
            }
            producer.flush();
        }
    }

    private static byte[] flow(int i) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setBytes(flow, FlowField.SAMPLER_ADDRESS, new byte[] {(byte) 192, 0, 2, 1});
        Flows.setBytes(flow, FlowField.SRC_ADDR, new byte[] {10, 0, (byte) (i >> 8), (byte) i});
        byte[] dst = new byte[16];
        dst[0] = 0x20;
        dst[1] = 0x01;
        dst[2] = 0x0d;
        dst[3] = (byte) 0xb8;
        dst[14] = (byte) (i >> 8);
        dst[15] = (byte) i;
        Flows.setBytes(flow, FlowField.DST_ADDR, dst);
        Flows.setNumber(flow, FlowField.SRC_PORT, i % 60_000);
        Flows.setNumber(flow, FlowField.BYTES, 1500);
        Flows.setNumber(flow, FlowField.CID, 1000);
        Flows.setText(flow, FlowField.SRC_IF_NAME, "Gi 0/1, uplink=core");
        return FlowMessageCodec.encode(flow);
    }

    private static void awaitSomeRows(String table) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (count(table) > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sink wrote nothing within 60 s; worker log: " + worker.logFile());
    }

    /** Waits until the table holds exactly {@code rows} rows, then checks that it still does 3 s later. */
    private static void awaitRows(String table, long rows) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (count(table) != rows && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(count(table)).as("rows of " + table + "; worker log " + worker.logFile()).isEqualTo(rows);
        Thread.sleep(3_000);
        assertThat(count(table)).as("and no more later").isEqualTo(rows);
    }

    private static void assertExactlyOnce(String table, long rows) {
        Map<String, Object> keys = questDb.exec("SELECT count() n FROM (SELECT DISTINCT kafka_topic, kafka_partition, "
                + "kafka_offset FROM " + table + ")").get(0);
        assertThat(keys.get("n")).as("distinct records").isEqualTo(rows);
        long total = 0;
        for (Map<String, Object> group : questDb.exec("SELECT kafka_topic, kafka_partition, count() n, max(kafka_offset) m "
                + "FROM " + table + " GROUP BY kafka_topic, kafka_partition")) {
            assertThat((Long) group.get("n")).as("offsets 0..max of %s", group).isEqualTo((Long) group.get("m") + 1);
            total += (Long) group.get("n");
        }
        assertThat(total).isEqualTo(rows);
    }

    private static long count(String table) {
        try {
            questDb.awaitApplied(table);
            return (Long) questDb.exec("SELECT count() c FROM " + table).get(0).get("c");
        } catch (IllegalStateException e) {
            return 0; // not created yet, or QuestDB restarting
        }
    }
}
