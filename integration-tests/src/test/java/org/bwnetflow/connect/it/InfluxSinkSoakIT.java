package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bwnetflow.connect.influx.InfluxSinkTask;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.WorkerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Influx sink on long continuous traffic, in a Connect worker of its own loading the plugin
 * bundle, writing to a real QuestDB: flows a few seconds out of order, without a pause, for
 * {@code -Dsoak.seconds} (150 in CI: 75 windows of 2 s). Throughout, every partition's committed
 * offset stays within a bound of record time behind its newest record, and the windows the tasks
 * hold (their {@code windows-held} metric, read over JMX) stay bounded. The worker is killed with
 * SIGKILL at random moments (seeded) and restarted. In the end the totals per customer and window
 * equal the ground truth, for the totals and for the top lists.
 */
@ExtendWith(LocalStack.class)
class InfluxSinkSoakIT {

    private static final long WINDOW = 2_000;
    private static final long WRITE_INTERVAL = 1_000;
    /** WorkerSettings' offset.flush.interval.ms. */
    private static final long FLUSH_INTERVAL = 1_000;
    /** Two segments, a flush interval, and slack for a loaded 2-core machine. */
    private static final long COMMIT_LAG_BOUND = 2 * WRITE_INTERVAL + FLUSH_INTERVAL + 5_000;
    private static final long JITTER = 5_000;
    private static final int PARTITIONS_PER_TOPIC = 2;
    /**
     * Windows one segment can touch (its second and the jitter before it, over 2 s windows), for
     * three segments per partition: the open one and two ended ones waiting for a write.
     */
    private static final int WINDOWS_BOUND = ContinuousFlows.CIDS.length * PARTITIONS_PER_TOPIC
            * 3 * (int) ((WRITE_INTERVAL + JITTER) / WINDOW + 2);
    /**
     * After a kill the killed consumer holds its partitions until its session times out (10 s, set
     * below), then the new one reads what was not committed: no lag checks meanwhile.
     */
    private static final long RECOVERY_MILLIS = 35_000;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path work = Path.of("target", "influx-soak", run).toAbsolutePath();
    private final String connector = "soak-" + run;
    private QuestDbFixture questDb;
    private ConnectWorker sinkWorker;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(work);
        questDb = QuestDbFixture.start(work.resolve("questdb"));
        questDb.createDedupTable("flows", List.of("cid", InfluxSinkTask.PARTITION_TAG), List.of("bytes", "packets", "flows"));
        questDb.createDedupTable("top_hosts", List.of("cid", "host", InfluxSinkTask.PARTITION_TAG),
                List.of("bytes", "packets", "flows"));
        int restPort = FreePorts.tcp(1).get(0);
        sinkWorker = ConnectWorker.start(WorkerSettings.of(work.resolve("connect"), LocalStack.broker().bootstrapServers(),
                restPort, List.of(LocalStack.pluginsDir()), Map.of("group.id", "soak-" + run,
                        "config.storage.topic", "_soak-configs-" + run, "offset.storage.topic", "_soak-offsets-" + run,
                        "status.storage.topic", "_soak-status-" + run,
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
    void commitsKeepUpMemoryStaysBoundedAndTotalsAreExactAcrossKills() throws Exception {
        long seconds = Long.getLong("soak.seconds", 150);
        long seed = Long.getLong("soak.seed", 2112);
        String prefix = "soak-" + run + "-";
        List<TopicPartition> partitions = startSink(prefix);
        ContinuousFlows flows = new ContinuousFlows(prefix, 300, JITTER, WINDOW, seed);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<?> producing = executor.submit(() -> {
            flows.produce(LocalStack.broker().clientConfig());
            return null;
        });
        executor.shutdown();

        Random random = new Random(seed);
        List<Long> kills = killMoments(random, seconds);
        System.out.printf("soak %d s, seed %d, kills at %s s%n", seconds, seed, kills);
        long begin = System.currentTimeMillis();
        long checkedFrom = begin + 20_000;
        long maxLag = 0;
        long maxWindows = 0;
        int checks = 0;
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig());
                KafkaConsumer<byte[], byte[]> reader = reader()) {
            while (System.currentTimeMillis() - begin < seconds * 1000) {
                long elapsed = (System.currentTimeMillis() - begin) / 1000;
                if (!kills.isEmpty() && elapsed >= kills.get(0)) {
                    kills.remove(0);
                    sinkWorker.kill();
                    Thread.sleep(1_000 + random.nextInt(3_000));
                    sinkWorker.restart();
                    checkedFrom = System.currentTimeMillis() + RECOVERY_MILLIS;
                }
                Thread.sleep(2_000);
                if (System.currentTimeMillis() < checkedFrom || !sinkWorker.isAlive()) {
                    continue;
                }
                long lag = largestCommitLag(admin, reader, partitions);
                long windows = windowsHeld();
                maxLag = Math.max(maxLag, lag);
                maxWindows = Math.max(maxWindows, windows);
                checks++;
                assertThat(lag).as("record time from a partition's commit to its newest record, %d s in", elapsed)
                        .isLessThanOrEqualTo(COMMIT_LAG_BOUND);
                assertThat(windows).as("windows held by the sink's tasks, %d s in", elapsed)
                        .isLessThanOrEqualTo(WINDOWS_BOUND);
            }
        } finally {
            flows.stop();
        }
        producing.get(60, TimeUnit.SECONDS);
        System.out.printf("soak: %,d flows, %d checks, largest commit lag %d ms (bound %d), most windows held %d "
                + "(bound %d)%n", flows.sent(), checks, maxLag, COMMIT_LAG_BOUND, maxWindows, WINDOWS_BOUND);
        assertThat(checks).as("checks made between the kills").isGreaterThanOrEqualTo((int) (seconds / 10));
        // The traffic goes on after the last flow (values that are none, in every partition): it ends the
        // segments that hold the last flows, so that their top lists are written too.
        Thread.sleep(2 * WRITE_INTERVAL);
        endSegments(partitions);
        assertTotalsConverge("flows", flows.truth());
        assertTotalsConverge("top_hosts", flows.truth());
    }

    /** Kill moments in seconds: one a minute at least two, at random, 35 s apart, none in the first or last 20 s. */
    private static List<Long> killMoments(Random random, long seconds) {
        int count = (int) Math.max(2, seconds / 60);
        List<Long> moments = new ArrayList<>();
        long slot = (seconds - 40) / count;
        for (int i = 0; i < count; i++) {
            moments.add(20 + i * slot + random.nextInt((int) Math.max(1, slot - 35)));
        }
        return moments;
    }

    private List<TopicPartition> startSink(String topicPrefix) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            List<NewTopic> topics = new ArrayList<>();
            for (int cid : ContinuousFlows.CIDS) {
                topics.add(new NewTopic(topicPrefix + cid, PARTITIONS_PER_TOPIC, (short) 1));
                for (int p = 0; p < PARTITIONS_PER_TOPIC; p++) {
                    partitions.add(new TopicPartition(topicPrefix + cid, p));
                }
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.bwnetflow.connect.influx.InfluxSinkConnector");
        config.put("tasks.max", "2");
        config.put("topics.regex", Pattern.quote(topicPrefix) + ".*");
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"); // as shipped
        config.putAll(questDb.sinkConfig()); // url, user and password: the fixture's QuestDB requires them
        config.put("influx.org", "bwnetflow");
        config.put("influx.bucket", "flows");
        config.put("measurements", "flows,top_hosts");
        config.put("measurement.flows.tags", "cid");
        config.put("measurement.top_hosts.tags", "cid,host");
        config.put("measurement.top_hosts.top.n", "5");
        config.put("window.size.ms", String.valueOf(WINDOW));
        config.put("write.interval.ms", String.valueOf(WRITE_INTERVAL));
        config.put("flow.time.tolerance.ms", "10000");
        config.put("retry.max.attempts", "40");
        config.put("retry.backoff.initial.ms", "200");
        config.put("retry.backoff.max.ms", "2000");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "soak-dlq-" + run);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("consumer.override.max.poll.records", "200");
        config.put("consumer.override.session.timeout.ms", "10000");
        config.put("consumer.override.heartbeat.interval.ms", "3000");
        sinkWorker.rest().createOrReplaceConnector(connector, config);
        sinkWorker.rest().awaitRunning(connector, LocalStack.timeout());
        return partitions;
    }

    private static KafkaConsumer<byte[], byte[]> reader() {
        Map<String, Object> config = new HashMap<>(LocalStack.broker().clientConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The largest record time, over the partitions, from the sink's committed offset to the newest record. */
    private long largestCommitLag(Admin admin, KafkaConsumer<byte[], byte[]> reader, List<TopicPartition> partitions)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("connect-" + connector)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        long largest = 0;
        for (TopicPartition tp : partitions) {
            long end = ends.get(tp).offset();
            OffsetAndMetadata commit = committed.get(tp);
            long from = commit == null ? 0 : commit.offset();
            if (end == 0 || from >= end) {
                continue;
            }
            largest = Math.max(largest, timestampAt(reader, tp, end - 1) - timestampAt(reader, tp, from));
        }
        return largest;
    }

    private static long timestampAt(KafkaConsumer<byte[], byte[]> reader, TopicPartition tp, long offset) {
        reader.assign(List.of(tp));
        reader.seek(tp, offset);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                if (record.offset() >= offset) {
                    return record.timestamp();
                }
            }
        }
        throw new AssertionError("no record at " + tp + "@" + offset);
    }

    private long windowsHeld() throws Exception {
        Map<String, Double> metrics = WorkerJmx.read(sinkWorker.pid(), "kafka.connect:type=plugins,connector=" + connector
                + ",*");
        return metrics.entrySet().stream().filter(e -> e.getKey().endsWith(":windows-held"))
                .mapToLong(e -> e.getValue().longValue()).sum();
    }

    private static void endSegments(List<TopicPartition> partitions) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (TopicPartition tp : partitions) {
                producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), null, new byte[] {0x0A, 0x7F, 0x01}))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The measurement's bytes per customer and window reach the truth within 120 s and stay equal 5 s later. */
    private void assertTotalsConverge(String measurement, Map<Long, Map<Long, Long>> truth) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        Map<Long, Map<Long, Long>> totals = Map.of();
        while (System.currentTimeMillis() < deadline) {
            totals = totals(measurement);
            if (totals.equals(truth)) {
                break;
            }
            Thread.sleep(1_000);
        }
        assertThat(totals).as("%s: bytes per cid and window in QuestDB (worker log %s)", measurement,
                sinkWorker.logFile()).isEqualTo(truth);
        Thread.sleep(5_000);
        assertThat(totals(measurement)).as("%s: and nothing is counted again later", measurement).isEqualTo(truth);
    }

    private Map<Long, Map<Long, Long>> totals(String measurement) {
        questDb.awaitApplied(measurement);
        Map<Long, Map<Long, Long>> totals = new TreeMap<>();
        for (Map<String, Object> row : questDb.exec("SELECT cid, timestamp, bytes FROM \"" + measurement + "\"")) {
            long cid = Long.parseLong(String.valueOf(row.get("cid")));
            long millis = Instant.parse((String) row.get("timestamp")).toEpochMilli();
            long window = Math.floorDiv(millis, WINDOW) * WINDOW;
            totals.computeIfAbsent(cid, c -> new TreeMap<>()).merge(window, (Long) row.get("bytes"), Long::sum);
        }
        return totals;
    }
}
