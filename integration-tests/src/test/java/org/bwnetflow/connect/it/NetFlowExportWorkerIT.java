package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_MAC;
import static org.bwnetflow.connect.model.FlowField.DST_NET;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.DST_VLAN;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.IP_TOS;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_MAC;
import static org.bwnetflow.connect.model.FlowField.SRC_NET;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;
import static org.bwnetflow.connect.model.FlowField.SRC_VLAN;
import static org.bwnetflow.connect.model.FlowField.TCP_FLAGS;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_END;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_START;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.testing.Nfacctd;
import org.bwnetflow.connect.flowctl.testing.Nfcapd;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.netflow.export.testing.ExportTestFlows;
import org.bwnetflow.connect.stack.ConnectRestClient;
import org.bwnetflow.connect.stack.FreePorts;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NetFlow export sink in the real worker, proved by independent collectors: a topic of
 * known flows is exported as NetFlow v9 or IPFIX to nfdump's nfcapd, pmacct's nfacctd and our
 * own source connector at once; nfdump and nfacctd must list exactly those flows, and the
 * source must yield them back as FlowMessages with the same fields.
 */
@ExtendWith(LocalStack.class)
class NetFlowExportWorkerIT {

    private static final int FLOWS = 300;
    private static final DateTimeFormatter NFDUMP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<FlowField> ROUND_TRIP = List.of(SRC_ADDR, DST_ADDR, NEXT_HOP, BYTES, PACKETS,
            TIME_FLOW_START, TIME_FLOW_END, SRC_PORT, DST_PORT, PROTO, TCP_FLAGS, IP_TOS, IN_IF, OUT_IF, SRC_AS, DST_AS,
            SRC_NET, DST_NET, FLOW_DIRECTION, SRC_MAC, DST_MAC, SRC_VLAN, DST_VLAN);

    @ParameterizedTest
    @ValueSource(strings = {"NETFLOW_V9", "IPFIX"})
    void nfdumpAndOurSourceReceiveExactlyTheFlowsOfTheTopic(String protocol) throws Exception {
        String run = protocol.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "export-" + run;
        String back = "roundtrip-" + run;
        long now = System.currentTimeMillis() / 1000;
        Map<Integer, Struct> sent = produce(topic, now);
        ConnectRestClient rest = LocalStack.rest();

        int sourcePort = FreePorts.udp();
        startSource(rest, "back-" + run, back, sourcePort);

        List<Map<String, String>> listed;
        List<Map<String, String>> accounted;
        try (Nfcapd nfcapd = Nfcapd.start(Path.of("target", "nfcapd", run).toAbsolutePath());
             Nfacctd nfacctd = Nfacctd.start(Path.of("target", "nfacctd", run).toAbsolutePath())) {
            rest.createOrReplaceConnector("export-" + run, Map.of(
                    "connector.class", "org.bwnetflow.connect.netflow.export.NetFlowExportSinkConnector", "tasks.max", "1",
                    "topics", topic, "collectors", "127.0.0.1:" + nfcapd.port() + ",127.0.0.1:" + sourcePort
                            + ",127.0.0.1:" + nfacctd.port(),
                    "export.protocol", protocol, "flush.interval.ms", "200",
                    "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                    "value.converter", "org.bwnetflow.connect.model.FlowMessageConverter"));
            rest.awaitRunning("export-" + run, LocalStack.timeout());
            awaitCommitted(rest, "export-" + run, FLOWS);
            Thread.sleep(500);
            listed = nfcapd.stopAndDump();
            accounted = nfacctd.stopAndRead();
        } finally {
            rest.deleteConnector("export-" + run);
        }

        assertThat(listed).as("flows nfdump lists").hasSize(FLOWS);
        for (Map<String, String> row : listed) {
            Struct want = sent.get(Integer.parseInt(row.get("sp")));
            assertThat(want).as("nfdump row %s", row).isNotNull();
            assertThat(nfdumpView(row)).as("nfdump row for source port " + row.get("sp")).isEqualTo(expectedView(want));
        }

        assertThat(accounted).as("flows pmacct's nfacctd accounts").hasSize(FLOWS);
        for (Map<String, String> row : accounted) {
            Struct want = sent.get(Integer.parseInt(row.get("SRC_PORT")));
            assertThat(want).as("nfacctd row %s", row).isNotNull();
            assertThat(pmacctView(row)).as("nfacctd row for source port " + row.get("SRC_PORT"))
                    .isEqualTo(expectedPmacctView(want));
        }

        try (FlowTopic topicBack = new FlowTopic(LocalStack.broker().bootstrapServers(), back)) {
            List<Struct> received = topicBack.awaitFlows(FLOWS, Duration.ofSeconds(60));
            assertThat(received).as("flows our source decoded from the export").hasSize(FLOWS);
            for (Struct got : received) {
                Struct want = sent.get((int) Flows.number(got, SRC_PORT));
                for (FlowField field : ROUND_TRIP) {
                    assertThat(got.get(field.fieldName())).as(field.fieldName() + " of flow " + Flows.number(got, SRC_PORT))
                            .isEqualTo(want.get(field.fieldName()));
                }
            }
        } finally {
            rest.deleteConnector("back-" + run);
        }
    }

    @org.junit.jupiter.api.Test
    void nfdumpSeesEachFlowFromItsOriginalExporter() throws Exception {
        String run = "source-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "export-" + run;
        Map<Integer, Struct> sent = produce(topic, System.currentTimeMillis() / 1000);
        ConnectRestClient rest = LocalStack.rest();
        List<Map<String, String>> listed;
        try (Nfcapd nfcapd = Nfcapd.start(Path.of("target", "nfcapd", run).toAbsolutePath())) {
            rest.createOrReplaceConnector("export-" + run, Map.of(
                    "connector.class", "org.bwnetflow.connect.netflow.export.NetFlowExportSinkConnector", "tasks.max", "1",
                    "topics", topic, "collectors", "127.0.0.1:" + nfcapd.port(), "export.protocol", "IPFIX",
                    "source.address.mode", "EXPORTER", "flush.interval.ms", "200",
                    "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                    "value.converter", "org.bwnetflow.connect.model.FlowMessageConverter"));
            rest.awaitRunning("export-" + run, LocalStack.timeout());
            awaitCommitted(rest, "export-" + run, FLOWS);
            Thread.sleep(500);
            listed = nfcapd.stopAndDump();
        } finally {
            rest.deleteConnector("export-" + run);
        }
        assertThat(listed).hasSize(FLOWS);
        for (Map<String, String> row : listed) {
            Struct want = sent.get(Integer.parseInt(row.get("sp")));
            assertThat(row.get("ra")).as("router address nfdump shows for source port " + row.get("sp"))
                    .isEqualTo(InetAddress.getByAddress(Flows.bytes(want, FlowField.SAMPLER_ADDRESS)).getHostAddress());
        }
    }

    /**
     * nfcapd restarts while flows arrive. Between its two runs nothing listens on its port: the
     * kernel answers the sink's datagrams with ICMP port unreachable and the sink's connected
     * socket refuses the next send (a real failure, no test hook), so the sink keeps the refused
     * datagram, Connect delivers the batch again and the offsets wait. Our own source, the second
     * collector, listens throughout. Each flow reaches each collector exactly once: nfcapd's two
     * runs together (the second one learns the templates from the datagram sent again), and our source.
     */
    @ParameterizedTest
    @ValueSource(strings = {"NETFLOW_V9", "IPFIX"})
    void aCollectorRestartedWhileFlowsArriveGetsEachFlowOnce(String protocol) throws Exception {
        String run = "restart-" + protocol.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "export-" + run;
        String back = "roundtrip-" + run;
        String connector = "export-" + run;
        long now = System.currentTimeMillis() / 1000;
        createTopic(topic);
        ConnectRestClient rest = LocalStack.rest();
        int sourcePort = FreePorts.udp();
        startSource(rest, "back-" + run, back, sourcePort);
        int collectorPort = FreePorts.udp();
        Map<Integer, Struct> sent = new HashMap<>();
        List<Integer> nfdumpPorts = new ArrayList<>();
        try {
            try (Nfcapd first = Nfcapd.start(Path.of("target", "nfcapd", run, "first").toAbsolutePath(), collectorPort)) {
                Map<String, String> config = new HashMap<>(Map.of(
                        "connector.class", "org.bwnetflow.connect.netflow.export.NetFlowExportSinkConnector",
                        "tasks.max", "1", "topics", topic,
                        "collectors", "127.0.0.1:" + collectorPort + ",127.0.0.1:" + sourcePort,
                        "export.protocol", protocol, "flush.interval.ms", "200",
                        "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                        "value.converter", "org.bwnetflow.connect.model.FlowMessageConverter"));
                config.put("retry.backoff.initial.ms", "200");
                config.put("retry.backoff.max.ms", "1000");
                config.put("retry.max.attempts", "100");
                rest.createOrReplaceConnector(connector, config);
                rest.awaitRunning(connector, LocalStack.timeout());
                sent.putAll(produce(topic, now, 0, FLOWS));
                awaitCommitted(rest, connector, FLOWS);
                Thread.sleep(1000); // the sink is idle: nfcapd has read every datagram before it stops
                first.stopAndDump().forEach(row -> nfdumpPorts.add(Integer.parseInt(row.get("sp"))));
            }
            sent.putAll(produce(topic, now, FLOWS, FLOWS));
            Thread.sleep(3000);
            assertThat(committed(rest, connector)).as("the committed offset while nfcapd is away").isEqualTo(FLOWS);
            double refused = taskMetric(connector, "send-failures");
            assertThat(refused).as("sends the kernel refused while nothing listened").isPositive();
            try (Nfcapd second = Nfcapd.start(Path.of("target", "nfcapd", run, "second").toAbsolutePath(),
                    collectorPort)) {
                awaitCommitted(rest, connector, 2 * FLOWS);
                // The batch refused mid-way came again: the records the task had taken were not taken twice.
                assertThat(taskMetric(connector, "records-redelivered")).as("records Connect delivered again")
                        .isPositive();
                Thread.sleep(1000);
                second.stopAndDump().forEach(row -> nfdumpPorts.add(Integer.parseInt(row.get("sp"))));
            }
            System.out.printf("%s: %.0f sends refused while nfcapd was away; nfdump listed %d flows%n", run, refused,
                    nfdumpPorts.size());
        } finally {
            rest.deleteConnector(connector);
        }

        assertThat(nfdumpPorts).as("flows nfdump lists over both runs").hasSize(2 * FLOWS);
        assertThat(notExactlyOnce(nfdumpPorts, sent.keySet())).as("flows nfdump lists not exactly once").isEmpty();
        try (FlowTopic topicBack = new FlowTopic(LocalStack.broker().bootstrapServers(), back)) {
            topicBack.awaitFlows(2 * FLOWS, Duration.ofSeconds(60));
            List<Integer> ports = new ArrayList<>();
            topicBack.settle(Duration.ofSeconds(2)).forEach(flow -> ports.add((int) Flows.number(flow, SRC_PORT)));
            assertThat(notExactlyOnce(ports, sent.keySet())).as("flows our source got not exactly once").isEmpty();
        } finally {
            rest.deleteConnector("back-" + run);
        }
    }

    /**
     * Records that are no flows (bytes that do not decode, a tombstone) go through the task's
     * errant record reporter to the dead letter queue, and those at the partition's tail are
     * committed all the same.
     */
    @org.junit.jupiter.api.Test
    void recordsThatAreNoFlowsGoToTheDeadLetterQueueAndTheTailIsCommitted() throws Exception {
        String run = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "export-" + run;
        String connector = "export-" + run;
        byte[] garbage = {0x0A, 0x7F, 0x01}; // field 1, 127 bytes long, one byte follows: no FlowMessage
        createTopic(topic);
        Map<Integer, Struct> sent = produce(topic, System.currentTimeMillis() / 1000, 0, 100);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, garbage)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, null)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, garbage)).get(30, TimeUnit.SECONDS);
        }
        ConnectRestClient rest = LocalStack.rest();
        List<Integer> nfdumpPorts = new ArrayList<>();
        try (Nfcapd nfcapd = Nfcapd.start(Path.of("target", "nfcapd", run).toAbsolutePath())) {
            Map<String, String> config = new HashMap<>(Map.of(
                    "connector.class", "org.bwnetflow.connect.netflow.export.NetFlowExportSinkConnector",
                    "tasks.max", "1", "topics", topic, "collectors", "127.0.0.1:" + nfcapd.port(),
                    "flush.interval.ms", "200",
                    // Raw bytes: the task decodes them, so the bad ones reach its errant record reporter.
                    "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                    "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
            config.put("errors.tolerance", "all");
            config.put("errors.deadletterqueue.topic.name", "dlq-" + run);
            config.put("errors.deadletterqueue.topic.replication.factor", "1");
            rest.createOrReplaceConnector(connector, config);
            rest.awaitRunning(connector, LocalStack.timeout());
            awaitCommitted(rest, connector, 103);
            Thread.sleep(500);
            nfcapd.stopAndDump().forEach(row -> nfdumpPorts.add(Integer.parseInt(row.get("sp"))));
            assertThat(taskMetric(connector, "records-rejected")).isEqualTo(3);
        } finally {
            rest.deleteConnector(connector);
        }
        assertThat(notExactlyOnce(nfdumpPorts, sent.keySet())).as("flows nfdump lists not exactly once").isEmpty();
        try (RawTopic dlq = new RawTopic(LocalStack.broker().clientConfig(), "dlq-" + run)) {
            List<byte[]> values = dlq.await(3, LocalStack.timeout());
            assertThat(values).as("the dead letter queue").hasSize(3);
            assertThat(values.get(0)).isEqualTo(garbage);
            assertThat(values.get(1)).as("the tombstone").isNull();
            assertThat(values.get(2)).isEqualTo(garbage);
        }
    }

    private static Map<Integer, Struct> produce(String topic, long now) throws Exception {
        createTopic(topic);
        return produce(topic, now, 0, FLOWS);
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Flows {@code first} to {@code first + count - 1} of ExportTestFlows, as FlowMessage bytes; keyed by source port. */
    private static Map<Integer, Struct> produce(String topic, long now, int first, int count) throws Exception {
        Map<Integer, Struct> sent = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = first; i < first + count; i++) {
                Struct flow = ExportTestFlows.flow(i, now);
                sent.put((int) Flows.number(flow, SRC_PORT), flow);
                producer.send(new ProducerRecord<>(topic, FlowMessageCodec.encode(flow)));
            }
            producer.flush();
        }
        return sent;
    }

    /** The sink commits an offset only once the datagrams holding its records were sent. */
    private static void awaitCommitted(ConnectRestClient rest, String connector, long offset) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        long committed = -1;
        while (System.currentTimeMillis() < deadline) {
            committed = committed(rest, connector);
            if (committed >= offset) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the export sink committed offset " + committed + ", not " + offset + ", within 60 s");
    }

    /** The sink's committed offset of its one partition; -1 when none yet. */
    private static long committed(ConnectRestClient rest, String connector) throws Exception {
        long committed = -1;
        for (JsonNode entry : rest.connectorOffsets(connector).path("offsets")) {
            committed = entry.path("offset").path("kafka_offset").asLong(-1);
        }
        return committed;
    }

    /** A plugin metric of the connector's tasks, summed, read over JMX from the worker's JVM. */
    private static double taskMetric(String connector, String name) throws Exception {
        return WorkerJmx.read(LocalStack.worker().pid(), "kafka.connect:type=plugins,connector=" + connector + ",*")
                .entrySet().stream().filter(e -> e.getKey().endsWith(":" + name)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** How many times each source port occurs, and the ports that did not occur exactly once. */
    private static Map<Integer, Long> notExactlyOnce(List<Integer> ports, Set<Integer> expected) {
        Map<Integer, Long> times = new TreeMap<>();
        ports.forEach(port -> times.merge(port, 1L, Long::sum));
        expected.forEach(port -> times.putIfAbsent(port, 0L));
        times.values().removeIf(n -> n == 1);
        return times;
    }

    private static void startSource(ConnectRestClient rest, String name, String topic, int port) throws Exception {
        rest.createOrReplaceConnector(name, Map.of(
                "connector.class", "org.bwnetflow.connect.netflow.source.NetFlowSourceConnector", "tasks.max", "1",
                "topic", topic, "listen.address", "127.0.0.1", "listen.port", Integer.toString(port),
                "exporter.allowlist", "127.0.0.0/8", "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.bwnetflow.connect.model.FlowMessageConverter"));
        rest.awaitRunning(name, LocalStack.timeout());
    }

    private static String nfdumpView(Map<String, String> row) throws Exception {
        return String.join(" ", InetAddress.getByName(row.get("sa")).getHostAddress(),
                InetAddress.getByName(row.get("da")).getHostAddress(), row.get("sp"), row.get("dp"), row.get("pr"),
                row.get("ibyt"), row.get("ipkt"), row.get("in"), row.get("out"), row.get("ts"), row.get("te"),
                row.get("sas"), row.get("das"), row.get("smk"), row.get("dmk"),
                InetAddress.getByName(row.get("nh")).getHostAddress(), row.get("stos"), row.get("svln"), row.get("dvln"));
    }

    private static String expectedView(Struct f) throws Exception {
        return String.join(" ", InetAddress.getByAddress(Flows.bytes(f, SRC_ADDR)).getHostAddress(),
                InetAddress.getByAddress(Flows.bytes(f, DST_ADDR)).getHostAddress(),
                Long.toString(Flows.number(f, SRC_PORT)), Long.toString(Flows.number(f, DST_PORT)),
                Flows.number(f, PROTO) == 6 ? "TCP" : "UDP", Long.toString(Flows.number(f, BYTES)),
                Long.toString(Flows.number(f, PACKETS)), Long.toString(Flows.number(f, IN_IF)),
                Long.toString(Flows.number(f, OUT_IF)), time(Flows.number(f, TIME_FLOW_START)),
                time(Flows.number(f, TIME_FLOW_END)), Long.toString(Flows.number(f, SRC_AS)),
                Long.toString(Flows.number(f, DST_AS)), Long.toString(Flows.number(f, SRC_NET)),
                Long.toString(Flows.number(f, DST_NET)), InetAddress.getByAddress(Flows.bytes(f, NEXT_HOP)).getHostAddress(),
                Long.toString(Flows.number(f, IP_TOS)), Long.toString(Flows.number(f, SRC_VLAN)),
                Long.toString(Flows.number(f, DST_VLAN)));
    }

    private static String pmacctView(Map<String, String> row) throws Exception {
        return String.join(" ", InetAddress.getByName(row.get("SRC_IP")).getHostAddress(),
                InetAddress.getByName(row.get("DST_IP")).getHostAddress(), row.get("SRC_PORT"), row.get("DST_PORT"),
                row.get("PROTOCOL"), row.get("BYTES"), row.get("PACKETS"), row.get("IN_IFACE"), row.get("OUT_IFACE"),
                row.get("TIMESTAMP_START").substring(0, 19), row.get("TIMESTAMP_END").substring(0, 19),
                row.get("SRC_AS"), row.get("DST_AS"), row.get("SRC_MASK"), row.get("DST_MASK"), row.get("TOS"),
                row.get("TCP_FLAGS"), row.get("VLAN"), row.get("SRC_MAC"), row.get("DST_MAC"));
    }

    private static String expectedPmacctView(Struct f) throws Exception {
        return String.join(" ", InetAddress.getByAddress(Flows.bytes(f, SRC_ADDR)).getHostAddress(),
                InetAddress.getByAddress(Flows.bytes(f, DST_ADDR)).getHostAddress(),
                Long.toString(Flows.number(f, SRC_PORT)), Long.toString(Flows.number(f, DST_PORT)),
                Flows.number(f, PROTO) == 6 ? "tcp" : "udp", Long.toString(Flows.number(f, BYTES)),
                Long.toString(Flows.number(f, PACKETS)), Long.toString(Flows.number(f, IN_IF)),
                Long.toString(Flows.number(f, OUT_IF)), time(Flows.number(f, TIME_FLOW_START)),
                time(Flows.number(f, TIME_FLOW_END)), Long.toString(Flows.number(f, SRC_AS)),
                Long.toString(Flows.number(f, DST_AS)), Long.toString(Flows.number(f, SRC_NET)),
                Long.toString(Flows.number(f, DST_NET)), Long.toString(Flows.number(f, IP_TOS)),
                // pmacct's one VLAN primitive is direction-aware: the post-VLAN (IE 59) of egress flows.
                Long.toString(Flows.number(f, TCP_FLAGS)),
                Long.toString(Flows.number(f, Flows.number(f, FLOW_DIRECTION) == 1 ? DST_VLAN : SRC_VLAN)),
                mac(Flows.number(f, SRC_MAC)), mac(Flows.number(f, DST_MAC)));
    }

    private static String mac(long value) {
        StringBuilder text = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            text.append(String.format("%02x", (value >>> shift) & 0xff)).append(shift > 0 ? ":" : "");
        }
        return text.toString();
    }

    private static String time(long unixSeconds) {
        return LocalDateTime.ofEpochSecond(unixSeconds, 0, ZoneOffset.UTC).format(NFDUMP_TIME);
    }
}
