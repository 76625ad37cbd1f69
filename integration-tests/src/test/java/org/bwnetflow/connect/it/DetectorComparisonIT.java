package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.table.DdosTables;
import org.bwnetflow.connect.stack.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our DDoS sink side by side with Debian's FastNetMon 1.2.4 ({@link FastNetMon}) on the same generated NetFlow, with
 * the same thresholds: FastNetMon's per-host {@code threshold_pps}/{@code threshold_mbps} over its
 * {@code average_calculation_time} of 5 s ({@link #THRESHOLDS}), our floors of as many
 * packets/s and bits/s over a window of as many seconds. The multiple is 1: a target's threshold is the larger of
 * multiple x its learned baseline and the floor, and a target without a baseline is learned only once a window of it
 * exceeds floor / multiple, so with 1 nothing below the floor is ever learned (nor any flood) and the threshold is
 * exactly the floor. (A high multiple would do the opposite: it lowers that learning bar to floor / multiple and
 * multiplies what is learned.) Mitigation is off (alert policy, dry run): only detection is compared.
 *
 * <p>How both get the same traffic: two {@code flowctl generate} runs with identical arguments and seed, one at
 * FastNetMon's collector and one at the NetFlow source connector, released together by a barrier. The generator is
 * deterministic per seed (the same flows at the same offsets into the run, floods included), so the detectors see
 * the same traffic up to the few milliseconds the two starts differ; each detector's time is measured from the
 * {@code firstDatagramMillis} of the flood in its own run, so that skew does not enter the numbers. Duplicating one
 * run's datagrams instead would need a relay between the generator and both collectors that keeps each exporter's
 * source address (both collectors tell exporters apart by it, for templates and sequence numbers), one more hop and
 * one more place to lose datagrams under load; two runs need nothing that is not already tested.
 *
 * <p>Attack replay (floods of 4x and 2x the packet threshold, UDP and SYN, and one at half of it, towards FastNetMon's
 * networks 10.0.0.0/20 and 10.1.0.0/20): both must flag the first two and neither the third, FastNetMon as incoming
 * udp_flood and syn_flood; the detection times are printed, not asserted
 * (they depend on the machine's load). A compressed day of normal traffic (60 s, bursts, jitter) with a packet
 * threshold of 1,500 pkt/s for both, which its busiest hosts come near: the alerts of each are counted; ours must have
 * none where FastNetMon has none. The numbers go into docs/BENCHMARKS.md.
 */
@ExtendWith(LocalStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DetectorComparisonIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The customers of the generated traffic (demo-prefixes.csv: 10.0.0.0/20, 10.0.8.0/21, 10.1.0.0/16, 10.2.0.0/16). */
    private static final List<String> CUSTOMERS = List.of("1000", "1001", "1100", "1200");
    private static final FastNetMon.Thresholds THRESHOLDS = new FastNetMon.Thresholds(5_000, 50, 0, 5);
    /** FastNetMon's networks list: the customers 10.0.0.0/20 and 10.1.0.0/20 of the generated traffic. */
    private static final List<String> NETWORKS = List.of("10.0.0.0/20", "10.1.0.0/20");
    private static final int EXPORTERS = 2;
    private static final int NORMAL_RATE = 1_500;
    private static final int FLOOD_START = 8;
    private static final int FLOOD_SECONDS = 15;
    /** Target, protocol, port, packets/s, bytes per packet: 4x the pps threshold (82 Mbit/s, also above 50). */
    private static final String STRONG = "10.0.3.7,17,53,20000,512";
    /** 2x the pps threshold, 4.8 Mbit/s: found by its packet rate only. */
    private static final String SYN = "10.1.5.9,6,80,10000,60";
    /** Half the pps threshold, 20 Mbit/s: below both thresholds. */
    private static final String WEAK = "10.0.9.9,17,123,2500,1000";
    private static final List<String> FLOODS = List.of(STRONG, SYN, WEAK);
    private static final List<String> FLAGGED = List.of("4x pps UDP", "2x pps SYN", "0.5x pps UDP");
    private static final int DAY_SECONDS = 60;
    /**
     * The day's packet threshold, for both: its busiest hosts at their bursts come to about 70 % of it (1,072 pkt/s at
     * most at 1,500 flows/s in FastNetMon's view), so the day tests false alerts near the threshold, not far below it.
     */
    private static final FastNetMon.Thresholds DAY_THRESHOLDS = new FastNetMon.Thresholds(1_500, 50, 0, 5);

    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "detector-comparison-it");
        t.setDaemon(true);
        return t;
    });
    private static QuestDbFixture questDb;

    @BeforeAll
    static void start() throws Exception {
        questDb = QuestDbFixture.start(work("compare-questdb-" + RUN));
        questDb.exec(DdosTables.createAttacksStatement());
        questDb.exec(DdosTables.createMitigationsStatement());
    }

    @AfterAll
    static void stop() throws Exception {
        BACKGROUND.shutdownNow();
        if (questDb != null) {
            questDb.close();
        }
    }

    @Test
    @Order(1)
    void bothFlagTheFloodsAboveTheThresholdsAndNeitherTheOneBelow() throws Exception {
        int seconds = FLOOD_START + FLOOD_SECONDS;
        List<String> targets = FLOODS.stream().map(f -> f.split(",")[0]).toList();
        try (Pipeline ours = Pipeline.start("attack", THRESHOLDS); FastNetMon fastnetmon = FastNetMon.start(
                work("compare-attack"), NETWORKS, THRESHOLDS)) {
            Watch watch = ours.watch(FLOODS);
            List<String> options = new ArrayList<>(List.of("--rate", Integer.toString(NORMAL_RATE),
                    "--duration", Integer.toString(seconds), "--seed", "21"));
            FLOODS.forEach(f -> options.addAll(List.of("--flood", flood(f))));
            FlowCtlRun[] runs = generateIntoBoth(fastnetmon.target(), ours.target(), options, seconds + 60);
            // Our window and FastNetMon's average, plus the way through Kafka, for what the last seconds bring.
            Thread.sleep(THRESHOLDS.averageSeconds() * 1_000L + 3_000);
            fastnetmon.assertAlive();
            watch.close();

            JsonNode theirFloods = runs[0].lastJson().get("floods");
            JsonNode ourFloods = runs[1].lastJson().get("floods");
            System.out.printf("DetectorComparisonIT: the two runs' first flood datagrams %d ms apart; %d of %d flows in Kafka%n",
                    ourFloods.get(0).get("firstDatagramMillis").asLong() - theirFloods.get(0).get("firstDatagramMillis").asLong(),
                    watch.flows.get(), runs[1].lastJson().get("flows").asLong());
            for (int i = 0; i < FLOODS.size(); i++) {
                String target = targets.get(i);
                long theirFirst = theirFloods.get(i).get("firstDatagramMillis").asLong();
                long ourFirst = ourFloods.get(i).get("firstDatagramMillis").asLong();
                Optional<FastNetMon.Notification> ban = fastnetmon.notifications().stream()
                        .filter(n -> n.ip().equals(target) && n.action().equals("ban")).findFirst();
                Long start = watch.starts.get(target);
                Long firstInKafka = watch.firstFlows.get(target);
                System.out.printf("DetectorComparisonIT: %-13s %-12s FastNetMon %s | bwNetFlow %s (first attack flow in "
                        + "Kafka %s after its first datagram, START %s after that flow)%n", FLAGGED.get(i), target,
                        ban.map(b -> (b.epochMillis() - theirFirst) + " ms").orElse("no alert"),
                        start == null ? "no alert" : (start - ourFirst) + " ms",
                        firstInKafka == null ? "-" : (firstInKafka - ourFirst) + " ms",
                        start == null || firstInKafka == null ? "-" : (start - firstInKafka) + " ms");
            }

            List<String> banned = fastnetmon.notifications().stream().filter(n -> n.action().equals("ban"))
                    .map(FastNetMon.Notification::ip).toList();
            assertThat(banned).as("FastNetMon's bans; its log:\n%s", fastnetmon.log())
                    .containsExactlyInAnyOrder(targets.get(0), targets.get(1));
            assertThat(fastnetmon.attackType(targets.get(0))).as("FastNetMon's attack type").contains("udp_flood");
            assertThat(fastnetmon.attackType(targets.get(1))).as("FastNetMon's attack type").contains("syn_flood");
            assertThat(fastnetmon.notifications()).filteredOn(n -> n.action().equals("ban"))
                    .allSatisfy(n -> assertThat(n.direction()).isEqualTo("incoming"));
            assertThat(watch.starts.keySet()).as("our START events (all: %s)", watch.events)
                    .containsExactlyInAnyOrder(targets.get(0), targets.get(1));
        }
    }

    @Test
    @Order(2)
    void onACompressedDayOfNormalTrafficOursHasNoAlertWhereFastNetMonHasNone() throws Exception {
        try (Pipeline ours = Pipeline.start("day", DAY_THRESHOLDS); FastNetMon fastnetmon = FastNetMon.start(
                work("compare-day"), NETWORKS, DAY_THRESHOLDS)) {
            Watch watch = ours.watch(List.of());
            // How near the normal hosts come to the thresholds: the busiest host FastNetMon shows, second by second.
            AtomicLong hostPeak = new AtomicLong();
            watch.running.add(BACKGROUND.submit(() -> {
                while (!watch.stopped.get()) {
                    fastnetmon.rates().stream().filter(r -> !r.what().endsWith("traffic"))
                            .forEach(r -> hostPeak.accumulateAndGet(r.pps(), Math::max));
                    Thread.sleep(1_000);
                }
                return null;
            }));
            FlowCtlRun[] runs = generateIntoBoth(fastnetmon.target(), ours.target(), List.of("--rate",
                    Integer.toString(NORMAL_RATE), "--diurnal", "--day-seconds",
                    Integer.toString(DAY_SECONDS), "--duration", Integer.toString(DAY_SECONDS), "--bursts", "2.5",
                    "--jitter", "0.2", "--seed", "22"), DAY_SECONDS + 60);
            Thread.sleep(THRESHOLDS.averageSeconds() * 1_000L + 3_000);
            fastnetmon.assertAlive();
            watch.close();

            List<FastNetMon.Notification> notifications = fastnetmon.notifications();
            long theirAlerts = notifications.stream().filter(n -> n.action().equals("ban")).count();
            System.out.printf("DetectorComparisonIT: a %d s day (%d flows to each, rate up to %d flows/s, bursts 2.5, "
                    + "jitter 0.2): FastNetMon %d alerts (%d notify lines), bwNetFlow %d START events; %d flows in Kafka; "
                    + "busiest host in FastNetMon's view %d pkt/s (threshold %d)%n", DAY_SECONDS,
                    runs[1].lastJson().get("flows").asLong(), NORMAL_RATE, theirAlerts,
                    notifications.size(), watch.starts.size(), watch.flows.get(), hostPeak.get(), DAY_THRESHOLDS.pps());
            assertThat(watch.flows.get()).as("flows of the day in the customer topics").isPositive();
            if (theirAlerts == 0) {
                assertThat(watch.events).as("our alerts on a day where FastNetMon has none").isEmpty();
            }
        }
    }

    /** The flood from {@link #FLOOD_START} for {@link #FLOOD_SECONDS}. */
    private static String flood(String spec) {
        return spec + "," + FLOOD_START + "," + FLOOD_SECONDS;
    }

    private static Path work(String name) {
        return Paths.get(System.getProperty("bwnetflow.work.dir", "target/it-stack"))
                .resolve("fastnetmon-" + name + "-" + System.currentTimeMillis());
    }

    /**
     * Runs {@code flowctl generate} with {@code options} twice at once, at FastNetMon's collector and at ours; their
     * totals, FastNetMon's run first. Both must succeed.
     */
    private static FlowCtlRun[] generateIntoBoth(String theirs, String ours, List<String> options, int timeoutSeconds)
            throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<FlowCtlRun>> runs = new ArrayList<>();
        for (String target : List.of(theirs, ours)) {
            List<String> args = new ArrayList<>(List.of("generate", "--target", target, "--exporters",
                    Integer.toString(EXPORTERS)));
            args.addAll(options);
            runs.add(BACKGROUND.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return FlowCtlRun.run(args.toArray(String[]::new));
            }));
        }
        FlowCtlRun[] done = new FlowCtlRun[2];
        for (int i = 0; i < 2; i++) {
            done[i] = runs.get(i).get(timeoutSeconds, TimeUnit.SECONDS);
            assertThat(done[i].exitCode).as(done[i].err).isZero();
        }
        return done;
    }

    /**
     * The shipped NetFlow source chain and DDoS sink (connect-configs) at topics of their own: the customer topics and
     * the attacks topic are created first, so that neither the sink nor the test's consumers wait for a metadata refresh
     * to find them.
     */
    private static final class Pipeline implements AutoCloseable {

        final String prefix;
        final String source;
        final String sink;
        final String attacks;
        final int port;
        final FastNetMon.Thresholds thresholds;

        private Pipeline(String scenario, FastNetMon.Thresholds thresholds) {
            this.thresholds = thresholds;
            prefix = "cmp-" + RUN + "-" + scenario + "-";
            source = prefix + "source";
            sink = prefix + "sink";
            attacks = prefix + "attacks";
            port = FreePorts.udp();
        }

        static Pipeline start(String scenario, FastNetMon.Thresholds thresholds) throws Exception {
            Pipeline p = new Pipeline(scenario, thresholds);
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : p.topics()) {
                topics.add(new NewTopic(topic, 1, (short) 1));
            }
            topics.add(new NewTopic(p.attacks, 1, (short) 1));
            try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
            Map<String, String> source = ShippedConnector.read("netflow-source.json");
            source.put("listen.port", Integer.toString(p.port));
            source.put("health.topic", p.prefix + "health");
            source.put("transforms.router.topic.prefix", p.prefix);
            source.put("transforms.router.unassigned.topic", p.prefix + "unassigned");
            LocalStack.rest().createOrReplaceConnector(p.source, source);
            LocalStack.rest().awaitRunning(p.source, LocalStack.timeout());
            LocalStack.rest().createOrReplaceConnector(p.sink, p.sinkConfig());
            LocalStack.rest().awaitRunning(p.sink, LocalStack.timeout());
            return p;
        }

        /** The shipped ddos-sink.json with FastNetMon's thresholds as floors, a multiple of 1, alerts only. */
        private Map<String, String> sinkConfig() {
            Map<String, String> config = ShippedConnector.read("ddos-sink.json");
            config.put("topics.regex", prefix + "\\d+");
            config.put("state.topic", prefix + "state");
            config.put("attacks.topic", attacks);
            config.put("audit.topic", prefix + "audit");
            config.put("influx.url", questDb.url());
            config.put("influx.org", "bwnetflow");
            config.put("influx.token", "");
            config.put("influx.username", questDb.user());
            config.put("influx.password", questDb.password());
            config.put("detection.window.seconds", Integer.toString(thresholds.averageSeconds()));
            config.put("detection.update.interval.seconds", Integer.toString(thresholds.averageSeconds()));
            config.put("detection.floor.packets.per.second", Long.toString(thresholds.pps()));
            config.put("detection.floor.bits.per.second", Long.toString(thresholds.mbps() * 1_000_000L));
            config.put("detection.multiple", "1");
            config.put("mitigation.dry.run", "true");
            config.put("mitigation.policy.default", "alert");
            config.put("mitigation.policies", "");
            return config;
        }

        List<String> topics() {
            return CUSTOMERS.stream().map(cid -> prefix + cid).toList();
        }

        String target() {
            return "127.0.0.1:" + port;
        }

        /**
         * Starts watching the customer topics (the first flow of each of {@code floods}: to its target, with its
         * protocol, port and bytes per packet, which the normal flows to the same target do not share) and the
         * attacks topic.
         */
        Watch watch(List<String> floods) throws Exception {
            Watch watch = new Watch();
            List<FloodFlow> signatures = floods.stream().map(FloodFlow::of).toList();
            watch.running.add(BACKGROUND.submit(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = consumer(topics())) {
                    while (!watch.stopped.get()) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            watch.flows.incrementAndGet();
                            Struct flow = FlowMessageCodec.decode(record.value());
                            for (FloodFlow signature : signatures) {
                                if (signature.matches(flow)) {
                                    watch.firstFlows.putIfAbsent(signature.target(), record.timestamp());
                                }
                            }
                        }
                    }
                }
                return null;
            }));
            watch.running.add(BACKGROUND.submit(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = consumer(List.of(attacks))) {
                    while (!watch.stopped.get()) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                            long arrived = System.currentTimeMillis();
                            JsonNode event = JSON.readTree(record.value());
                            watch.events.add(event);
                            if ("start".equals(event.path("event").asText())) {
                                watch.starts.putIfAbsent(event.path("target").asText(), arrived);
                            }
                        }
                    }
                }
                return null;
            }));
            return watch;
        }

        @Override
        public void close() throws Exception {
            for (String name : List.of(sink, source)) {
                LocalStack.rest().deleteConnector(name);
            }
        }
    }

    /** A flood's flows as {@code flowctl generate --flood} makes them. */
    private record FloodFlow(String target, byte[] address, long proto, long port, long bytesPerPacket) {

        /** From {@code TARGET_IP,PROTO,DST_PORT,PACKETS_PER_SECOND,BYTES_PER_PACKET}. */
        static FloodFlow of(String spec) {
            String[] f = spec.split(",");
            try {
                return new FloodFlow(f[0], InetAddress.getByName(f[0]).getAddress(), Long.parseLong(f[1]),
                        Long.parseLong(f[2]), Long.parseLong(f[4]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(spec, e);
            }
        }

        boolean matches(Struct flow) {
            long packets = Flows.number(flow, FlowField.PACKETS);
            return Arrays.equals(Flows.bytes(flow, FlowField.DST_ADDR), address) && Flows.number(flow, FlowField.PROTO) == proto
                    && Flows.number(flow, FlowField.DST_PORT) == port && packets > 0
                    && Flows.number(flow, FlowField.BYTES) == packets * bytesPerPacket;
        }
    }

    /** What the watchers saw: our START events' arrival (wall clock) and the first flow's record time per target. */
    private static final class Watch {

        final AtomicBoolean stopped = new AtomicBoolean();
        final List<Future<?>> running = new CopyOnWriteArrayList<>();
        final Map<String, Long> starts = new ConcurrentHashMap<>();
        final Map<String, Long> firstFlows = new ConcurrentHashMap<>();
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final AtomicLong flows = new AtomicLong();

        /** Stops the watchers; fails with what failed in one of them. */
        void close() throws Exception {
            stopped.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A consumer of every partition of {@code topics} from the beginning (the topics are this run's own). */
    private static KafkaConsumer<byte[], byte[]> consumer(List<String> topics) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                LocalStack.broker().bootstrapServers(), ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = topics.stream().map(t -> new TopicPartition(t, 0)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
