package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.netflow.encode.ExportFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.PluginInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The FlowMatches predicate in a real worker, loaded from the packaged plugin: Connect's Filter transform with it
 * (negated) lets exactly the flows of a known set through that the filter matches, the source's ingest health
 * records pass with on.other.records=true, and REST validate names a bad filter's key and position.
 */
@ExtendWith(LocalStack.class)
class FlowMatchesWorkerIT {

    private static final String SOURCE = "org.bwnetflow.connect.netflow.source.NetFlowSourceConnector";
    private static final String FLOW_MATCHES = "org.bwnetflow.connect.filter.predicate.FlowMatches";
    private static final String DNS = "proto udp and dst port 53";

    @Test
    void theWorkerFindsThePredicateInThePackagedPlugin() {
        List<PluginInfo> plugins = LocalStack.rest().connectorPlugins();
        assertThat(plugins).anySatisfy(p -> {
            assertThat(p.className()).isEqualTo(FLOW_MATCHES);
            assertThat(p.type()).isEqualTo("predicate");
            assertThat(p.version()).isEqualTo(LocalStack.version());
        });
    }

    @Test
    void theValidateEndpointNamesABadFilterAndWhere() {
        Map<String, String> config = onlyDns("flows-validate", 9);
        config.put("predicates.dns.filter", "src net 10.0.0.0/8 and port udp");

        Map<String, List<String>> errors = ValidationErrors.byKey(LocalStack.rest().validate(SOURCE, config));

        assertThat(errors.get("predicates.dns.filter")).singleElement().asString()
                .contains("filter", "at 28: expected a port number or 'in', found 'udp'");
    }

    @Test
    void filterWithTheNegatedPredicateKeepsExactlyTheMatchingFlows() throws Exception {
        int port = FreePorts.udp();
        String topic = "flows-dns-" + UUID.randomUUID();
        String health = "health-dns-" + UUID.randomUUID();
        String connector = "only-dns-" + port;
        Map<String, String> config = onlyDns(topic, port);
        config.put("health.topic", health);
        config.put("health.interval.ms", "1000");
        LocalStack.rest().createOrReplaceConnector(connector, config);
        LocalStack.rest().awaitRunning(connector, LocalStack.timeout());
        try (DatagramSocket router = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), topic);
                RawTopic healthRecords = new RawTopic(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalStack.broker().bootstrapServers()), health)) {
            FlowExportEncoder encoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 7,
                    System.currentTimeMillis() - 3_600_000);
            send(router, port, encoder.encode(knownSet(), true, System.currentTimeMillis()));
            // a last matching flow after the set: once it is in the topic, every flow before it has been decided
            send(router, port, encoder.encode(List.of(flow("10.9.9.9", "192.0.2.53", 17, 53)), false,
                    System.currentTimeMillis()));

            flows.awaitFlows(3, LocalStack.timeout());
            List<Struct> kept = flows.settle(Duration.ofSeconds(2));

            assertThat(kept).extracting(f -> FlowJson.addressText(Flows.bytes(f, SRC_ADDR)) + " " + Flows.number(f, PROTO) + " "
                    + Flows.number(f, DST_PORT)).containsExactlyInAnyOrder("10.0.0.1 17 53", "2001:db8::1 17 53",
                    "10.9.9.9 17 53");
            assertThat(healthRecords.await(1, LocalStack.timeout())).as("health records are no flows: "
                    + "on.other.records=true keeps them").isNotEmpty();
        } finally {
            LocalStack.rest().deleteConnector(connector);
        }
    }

    /** Six flows, two of them UDP to port 53 (IPv4 and IPv6); the others miss by protocol or by port. */
    private static List<ExportFlow> knownSet() throws Exception {
        return List.of(
                flow("10.0.0.1", "192.0.2.53", 17, 53),
                flow("10.0.0.2", "192.0.2.53", 6, 53),
                flow("10.0.0.3", "192.0.2.80", 17, 123),
                flow("2001:db8::1", "2001:db8::53", 17, 53),
                flow("10.0.0.4", "192.0.2.53", 17, 5353),
                flow("2001:db8::2", "2001:db8::80", 6, 443));
    }

    private static ExportFlow flow(String src, String dst, int proto, int dstPort) throws UnknownHostException {
        byte[] srcBytes = InetAddress.getByName(src).getAddress();
        long now = System.currentTimeMillis();
        return new ExportFlow(srcBytes, InetAddress.getByName(dst).getAddress(), new byte[srcBytes.length], 1, 2, 3,
                1200, now - 2000, now - 1000, 40_000, dstPort, 0, proto, 0, 0, 0, 24, 24, 0, 0, 0, 0, 0, 0);
    }

    private static void send(DatagramSocket router, int port, byte[] datagram) throws Exception {
        router.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }

    /** The source with Filter + FlowMatches (negated: Filter drops what its predicate holds for) keeping DNS. */
    private static Map<String, String> onlyDns(String topic, int port) {
        Map<String, String> config = new HashMap<>();
        config.putAll(Map.of("connector.class", SOURCE, "tasks.max", "1", "topic", topic,
                "listen.address", "127.0.0.1", "listen.port", String.valueOf(port),
                "exporter.allowlist", "127.0.0.0/8",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.bwnetflow.connect.model.FlowMessageConverter"));
        config.put("transforms", "onlyDns");
        config.put("transforms.onlyDns.type", "org.apache.kafka.connect.transforms.Filter");
        config.put("transforms.onlyDns.predicate", "dns");
        config.put("transforms.onlyDns.negate", "true");
        config.put("predicates", "dns");
        config.put("predicates.dns.type", FLOW_MATCHES);
        config.put("predicates.dns.filter", DNS);
        config.put("predicates.dns.on.other.records", "true");
        return config;
    }
}
