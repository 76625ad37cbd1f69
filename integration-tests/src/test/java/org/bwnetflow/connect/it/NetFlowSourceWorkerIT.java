package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.*;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.flowctl.generate.FlowGenerator;
import org.bwnetflow.connect.flowctl.generate.GeneratedFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;
import org.bwnetflow.connect.flowctl.testing.PcapWriter;
import org.bwnetflow.connect.flowctl.testing.Tools;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.PluginInfo;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NetFlow source connector in a real Connect worker (loaded from the packaged plugin zip),
 * fed by a real exporter program, read back from a real broker.
 */
@ExtendWith(LocalStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetFlowSourceWorkerIT {

    private static final String CONNECTOR_CLASS = "org.bwnetflow.connect.netflow.source.NetFlowSourceConnector";
    private static final String CONVERTER_CLASS = "org.bwnetflow.connect.model.FlowMessageConverter";

    @TempDir
    Path tmp;

    @Test
    @Order(1)
    void theWorkerFindsConnectorAndConverterInThePackagedPlugin() {
        List<PluginInfo> plugins = LocalStack.rest().connectorPlugins();
        assertThat(plugins).anySatisfy(p -> {
            assertThat(p.className()).isEqualTo(CONNECTOR_CLASS);
            assertThat(p.type()).isEqualTo("source");
            assertThat(p.version()).isEqualTo(LocalStack.version());
        });
        assertThat(plugins).anySatisfy(p -> {
            assertThat(p.className()).isEqualTo(CONVERTER_CLASS);
            assertThat(p.type()).isEqualTo("converter");
            assertThat(p.version()).isEqualTo(LocalStack.version());
        });
    }

    @Test
    @Order(2)
    void theValidateEndpointNamesEachBadKeyAndWhy() {
        Map<String, String> config = new HashMap<>(Map.of(
                "connector.class", CONNECTOR_CLASS,
                "listen.port", "70000",
                "exporter.allowlist", "192.0.2.0/24,not-a-network",
                "sampling.rate.overrides", "192.0.2.1=0",
                "record.key", "partition"));
        Map<String, List<String>> errors = ValidationErrors.byKey(LocalStack.rest().validate(CONNECTOR_CLASS, config));
        assertThat(errors.get("listen.port")).singleElement().asString().contains("70000");
        assertThat(errors.get("exporter.allowlist")).singleElement().asString().contains("not-a-network");
        assertThat(errors.get("sampling.rate.overrides")).singleElement().asString().contains("at least 1");
        assertThat(errors.get("record.key")).singleElement().asString().contains("partition");
        assertThat(errors.get("topic")).isEmpty();

        // Cross-field: an override for an exporter the allowlist drops can never apply.
        Map<String, String> crossField = Map.of("connector.class", CONNECTOR_CLASS,
                "exporter.allowlist", "192.0.2.0/24", "sampling.rate.overrides", "198.51.100.7=100");
        Map<String, List<String>> crossErrors = ValidationErrors.byKey(LocalStack.rest().validate(CONNECTOR_CLASS, crossField));
        assertThat(crossErrors.get("sampling.rate.overrides")).singleElement().asString()
                .contains("198.51.100.7").contains("exporter.allowlist");
        assertThat(crossErrors.get("exporter.allowlist")).isEmpty();

        // The door is closed by default: without an allowlist the connector does not start, and validate says why.
        Map<String, List<String>> missing = ValidationErrors.byKey(LocalStack.rest().validate(CONNECTOR_CLASS,
                Map.of("connector.class", CONNECTOR_CLASS, "listen.port", "2055")));
        assertThat(missing.get("exporter.allowlist")).isNotEmpty()
                .allSatisfy(message -> assertThat(message).contains("exporter.allowlist"));
        Map<String, List<String>> empty = ValidationErrors.byKey(LocalStack.rest().validate(CONNECTOR_CLASS,
                Map.of("connector.class", CONNECTOR_CLASS, "exporter.allowlist", "")));
        assertThat(empty.get("exporter.allowlist")).singleElement().asString().contains("0.0.0.0/0,::/0");
    }

    /** softflowd (Debian) reads a capture we wrote and exports its flows as NetFlow v9 to the connector. */
    @Test
    @Order(3)
    void softflowdExportsArriveAsFlowRecordsMatchingTheCapture() throws Exception {
        int port = FreePorts.udp();
        String topic = "flows-softflowd-" + UUID.randomUUID();
        createConnector("softflowd-" + port, topic, port, Map.of("record.key", "exporter"));
        Map<String, long[]> expected = new TreeMap<>(); // "src sport dst dport proto" -> {packets, bytes}
        Path capture = writeCapture(expected);
        runSoftflowd(capture, port, "-v", "9");

        try (FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), topic)) {
            flows.awaitFlows(expected.size(), LocalStack.timeout());
            List<Struct> records = flows.settle(Duration.ofSeconds(2));
            for (Struct flow : records) {
                assertThat(Flows.enumValue(flow, TYPE)).isEqualTo(3);
                assertThat(text(Flows.bytes(flow, SAMPLER_ADDRESS))).isEqualTo("127.0.0.1");
                assertThat(Flows.number(flow, ETYPE)).isEqualTo(0x0800L);
            }
            assertThat(records).hasSize(expected.size());
            assertMatchesCapture(records, expected);
            assertThat(flows.keys()).allSatisfy(key -> assertThat(key).isEqualTo("127.0.0.1"));
        }

        // The task's numbers as Connect plugin metrics, read over JMX from the worker's JVM.
        Map<String, Double> metrics = WorkerJmx.read(LocalStack.worker().pid(),
                "kafka.connect:type=plugins,connector=softflowd-" + port + ",*");
        assertThat(metric(metrics, "flows", null)).isEqualTo(expected.size());
        assertThat(metric(metrics, "datagrams-received", null)).isPositive();
        assertThat(metric(metrics, "malformed", null)).isZero();
        assertThat(metric(metrics, "exporter-flows", "127.0.0.1")).isEqualTo(expected.size());
    }

    /**
     * softflowd's bidirectional IPFIX (RFC 5103, {@code -b}): one record per conversation with reverse
     * counters. Each direction becomes its own FlowMessage, so every packet of the capture is counted,
     * in the direction it travelled (softflowd's forward side is the lower address, not the initiator).
     */
    @Test
    @Order(4)
    void softflowdBiflowsArriveAsOneFlowPerDirection() throws Exception {
        int port = FreePorts.udp();
        String topic = "flows-biflow-" + UUID.randomUUID();
        createConnector("biflow-" + port, topic, port, Map.of());
        Map<String, long[]> expected = new TreeMap<>();
        Path capture = writeCapture(expected);
        runSoftflowd(capture, port, "-v", "10", "-b");

        try (FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), topic)) {
            flows.awaitFlows(expected.size(), LocalStack.timeout());
            List<Struct> records = flows.settle(Duration.ofSeconds(2));
            assertThat(records).allSatisfy(flow -> assertThat(Flows.enumValue(flow, TYPE)).isEqualTo(4));
            assertMatchesCapture(records, expected);
            assertThat(records).filteredOn(flow -> Flows.number(flow, BI_FLOW_DIRECTION) == 2).hasSize(2);
        }
        Map<String, Double> metrics = WorkerJmx.read(LocalStack.worker().pid(),
                "kafka.connect:type=plugins,connector=biflow-" + port + ",*");
        assertThat(metric(metrics, "reverse-flows", null)).isEqualTo(2); // the two conversations' answers
    }

    /** Two conversations in both directions and two one-way flows; the expected counts go into {@code expected}. */
    private Path writeCapture(Map<String, long[]> expected) throws Exception {
        PcapWriter pcap = new PcapWriter();
        long t = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < 6; i++) {
            add(expected, "10.1.0.1 40000 198.51.100.7 443 6",
                    pcap.tcp("10.1.0.1", "198.51.100.7", 40_000, 443, 0x18, 100 * i, t + i * 10));
            add(expected, "198.51.100.7 443 10.1.0.1 40000 6",
                    pcap.tcp("198.51.100.7", "10.1.0.1", 443, 40_000, 0x10, 1_000 + i, t + i * 10 + 5));
        }
        for (int i = 0; i < 4; i++) { // the initiator has the higher address this time
            add(expected, "203.0.113.50 50000 10.9.9.9 22 6",
                    pcap.tcp("203.0.113.50", "10.9.9.9", 50_000, 22, 0x18, 50 + i, t + 50 + i * 10));
            add(expected, "10.9.9.9 22 203.0.113.50 50000 6",
                    pcap.tcp("10.9.9.9", "203.0.113.50", 22, 50_000, 0x18, 500 + i, t + 55 + i * 10));
        }
        for (int i = 0; i < 3; i++) {
            add(expected, "10.1.0.2 5353 203.0.113.9 53 17",
                    pcap.udp("10.1.0.2", "203.0.113.9", 5353, 53, new byte[30 + i], t + 100 + i));
        }
        add(expected, "10.1.0.3 123 192.0.2.123 123 17",
                pcap.udp("10.1.0.3", "192.0.2.123", 123, 123, new byte[48], t + 200));
        Path capture = tmp.resolve("traffic.pcap");
        pcap.writeTo(capture);
        return capture;
    }

    private void runSoftflowd(Path capture, int port, String... version) throws Exception {
        String softflowd = Tools.require("softflowd", "softflowd");
        List<String> command = new ArrayList<>(List.of(softflowd, "-r", capture.getFileName().toString(),
                "-n", "127.0.0.1:" + port, "-c", "none"));
        command.addAll(List.of(version));
        // softflowd keeps the -r argument in an interface-name buffer (16 bytes): pass a short relative
        // path. "-c none": no control socket, which would otherwise keep it waiting after the capture ends.
        Process exporter = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("softflowd.log").toFile()).start();
        boolean exited = exporter.waitFor(30, TimeUnit.SECONDS);
        exporter.destroyForcibly();
        assertThat(exited).as("softflowd did not finish: %s", Files.readString(tmp.resolve("softflowd.log"))).isTrue();
        assertThat(exporter.exitValue()).as(Files.readString(tmp.resolve("softflowd.log"))).isZero();
    }

    private static void assertMatchesCapture(List<Struct> records, Map<String, long[]> expected) throws Exception {
        Map<String, long[]> actual = new TreeMap<>();
        for (Struct flow : records) {
            String key = text(Flows.bytes(flow, SRC_ADDR)) + " " + Flows.number(flow, SRC_PORT) + " "
                    + text(Flows.bytes(flow, DST_ADDR)) + " " + Flows.number(flow, DST_PORT) + " "
                    + Flows.number(flow, PROTO);
            long[] counts = actual.computeIfAbsent(key, k -> new long[2]);
            counts[0] += Flows.number(flow, PACKETS);
            counts[1] += Flows.number(flow, BYTES);
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, counts) -> assertThat(actual.get(key)).as(key).containsExactly(counts));
    }

    /** The one metric with this attribute name (and exporter tag, if given). */
    private static double metric(Map<String, Double> metrics, String attribute, String exporter) {
        List<Double> found = new ArrayList<>();
        metrics.forEach((name, value) -> {
            boolean exporterMatches = exporter == null ? !name.contains("exporter=") : name.contains("exporter=" + exporter);
            if (name.endsWith(":" + attribute) && exporterMatches) {
                found.add(value);
            }
        });
        assertThat(found).as("metric %s in %s", attribute, metrics.keySet()).hasSize(1);
        return found.get(0);
    }

    /**
     * Templates live in the connector's source offsets: after a worker restart a data-only
     * datagram decodes at once, while an exporter whose template was never seen gets nothing.
     */
    @Test
    @Order(5)
    void afterAWorkerRestartDataOnlyDatagramsDecodeWithTemplatesFromOffsets() throws Exception {
        int port = FreePorts.udp();
        String topic = "flows-restart-" + UUID.randomUUID();
        String connector = "restart-" + port;
        createConnector(connector, topic, port, Map.of());
        long boot = System.currentTimeMillis() - 3_600_000;
        FlowExportEncoder encoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 7, boot);
        FlowGenerator generator = new FlowGenerator(99, 0);
        InetAddress target = InetAddress.getLoopbackAddress();

        try (DatagramSocket router = new DatagramSocket(0, InetAddress.getByName("127.0.0.5"));
                DatagramSocket stranger = new DatagramSocket(0, InetAddress.getByName("127.0.0.6"));
                FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), topic)) {
            List<GeneratedFlow> first = batch(generator, 10);
            long now = System.currentTimeMillis();
            send(router, encoder.encode(GeneratedFlow.at(first, now), true, now), target, port);
            assertThat(flows.awaitFlows(10, LocalStack.timeout())).hasSize(10);

            LocalStack.worker().restart();
            LocalStack.rest().awaitRunning(connector, LocalStack.timeout());

            List<GeneratedFlow> second = batch(generator, 12);
            now = System.currentTimeMillis();
            send(router, encoder.encode(GeneratedFlow.at(second, now), false, now), target, port);
            FlowExportEncoder strangerEncoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 7, boot);
            send(stranger, strangerEncoder.encode(GeneratedFlow.at(batch(new FlowGenerator(5, 1), 5), now), false, now),
                    target, port);

            List<Struct> all = flows.awaitFlows(22, LocalStack.timeout());
            all = flows.settle(Duration.ofSeconds(3));
            assertThat(all).hasSize(22);
            List<String> expected = new ArrayList<>();
            for (GeneratedFlow sent : second) {
                expected.add(key("127.0.0.5", sent.srcAddr(), sent.dstAddr(), sent.dstPort(), sent.bytes(),
                        sent.packets()));
            }
            List<String> afterRestart = new ArrayList<>();
            for (Struct got : all.subList(10, 22)) {
                afterRestart.add(key(text(Flows.bytes(got, SAMPLER_ADDRESS)), Flows.bytes(got, SRC_ADDR),
                        Flows.bytes(got, DST_ADDR), Flows.number(got, DST_PORT), Flows.number(got, BYTES),
                        Flows.number(got, PACKETS)));
            }
            // A datagram holds its IPv4 records before its IPv6 ones, so compare as sets.
            assertThat(afterRestart).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private void createConnector(String name, String topic, int port, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "connector.class", CONNECTOR_CLASS,
                "tasks.max", "1",
                "topic", topic,
                "listen.address", "127.0.0.1",
                "listen.port", String.valueOf(port),
                "exporter.allowlist", "127.0.0.0/8",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", CONVERTER_CLASS));
        config.putAll(extra);
        LocalStack.rest().createOrReplaceConnector(name, config);
        LocalStack.rest().awaitRunning(name, LocalStack.timeout());
    }

    private static void add(Map<String, long[]> expected, String key, int ipLength) {
        long[] counts = expected.computeIfAbsent(key, k -> new long[2]);
        counts[0]++;
        counts[1] += ipLength;
    }

    private static List<GeneratedFlow> batch(FlowGenerator generator, int n) {
        List<GeneratedFlow> flows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            flows.add(generator.next());
        }
        return flows;
    }

    private static void send(DatagramSocket socket, byte[] datagram, InetAddress target, int port) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, target, port));
    }

    private static String text(byte[] address) throws Exception {
        return address.length == 0 ? "-" : InetAddress.getByAddress(address).getHostAddress();
    }

    private static String key(String exporter, byte[] src, byte[] dst, long dstPort, long bytes, long packets)
            throws Exception {
        return exporter + " " + text(src) + " > " + text(dst) + ":" + dstPort + " " + bytes + "B " + packets + "p";
    }
}
