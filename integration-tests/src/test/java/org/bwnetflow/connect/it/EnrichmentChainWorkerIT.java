package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_CID;
import static org.bwnetflow.connect.model.FlowField.DST_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.DST_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.DST_IF_SPEED;
import static org.bwnetflow.connect.model.FlowField.NORMALIZED;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO_NAME;
import static org.bwnetflow.connect.model.FlowField.REMOTE_ADDR;
import static org.bwnetflow.connect.model.FlowField.REMOTE_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_CID;
import static org.bwnetflow.connect.model.FlowField.SRC_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_SPEED;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture.Interface;
import org.bwnetflow.connect.enrich.testing.TestFiles;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.netflow.encode.ExportFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.PluginInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source connector running the whole enrichment chain (Normalize, CustomerId, GeoIp,
 * InterfaceNames, ProtoName) in the real worker, transforms loaded from the packaged plugin,
 * interface names from a real snmpd on 127.0.0.1, countries and AS numbers from MaxMind's test
 * databases (testdata/geoip; their JSON sources say which address is where).
 */
@ExtendWith(LocalStack.class)
class EnrichmentChainWorkerIT {

    private static final String CONNECTOR_CLASS = "org.bwnetflow.connect.netflow.source.NetFlowSourceConnector";
    private static final String COMMUNITY = "it-community";
    private static final String[] TRANSFORMS = {"Normalize", "CustomerId", "GeoIp", "InterfaceNames", "ProtoName"};

    @TempDir
    Path tmp;

    @Test
    void theWorkerFindsEveryTransformInThePackagedPlugin() {
        List<PluginInfo> plugins = LocalStack.rest().connectorPlugins();
        for (String transform : TRANSFORMS) {
            assertThat(plugins).as(transform).anySatisfy(p -> {
                assertThat(p.className()).isEqualTo("org.bwnetflow.connect.enrich." + transform);
                assertThat(p.type()).isEqualTo("transformation");
                assertThat(p.version()).isEqualTo(LocalStack.version());
            });
        }
    }

    @Test
    void theValidateEndpointNamesBadTransformKeysAndWhy() throws Exception {
        Path prefixes = tmp.resolve("bad-prefixes.csv");
        Files.writeString(prefixes, "10.0.0.0/8,1\n10.1.0.1/16,2\n");
        Map<String, String> config = chain(prefixes, 161);
        config.put("transforms.geo.database.file", tmp.resolve("missing.mmdb").toString());
        config.put("transforms.ifnames.snmp.alias.regex", "([a-z");
        config.put("transforms.customer.mode", "sideways");
        config.put("transforms.ifnames.snmp.agents.allowlist", "127.0.0.1/32,10.1.2.3/8");
        config.put("transforms.ifnames.snmp.v3.auth.passphrase", "short-1");
        Map<String, List<String>> errors = ValidationErrors.byKey(LocalStack.rest().validate(CONNECTOR_CLASS, config));
        assertThat(errors.get("transforms.customer.prefixes.file")).singleElement().asString()
                .contains("line 2").contains("host bits set");
        assertThat(errors.get("transforms.geo.database.file")).singleElement().asString().contains("not a readable file");
        assertThat(errors.get("transforms.ifnames.snmp.alias.regex")).singleElement().asString()
                .contains("not a regular expression");
        assertThat(errors.get("transforms.customer.mode")).singleElement().asString().contains("sideways");
        assertThat(errors.get("transforms.ifnames.snmp.community")).as("a PASSWORD is never echoed").isEmpty();
        assertThat(errors.get("transforms.ifnames.snmp.agents.allowlist")).singleElement().asString()
                .contains("'10.1.2.3/8' has host bits set");
        assertThat(errors.get("transforms.ifnames.snmp.v3.auth.passphrase")).singleElement().asString()
                .contains("shorter than 8 characters").doesNotContain("short-1");
    }

    @Test
    void recordsInTheTopicCarryEveryEnrichment() throws Exception {
        int snmpPort = FreePorts.udp();
        Map<Integer, Interface> table = Map.of(
                1, new Interface("ge-0/0/1", "Customer A [cust:1001]", 1000),
                2, new Interface("xe-1/2/3", "Transit B", 10_000));
        Path prefixes = tmp.resolve("prefixes.csv");
        Files.writeString(prefixes, "# customers\n10.1.0.0/16,1001\n2001:db8:1::/48,1002\n");
        try (SnmpdFixture snmpd = SnmpdFixture.start(tmp.resolve("snmpd"), snmpPort, COMMUNITY, table)) {
            int port = FreePorts.udp();
            String topic = "flows-enriched-" + UUID.randomUUID();
            String connector = "enriched-" + port;
            Map<String, String> config = chain(prefixes, snmpd.port());
            config.putAll(Map.of("connector.class", CONNECTOR_CLASS, "tasks.max", "1", "topic", topic,
                    "listen.address", "127.0.0.1", "listen.port", String.valueOf(port),
                    "exporter.allowlist", "127.0.0.0/8",
                    "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                    "value.converter", "org.bwnetflow.connect.model.FlowMessageConverter"));
            LocalStack.rest().createOrReplaceConnector(connector, config);
            LocalStack.rest().awaitRunning(connector, LocalStack.timeout());

            List<Struct> batch = sendUntilNamed(port, topic);
            assertEnriched(batch);

            Map<String, Double> metrics = WorkerJmx.read(LocalStack.worker().pid(),
                    "kafka.connect:type=plugins,connector=" + connector + ",*");
            assertThat(metrics).as("transform metrics").anySatisfy((name, value) -> {
                assertThat(name).contains("transformation=customer").endsWith(":matched");
                assertThat(value).isPositive();
            });
            assertThat(metrics).anySatisfy((name, value) -> {
                assertThat(name).contains("transformation=ifnames").endsWith(":snmp-answers");
                assertThat(value).isEqualTo(2);
            });
            LocalStack.rest().deleteConnector(connector);
        }
    }

    /** The names come from SNMP after the first flows left: send the batch until a copy of it carries them. */
    private List<Struct> sendUntilNamed(int port, String topic) throws Exception {
        FlowExportEncoder encoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 3,
                System.currentTimeMillis() - 3_600_000);
        try (DatagramSocket router = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), topic)) {
            boolean templates = true;
            for (int round = 1; round <= 40; round++) {
                long now = System.currentTimeMillis();
                byte[] datagram = encoder.encode(batch(), templates, now);
                templates = false;
                router.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
                List<Struct> all = flows.awaitFlows(round * 5, LocalStack.timeout());
                List<Struct> last = all.subList(all.size() - 5, all.size());
                if (last.stream().allMatch(f -> !Flows.text(f, SRC_IF_NAME).isEmpty())) {
                    return new ArrayList<>(last);
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("no batch got its interface names from snmpd within 40 rounds");
    }

    /** Ingress from Sweden, egress to the US, IPv6 egress to Japan, a stranger's GRE, an unassigned protocol. */
    private static List<ExportFlow> batch() throws Exception {
        return List.of(
                flow("89.160.20.112", "10.1.0.5", 6, 1, 2, 0),
                flow("10.1.0.5", "216.160.83.56", 17, 2, 1, 1),
                flow("2001:db8:1::5", "2001:218::1", 58, 2, 1, 1),
                flow("203.0.113.1", "198.51.100.1", 47, 1, 2, 0),
                flow("10.1.0.6", "12.81.92.1", 200, 2, 1, 1));
    }

    private static ExportFlow flow(String src, String dst, int proto, long in, long out, int direction)
            throws Exception {
        byte[] srcBytes = InetAddress.getByName(src).getAddress();
        byte[] nextHop = new byte[srcBytes.length];
        long now = System.currentTimeMillis();
        return new ExportFlow(srcBytes, InetAddress.getByName(dst).getAddress(), nextHop, in, out, 3, 1200,
                now - 2000, now - 1000, 40_000, 443, 0x18, proto, 0, 0, 0, 24, 24, direction, 0, 0, 0, 0, 0);
    }

    private static void assertEnriched(List<Struct> batch) throws Exception {
        Map<String, Struct> bySrc = new HashMap<>();
        for (Struct flow : batch) {
            bySrc.put(InetAddress.getByAddress(Flows.bytes(flow, SRC_ADDR)).getHostAddress(), flow);
            assertThat(Flows.number(flow, BYTES)).as("Normalize: 1200 bytes at 1:10").isEqualTo(12_000);
            assertThat(Flows.number(flow, PACKETS)).isEqualTo(30);
            assertThat(Flows.number(flow, SAMPLING_RATE)).isEqualTo(10);
            assertThat(Flows.enumValue(flow, NORMALIZED)).isEqualTo(1);
        }
        Struct ingress = bySrc.get("89.160.20.112");
        assertThat(Flows.number(ingress, CID)).isEqualTo(1001);
        assertThat(Flows.number(ingress, DST_CID)).isEqualTo(1001);
        assertThat(Flows.enumValue(ingress, REMOTE_ADDR)).isEqualTo(1);
        assertThat(Flows.text(ingress, SRC_COUNTRY)).isEqualTo("SE");
        assertThat(Flows.text(ingress, REMOTE_COUNTRY)).isEqualTo("SE");
        assertThat(Flows.number(ingress, SRC_AS)).isEqualTo(29_518);
        assertThat(Flows.text(ingress, PROTO_NAME)).isEqualTo("TCP");
        assertThat(Flows.text(ingress, SRC_IF_NAME)).isEqualTo("ge-0/0/1");
        assertThat(Flows.text(ingress, SRC_IF_DESC)).isEqualTo("cust:1001");
        assertThat(Flows.number(ingress, SRC_IF_SPEED)).isEqualTo(1000);
        assertThat(Flows.text(ingress, DST_IF_NAME)).isEqualTo("xe-1/2/3");
        assertThat(Flows.text(ingress, DST_IF_DESC)).isEqualTo("Transit B");
        assertThat(Flows.number(ingress, DST_IF_SPEED)).isEqualTo(10_000);

        Struct egress = bySrc.get("10.1.0.5");
        assertThat(Flows.number(egress, CID)).isEqualTo(1001);
        assertThat(Flows.number(egress, SRC_CID)).isEqualTo(1001);
        assertThat(Flows.enumValue(egress, REMOTE_ADDR)).isEqualTo(2);
        assertThat(Flows.text(egress, DST_COUNTRY)).isEqualTo("US");
        assertThat(Flows.text(egress, REMOTE_COUNTRY)).isEqualTo("US");
        assertThat(Flows.text(egress, PROTO_NAME)).isEqualTo("UDP");
        assertThat(Flows.text(egress, SRC_IF_NAME)).isEqualTo("xe-1/2/3");

        Struct v6 = bySrc.get("2001:db8:1:0:0:0:0:5");
        assertThat(Flows.number(v6, CID)).isEqualTo(1002);
        assertThat(Flows.text(v6, REMOTE_COUNTRY)).isEqualTo("JP");
        assertThat(Flows.text(v6, PROTO_NAME)).isEqualTo("IPv6-ICMP");

        Struct stranger = bySrc.get("203.0.113.1");
        assertThat(Flows.number(stranger, CID)).isZero();
        assertThat(Flows.text(stranger, PROTO_NAME)).isEqualTo("GRE");

        Struct unassigned = bySrc.get("10.1.0.6");
        assertThat(Flows.text(unassigned, PROTO_NAME)).isEmpty();
        assertThat(Flows.number(unassigned, DST_AS)).as("12.81.92.0/22 is AS7018").isEqualTo(7018);
    }

    /** The chain as an operator writes it: every transform of smt-enrich, in the order docs/architecture.md gives. */
    private static Map<String, String> chain(Path prefixes, int snmpPort) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("transforms", "normalize,customer,geo,ifnames,proto");
        config.put("transforms.normalize.type", "org.bwnetflow.connect.enrich.Normalize");
        config.put("transforms.normalize.rate.overrides", "127.0.0.1=10");
        config.put("transforms.customer.type", "org.bwnetflow.connect.enrich.CustomerId");
        config.put("transforms.customer.prefixes.file", prefixes.toString());
        config.put("transforms.geo.type", "org.bwnetflow.connect.enrich.GeoIp");
        config.put("transforms.geo.database.file", TestFiles.testdata("geoip/GeoIP2-City-Test.mmdb").toString());
        config.put("transforms.geo.asn.database.file", TestFiles.testdata("geoip/GeoLite2-ASN-Test.mmdb").toString());
        config.put("transforms.ifnames.type", "org.bwnetflow.connect.enrich.InterfaceNames");
        config.put("transforms.ifnames.snmp.community", COMMUNITY);
        config.put("transforms.ifnames.snmp.agents.allowlist", "127.0.0.1/32");
        config.put("transforms.ifnames.snmp.port", String.valueOf(snmpPort));
        config.put("transforms.ifnames.snmp.timeout.ms", "500");
        config.put("transforms.ifnames.snmp.alias.regex", "\\[(.*)\\]");
        config.put("transforms.proto.type", "org.bwnetflow.connect.enrich.ProtoName");
        return config;
    }
}
