package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.datagram;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ipv4TcpFrame;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.rawHeader;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture.Interface;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture.V3User;
import org.bwnetflow.connect.enrich.testing.WouldBeAgent;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.stack.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: SNMP goes only where the operator allows. sFlow datagrams, sent from 127.0.0.1 into the
 * source connector in the real worker, name their agent address inside the datagram; InterfaceNames
 * (loaded from the packaged plugin) asks a real snmpd on 127.0.0.1 for allowed agents only. Would-be
 * agents on other loopback addresses, at snmpd's port, show that an agent the operator did not
 * allow receives not a single packet (in particular not the community), while its flows still
 * reach the topic.
 */
@ExtendWith(LocalStack.class)
class SnmpAgentsWorkerIT {

    private static final String CONNECTOR_CLASS = "org.bwnetflow.connect.netflow.source.NetFlowSourceConnector";
    private static final String COMMUNITY = "it-agents-community";
    private static final V3User USER = new V3User("it-v3-user", "SHA-256", "it-auth-passphrase", "AES",
            "it-priv-passphrase");
    private static final Map<Integer, Interface> TABLE = Map.of(
            1, new Interface("ge-0/0/1", "Customer A", 1000),
            2, new Interface("xe-1/2/3", "Transit B", 10_000));
    private static final String SNMPD_AGENT = "127.0.0.1";
    private static final String STRANGER = "127.0.0.9";
    private static final String LOOPBACK_EXPORTER = "127.0.0.10";

    @TempDir
    Path tmp;

    @Test
    void anSFlowDatagramNamingAnotherAgentSendsThatAgentNothing() throws Exception {
        int snmpPort = FreePorts.udp();
        try (SnmpdFixture snmpd = SnmpdFixture.start(tmp.resolve("snmpd"), snmpPort, COMMUNITY, TABLE);
                WouldBeAgent stranger = WouldBeAgent.listen(STRANGER, snmpPort)) {
            Map<String, String> ifnames = Map.of(
                    "transforms.ifnames.snmp.community", COMMUNITY,
                    "transforms.ifnames.snmp.agents.allowlist", SNMPD_AGENT + "/32");
            Connector connector = create(snmpPort, ifnames);
            Map<String, Struct> last = sendUntilNamed(connector, SNMPD_AGENT, List.of(SNMPD_AGENT, STRANGER));

            assertThat(Flows.text(last.get(SNMPD_AGENT), SRC_IF_NAME)).as("the allowed agent's names, over v2c")
                    .isEqualTo("ge-0/0/1");
            assertThat(Flows.text(last.get(STRANGER), SRC_IF_NAME)).as("the stranger's flows pass, unnamed").isEmpty();
            assertThat(Flows.text(last.get(STRANGER), DST_IF_NAME)).isEmpty();
            assertThat(stranger.received()).as("datagrams to %s, named only inside sFlow datagrams", STRANGER)
                    .isEmpty();
            assertThat(stranger.receivedBytes(COMMUNITY.getBytes(StandardCharsets.US_ASCII))).isFalse();
            Map<String, Double> metrics = connector.ifnamesMetrics();
            assertThat(metrics.get("snmp-agents-refused")).as("refused lookups, counted").isPositive();
            assertThat(metrics.get("snmp-queries")).as("queries: snmpd's two interfaces only").isEqualTo(2);
            LocalStack.rest().deleteConnector(connector.name);
        }
    }

    @Test
    void aMappedExporterIsAskedOverSnmpV3AtItsAgentAddress() throws Exception {
        int snmpPort = FreePorts.udp();
        try (SnmpdFixture snmpd = SnmpdFixture.start(tmp.resolve("snmpd"), snmpPort, COMMUNITY, TABLE,
                List.of(USER));
                WouldBeAgent loopback = WouldBeAgent.listen(LOOPBACK_EXPORTER, snmpPort)) {
            Map<String, String> ifnames = new HashMap<>(Map.of(
                    "transforms.ifnames.snmp.version", "v3",
                    "transforms.ifnames.snmp.v3.user", USER.name(),
                    "transforms.ifnames.snmp.v3.auth.protocol", "SHA-256",
                    "transforms.ifnames.snmp.v3.auth.passphrase", USER.authPassphrase(),
                    "transforms.ifnames.snmp.v3.priv.protocol", "AES-128",
                    "transforms.ifnames.snmp.v3.priv.passphrase", USER.privPassphrase(),
                    "transforms.ifnames.snmp.agents.map", LOOPBACK_EXPORTER + "=" + SNMPD_AGENT));
            Connector connector = create(snmpPort, ifnames);
            Map<String, Struct> last = sendUntilNamed(connector, LOOPBACK_EXPORTER, List.of(LOOPBACK_EXPORTER));

            assertThat(Flows.text(last.get(LOOPBACK_EXPORTER), SRC_IF_NAME)).as("snmpd's names, over SNMPv3")
                    .isEqualTo("ge-0/0/1");
            assertThat(Flows.text(last.get(LOOPBACK_EXPORTER), DST_IF_NAME)).isEqualTo("xe-1/2/3");
            assertThat(loopback.received()).as("datagrams to the exporter's own address").isEmpty();
            assertThat(connector.ifnamesMetrics().get("snmp-answers")).isEqualTo(2);
            LocalStack.rest().deleteConnector(connector.name);
        }
    }

    /** A source connector on a free port with InterfaceNames configured by {@code ifnames}. */
    private static Connector create(int snmpPort, Map<String, String> ifnames) {
        int port = FreePorts.udp();
        String topic = "flows-snmp-agents-" + UUID.randomUUID();
        Map<String, String> config = new HashMap<>(Map.of("connector.class", CONNECTOR_CLASS, "tasks.max", "1",
                "topic", topic, "listen.address", "127.0.0.1", "listen.port", String.valueOf(port),
                "exporter.allowlist", "127.0.0.1/32",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.bwnetflow.connect.model.FlowMessageConverter"));
        config.put("transforms", "ifnames");
        config.put("transforms.ifnames.type", "org.bwnetflow.connect.enrich.InterfaceNames");
        config.put("transforms.ifnames.snmp.port", String.valueOf(snmpPort));
        config.put("transforms.ifnames.snmp.timeout.ms", "2000");
        config.put("transforms.ifnames.snmp.negative.ttl.ms", "1000"); // a timeout on a loaded machine: ask again soon
        config.putAll(ifnames);
        String name = "snmp-agents-" + port;
        LocalStack.rest().createOrReplaceConnector(name, config);
        LocalStack.rest().awaitRunning(name, LocalStack.timeout());
        return new Connector(name, port, topic);
    }

    /**
     * Sends rounds of sFlow datagrams from 127.0.0.1, one per agent (a flow sample of interfaces 1
     * and 2), until the flow of {@code namedAgent} in a round carries names; the last round's flows by
     * agent. The names come from SNMP after the first flows left, so the first rounds have none.
     */
    private static Map<String, Struct> sendUntilNamed(Connector connector, String namedAgent, List<String> agents)
            throws Exception {
        try (DatagramSocket exporter = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), connector.topic)) {
            for (int round = 1; round <= 40; round++) {
                for (int a = 0; a < agents.size(); a++) {
                    byte[] bytes = datagram(agents.get(a), a, round)
                            .flowSample(round, 1, 1, 2, rawHeader(1514, ipv4TcpFrame())).bytes();
                    exporter.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
                            connector.port));
                }
                List<Struct> all = flows.awaitFlows(round * agents.size(), LocalStack.timeout());
                Map<String, Struct> last = new HashMap<>();
                for (Struct flow : all.subList(all.size() - agents.size(), all.size())) {
                    last.put(InetAddress.getByAddress(Flows.bytes(flow, SAMPLER_ADDRESS)).getHostAddress(), flow);
                }
                assertThat(last.keySet()).as("a flow of each agent in round %d", round).hasSameElementsAs(agents);
                if (!Flows.text(last.get(namedAgent), SRC_IF_NAME).isEmpty()) {
                    return last;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("no flow of " + namedAgent + " got its interface names within 40 rounds");
    }

    private record Connector(String name, int port, String topic) {

        /** InterfaceNames' counters in the worker, by counter name. */
        Map<String, Double> ifnamesMetrics() throws Exception {
            Map<String, Double> byCounter = new HashMap<>();
            WorkerJmx.read(LocalStack.worker().pid(), "kafka.connect:type=plugins,connector=" + name + ",*")
                    .forEach((key, value) -> {
                        if (key.contains("transformation=ifnames")) {
                            byCounter.put(key.substring(key.lastIndexOf(':') + 1), value);
                        }
                    });
            return byCounter;
        }
    }
}
