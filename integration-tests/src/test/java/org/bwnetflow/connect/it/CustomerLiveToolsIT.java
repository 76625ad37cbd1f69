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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.generate.FlowGenerator;
import org.bwnetflow.connect.flowctl.generate.GeneratedFlow;
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
 * at the same time never shows.
 */
@ExtendWith(SecureLocalStack.class)
class CustomerLiveToolsIT {

    private static final int TOP_TENANT = 1900;
    private static final int OTHER = 1950;
    private static final int TOP_FLOWS = 3000;
    private static final int WINDOW = 10;
    private static final long FIRST_SECOND = 1_800_000_000L;
    private static final Map<Integer, Path> PASSWORDS = new HashMap<>();
    private static final Map<String, long[]> TRUTH = new HashMap<>();
    private static Path work;

    @BeforeAll
    static void provisionAndProduce() throws Exception {
        work = Files.createDirectories(Path.of("target", "live-tools", UUID.randomUUID().toString()));
        for (int cid : List.of(TOP_TENANT, OTHER)) {
            Path password = work.resolve(cid + ".pw");
            Files.writeString(password, "pw-" + cid + "-" + UUID.randomUUID());
            PASSWORDS.put(cid, password);
            FlowCtlRun added = FlowCtlRun.run("tenants", "add", Integer.toString(cid), "--password-file",
                    password.toString(), "--partitions", "2", "--bootstrap-server",
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
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SecureLocalStack.operatorClientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private static void add(String label, long[] counts) {
        long[] sum = TRUTH.computeIfAbsent(label, l -> new long[3]);
        for (int i = 0; i < 3; i++) {
            sum[i] += counts[i];
        }
    }

    @Test
    void topShowsTheTenantsOwnTrafficInAPlainFrame() throws Exception {
        String last = lastFrame(top());
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
        String frame = lastFrame(top("--proto", "udp"));
        assertThat(frame).contains("filter proto udp");
        assertRates(frame, "Total", TRUTH.get("UDP"));
        assertThat(frame).doesNotContain("  TCP ");
    }

    private static FlowCtlRun top(String... more) {
        List<String> args = new ArrayList<>(List.of("top", "flows-.*", "--pattern", "--from-beginning", "--plain",
                "--window", Integer.toString(WINDOW), "--max", Integer.toString(TOP_FLOWS), "--timeout", "90",
                "--bootstrap", SecureLocalStack.broker().bootstrapServers(), "--sasl-user", "tenant-" + TOP_TENANT,
                "--password-file", PASSWORDS.get(TOP_TENANT).toString()));
        args.addAll(List.of(more));
        FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.err).contains("flowctl top: " + TOP_FLOWS + " flows read");
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
