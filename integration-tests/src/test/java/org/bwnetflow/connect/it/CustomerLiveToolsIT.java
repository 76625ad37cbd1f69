package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.generate.FlowGenerator;
import org.bwnetflow.connect.flowctl.generate.GeneratedFlow;
import org.bwnetflow.connect.flowctl.testing.FloodTraffic;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.flowctl.testing.GeneratedFlowMessages;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live customer tools as a customer runs them on the secure stack, with its own SCRAM login
 * on {@code flows-.*}: {@code flowctl top} renders, in plain-text mode, a frame whose numbers
 * equal the generated traffic of the tenant's own topic, while another tenant's heavier traffic
 * at the same time never shows. {@code flowctl ddos} learns an hour of a tenant's generated
 * traffic into a baseline file, then over the next day's same hour raises exactly one alert, for
 * the flood injected into it, naming its target, port and dominant source, and none for normal
 * traffic or another tenant's flood; the operator's run also writes the alerts to a topic.
 */
@ExtendWith(SecureLocalStack.class)
class CustomerLiveToolsIT {

    private static final int TOP_TENANT = 1900;
    private static final int OTHER = 1950;
    private static final int DDOS_TENANT = 2000;
    private static final long DAY1 = Instant.parse("2026-03-02T10:00:00Z").getEpochSecond();
    private static final long DAY2 = DAY1 + 86_400;
    private static final String[] DETECTOR = {"--window", "60", "--prefix-length-v4", "20", "--floor-bps", "20000000",
        "--floor-pps", "5000"};
    private static long day1Flows;
    private static long ddosFlows;
    private static final int TOP_FLOWS = 3000;
    private static final int WINDOW = 10;
    private static final long FIRST_SECOND = 1_800_000_000L;
    private static final Map<Integer, Path> PASSWORDS = new HashMap<>();
    private static final Map<String, long[]> TRUTH = new HashMap<>();
    private static Path work;

    @BeforeAll
    static void provisionAndProduce() throws Exception {
        work = Files.createDirectories(Path.of("target", "live-tools", UUID.randomUUID().toString()));
        for (int cid : List.of(TOP_TENANT, OTHER, DDOS_TENANT)) {
            Path password = work.resolve(cid + ".pw");
            Files.writeString(password, "pw-" + cid + "-" + UUID.randomUUID());
            PASSWORDS.put(cid, password);
            FlowCtlRun added = FlowCtlRun.run("tenants", "add", Integer.toString(cid), "--password-file",
                    password.toString(), "--partitions", cid == DDOS_TENANT ? "1" : "2",
                    // the flows are dated months back, and so are their records: kept regardless of their age
                    "--retention", "unlimited", "--bootstrap-server",
                    SecureLocalStack.broker().bootstrapServers(), "--command-config",
                    SecureLocalStack.security().clientConfigFile().toString());
            assertThat(added.exitCode).as(added.err).isZero();
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        FlowGenerator generator = new FlowGenerator(7, 0);
        for (int i = 0; i < TOP_FLOWS; i++) {
            GeneratedFlow generated = generator.next();
            Struct flow = GeneratedFlowMessages.of(generated, FIRST_SECOND + i % WINDOW, TOP_TENANT);
            if (i % 3 == 0) { // sampled 1:10, not normalized: the view must scale it
                Flows.setNumber(flow, FlowField.SAMPLING_RATE, 10);
            }
            records.add(new ProducerRecord<>("flows-" + TOP_TENANT, FlowMessageCodec.encode(flow)));
            long factor = i % 3 == 0 ? 10 : 1;
            long[] counts = {generated.bytes() * factor, generated.packets() * factor, 1};
            add("Total", counts);
            add(generated.isIpv6() ? "IPv6" : "IPv4", counts);
            add(generated.direction() == 1 ? "egress" : "ingress", counts);
            add(generated.proto() == 6 ? "TCP" : generated.proto() == 17 ? "UDP" : "ICMP", counts);
        }
        FlowGenerator other = new FlowGenerator(8, 1);
        for (int i = 0; i < 2000; i++) { // another customer, same seconds, ten times the bytes
            Struct flow = GeneratedFlowMessages.of(other.next(), FIRST_SECOND + i % WINDOW, OTHER);
            Flows.setNumber(flow, FlowField.BYTES, Flows.number(flow, FlowField.BYTES) * 10);
            records.add(new ProducerRecord<>("flows-" + OTHER, FlowMessageCodec.encode(flow)));
        }
        addDdosTraffic(records);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SecureLocalStack.operatorClientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    /**
     * The DoS tenant's topic (one partition, so in time order): day one 10:00-11:00 of normal traffic,
     * day two the same hour with a flood at 10:40-10:45. The other tenant floods 192.0.2.99 meanwhile.
     */
    private static void addDdosTraffic(List<ProducerRecord<byte[], byte[]>> records) {
        String topic = "flows-" + DDOS_TENANT;
        FloodTraffic.generate(DAY1, DAY1 + 3600, false, flow -> records.add(received(topic, flow)));
        day1Flows = records.stream().filter(r -> r.topic().equals(topic)).count();
        FloodTraffic.generate(DAY2, DAY2 + 3600, true, flow -> records.add(received(topic, flow)));
        ddosFlows = records.stream().filter(r -> r.topic().equals(topic)).count();
        for (long s = DAY2 + FloodTraffic.FLOOD_FROM_OFFSET; s < DAY2 + FloodTraffic.FLOOD_FROM_OFFSET + 300; s++) {
            for (int i = 0; i < 20; i++) {
                Struct flood = GeneratedFlowMessages.of(new FlowGenerator(s, 1).next(), s, OTHER);
                Flows.setBytes(flood, FlowField.DST_ADDR, new byte[] {(byte) 192, 0, 2, 99});
                Flows.setNumber(flood, FlowField.BYTES, 50_000_000);
                records.add(received("flows-" + OTHER, flood));
            }
        }
    }

    /** The flow's record, timestamped with its TimeReceived as the NetFlow source does (ddos judges flow times by it). */
    private static ProducerRecord<byte[], byte[]> received(String topic, Struct flow) {
        return new ProducerRecord<>(topic, null, Flows.number(flow, FlowField.TIME_RECEIVED) * 1000, null,
                FlowMessageCodec.encode(flow));
    }

    private static void add(String label, long[] counts) {
        long[] sum = TRUTH.computeIfAbsent(label, l -> new long[3]);
        for (int i = 0; i < 3; i++) {
            sum[i] += counts[i];
        }
    }

    @Test
    void topShowsTheTenantsOwnTrafficInAPlainFrame() throws Exception {
        String last = lastFrame(top(TOP_FLOWS, "flows read"));
        Files.writeString(work.resolve("top-frame.txt"), last); // kept for people to look at
        assertThat(last).startsWith("flowctl top  flows-.*  window " + WINDOW + " s  sort bytes  all flows  at "
                + Instant.ofEpochSecond(FIRST_SECOND + WINDOW - 1));
        for (String label : List.of("Total", "IPv4", "IPv6", "ingress", "egress", "TCP", "UDP", "ICMP")) {
            assertRates(last, label, TRUTH.get(label));
        }
        assertThat(last).contains("Protocols", "Remote ASes", "Top talkers (local address)")
                .as("the other tenant's addresses (10.1.x.x) never show").doesNotContain(" 10.1.");
    }

    @Test
    void topCountsOnlyWhatTheFilterLetsThrough() {
        long udpFlows = TRUTH.get("UDP")[2]; // the filter comes first: --max counts the flows it lets through
        FlowCtlRun run = top(udpFlows, "flows read that match the filter", "--proto", "udp");
        assertThat(run.err).contains("flowctl: --proto udp is the filter 'proto udp'; use --filter");
        String frame = lastFrame(run);
        assertThat(frame).contains("filter proto udp");
        assertRates(frame, "Total", TRUTH.get("UDP"));
        assertThat(frame).doesNotContain("  TCP ");
    }

    @Test
    void ddosLearnsABaselineThenAlertsOnceForTheInjectedFlood() throws Exception {
        Path baseline = work.resolve("ddos-baseline.json");
        FlowCtlRun learn = ddos(tenantLogin(DDOS_TENANT), "--learn-only", "--baseline", baseline.toString(), "--max",
                Long.toString(day1Flows));
        assertThat(learn.out).as("learn-only never alerts").isBlank();
        assertThat(baseline).exists();
        assertThat(Files.readString(baseline)).contains("\"10.0.0.0/20\"");

        FlowCtlRun watch = ddos(tenantLogin(DDOS_TENANT), "--baseline", baseline.toString(), "--max",
                Long.toString(ddosFlows));
        Files.writeString(work.resolve("ddos-alerts.jsonl"), watch.out); // kept for people to look at
        List<JsonNode> alerts = watch.jsonLines();
        assertThat(alerts).extracting(a -> a.get("event").asText() + " " + a.get("target").asText())
                .as("one alert, for the flood, and nothing of the other tenant's flood on 192.0.2.99:\n" + watch.out)
                .containsExactly("start 10.0.0.0/20", "end 10.0.0.0/20");
        long floodFrom = DAY2 + FloodTraffic.FLOOD_FROM_OFFSET;
        long floodTo = floodFrom + FloodTraffic.FLOOD_SECONDS;
        JsonNode start = alerts.get(0);
        JsonNode end = alerts.get(1);
        assertThat(Instant.parse(start.get("start").asText()).getEpochSecond()).isBetween(floodFrom, floodFrom + 60);
        assertThat(Instant.parse(end.get("end").asText()).getEpochSecond()).isBetween(floodTo, floodTo + 60);
        assertThat(start.get("baseline_bits_per_second").asDouble()).as("learned on day one").isPositive();
        assertThat(start.get("threshold_bits_per_second").asDouble())
                .isCloseTo(Math.max(20e6, 3 * start.get("baseline_bits_per_second").asDouble()), withPercentage(0.01));
        for (JsonNode alert : alerts) {
            assertThat(alert.get("top_ports").get(0).get("port").asInt()).isEqualTo(FloodTraffic.FLOOD_PORT);
            assertThat(alert.get("top_sources").get(0).get("address").asText()).isEqualTo(FloodTraffic.DOMINANT_SOURCE);
        }
        assertThat(end.get("peak_bits_per_second").asDouble()).isGreaterThanOrEqualTo(FloodTraffic.FLOOD_BPS);
    }

    @Test
    void ddosWritesItsAlertsToATopicToo() throws Exception {
        Path baseline = work.resolve("ddos-operator-baseline.json");
        List<String> operator = List.of("flows-" + DDOS_TENANT, "--bootstrap", SecureLocalStack.broker().bootstrapServers(),
                "--command-config", SecureLocalStack.security().clientConfigFile().toString());
        ddos(operator, "--learn-only", "--baseline", baseline.toString(), "--max", Long.toString(day1Flows));
        String alertTopic = "ddos-alerts-" + UUID.randomUUID();
        FlowCtlRun watch = ddos(operator, "--baseline", baseline.toString(), "--max", Long.toString(ddosFlows),
                "--alert-topic", alertTopic);
        List<String> printed = watch.out.lines().filter(l -> !l.isBlank()).toList();
        assertThat(printed).hasSize(2);

        Map<String, Object> config = new HashMap<>(SecureLocalStack.operatorClientConfig());
        config.put("group.id", "alerts-reader-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        List<String> written = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(alertTopic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (written.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(record.key()).isEqualTo("10.0.0.0/20");
                    written.add(record.value());
                }
            }
        }
        assertThat(written).as("the same JSON lines as on stdout").isEqualTo(printed);
    }

    /** All topics a tenant may read ({@code flows-.*}), with its own login. */
    private static List<String> tenantLogin(int cid) {
        return List.of("flows-.*", "--pattern", "--bootstrap", SecureLocalStack.broker().bootstrapServers(),
                "--sasl-user", "tenant-" + cid, "--password-file", PASSWORDS.get(cid).toString(), "--truststore",
                SecureLocalStack.caCertificate().toString());
    }

    /** flowctl ddos from the beginning of the topic(s) with the test's detector settings. */
    private static FlowCtlRun ddos(List<String> topicAndLogin, String... more) {
        List<String> args = new ArrayList<>(List.of("ddos", "--from-beginning", "--timeout", "120"));
        args.addAll(topicAndLogin);
        args.addAll(List.of(DETECTOR));
        args.addAll(List.of(more));
        FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.err).as("every flow counted").doesNotContain("late flows dropped", "not counted");
        return run;
    }

    /** {@code flowctl top} until {@code max} flows were counted, which its summary says with {@code counted}. */
    private static FlowCtlRun top(long max, String counted, String... more) {
        List<String> args = new ArrayList<>(List.of("top", "flows-.*", "--pattern", "--from-beginning", "--plain",
                "--window", Integer.toString(WINDOW), "--max", Long.toString(max), "--timeout", "90",
                "--bootstrap", SecureLocalStack.broker().bootstrapServers(), "--sasl-user", "tenant-" + TOP_TENANT,
                "--password-file", PASSWORDS.get(TOP_TENANT).toString(), "--truststore",
                SecureLocalStack.caCertificate().toString()));
        args.addAll(List.of(more));
        FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.err).contains("flowctl top: " + max + " " + counted + ",");
        return run;
    }

    private static String lastFrame(FlowCtlRun run) {
        String[] frames = run.out.split("\n\n(?=flowctl top )");
        return frames[frames.length - 1];
    }

    /** The row's three rates equal the truth's bytes, packets and flows per second of the window. */
    private static void assertRates(String frame, String label, long[] truth) {
        double[] shown = rates(frame, label);
        // three significant digits are shown: within half a unit of the third digit
        assertThat(shown[0]).as(label + " bits/s").isCloseTo(truth[0] * 8.0 / WINDOW, withPercentage(0.5));
        assertThat(shown[1]).as(label + " packets/s").isCloseTo((double) truth[1] / WINDOW, withPercentage(0.5));
        assertThat(shown[2]).as(label + " flows/s").isCloseTo((double) truth[2] / WINDOW, withPercentage(0.5));
    }

    private static final Pattern NUMBER = Pattern.compile("([0-9.]+)( [kMGTP])?");

    /** The bits/s, packets/s and flows/s a frame's row shows, with their SI prefixes applied. */
    private static double[] rates(String frame, String label) {
        for (String line : frame.split("\n")) {
            if (line.startsWith("  " + label + " ")) {
                String rest = line.substring(("  " + label).length());
                Matcher m = NUMBER.matcher(rest);
                double[] values = new double[3];
                for (int i = 0; i < 3; i++) {
                    assertThat(m.find()).as("three rates in: " + line).isTrue();
                    double value = Double.parseDouble(m.group(1));
                    String prefix = m.group(2) == null ? "" : m.group(2).strip();
                    values[i] = value * Math.pow(1000, " kMGTP".indexOf(prefix.isEmpty() ? " " : prefix));
                }
                return values;
            }
        }
        throw new AssertionError("no row " + label + " in the frame:\n" + frame);
    }
}
