package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo router's routes cover what {@code flowctl generate} talks to, the connectors' Kafka client variables, and
 * a program that is no JVM (gobgpd) as a stack process: found by its pid file's marker, reported by status, stopped
 * by down.
 */
class DemoRoutesTest {

    @TempDir
    Path home;

    @Test
    void theRoutesCoverEveryRemoteAddressOfTheDemoTraffic() throws Exception {
        List<DemoRoutes.Route> routes = DemoRoutes.routes();
        assertThat(routes).hasSize(52);
        // flowctl generate's remote side (FlowGenerator.remoteV4/remoteV6): the edges of each range
        for (String address : List.of("198.51.100.1", "198.51.100.254", "203.0.113.1", "203.0.113.254", "198.18.0.1",
                "198.18.255.254", "198.19.0.1", "198.19.255.254", "3fff:0:0:0:0:0:0:1", "3fff:ff00::fe", "3fff:8000::1")) {
            DemoRoutes.Route longest = routes.stream().filter(r -> covers(r.prefix(), address))
                    .max((a, b) -> Integer.compare(length(a.prefix()), length(b.prefix()))).orElse(null);
            assertThat(longest).as(address).isNotNull();
            assertThat(longest.asPath()).as(address).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(routes.stream().map(r -> r.asPath()[0]).distinct()).as("neighbour ASes")
                .containsExactlyInAnyOrder(64_510L, 64_511L, 64_502L, 64_503L, 64_505L);
        assertThat(routes.stream().map(r -> r.asPath()[r.asPath().length - 1]).distinct().count()).as("origin ASes")
                .isGreaterThanOrEqualTo(8);
        DemoRoutes.Route peer = routes.get(0);
        assertThat(peer.cliArgs()).containsExactly("global", "rib", "add", "198.51.100.0/24", "-a", "ipv4", "origin", "igp",
                "aspath", "64502,64496", "community", "64500:200", "large-community", "64500:1:64502,64500:2:1",
                "nexthop", "192.0.2.2");
        assertThat(routes).allSatisfy(r -> assertThat(r.cliArgs()).contains(r.ipv6() ? "ipv6" : "ipv4"));
        assertThat(DemoRoutes.toml(11_019)).contains("as = 64500", "port = -1", "[[bmp-servers]]", "port = 11019",
                "route-monitoring-policy = \"all\"");
    }

    @Test
    void theConnectorsKafkaClientsGetTheBrokerAndInTheSecureModeTheOperatorsLogin(@TempDir Path secrets) {
        assertThat(KafkaClientEnvironment.of("127.0.0.1:9092", null)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "FLOWSTACK_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "FLOWSTACK_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT",
                "FLOWSTACK_KAFKA_SASL_MECHANISM", "", "FLOWSTACK_KAFKA_SASL_JAAS_CONFIG", "",
                "FLOWSTACK_KAFKA_SSL_TRUSTSTORE_LOCATION", "", "FLOWSTACK_KAFKA_SSL_TRUSTSTORE_PASSWORD", ""));
        StackSecurity security = StackSecurity.prepare(secrets);
        Map<String, String> secure = KafkaClientEnvironment.of("127.0.0.1:9092", security);
        assertThat(secure).containsEntry("FLOWSTACK_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("FLOWSTACK_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("FLOWSTACK_KAFKA_SSL_TRUSTSTORE_LOCATION", security.tls().truststoreFile().toString());
        assertThat(secure.get("FLOWSTACK_KAFKA_SASL_JAAS_CONFIG")).contains("username=\"operator\"");
    }

    @Test
    void theRibTopicsAreThoseOfTheBmpSources() {
        assertThat(RibTopics.of(List.of(
                new ConnectorDefinition("bmp", Map.of("connector.class", RibTopics.BMP_SOURCE_CLASS)),
                new ConnectorDefinition("bmp-2", Map.of("connector.class", RibTopics.BMP_SOURCE_CLASS, "topic", "rib-2")),
                new ConnectorDefinition("netflow", Map.of("connector.class", "x.NetFlowSourceConnector", "topic", "flows")))))
                .containsExactly("bgp-rib", "rib-2");
    }

    @Test
    void aProgramIsAStackProcessFoundByItsMarkerReportedByStatusAndStoppedByDown() throws Exception {
        StackLayout layout = new StackLayout(home);
        // sh stays the process (two commands: no exec), its arguments end with "--" and the marker, as gobgpd's do
        StackProcess.startProgram("gobgpd", List.of("/bin/sh", "-c", "sleep 60; true"), layout.gobgpdLog(),
                layout.gobgpdPidFile(), true);
        ProcessHandle process = StackProcess.findRunning(layout.gobgpdPidFile()).orElseThrow();
        try {
            assertThat(process.info().arguments().orElseThrow()).endsWith("--",
                    StackProcess.marker(layout.gobgpdPidFile().toAbsolutePath()));
            StringWriter out = new StringWriter();
            CommandLine cli = FlowStack.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.execute("status", "--home", home.toString());
            assertThat(out.toString()).contains("gobgpd: running (pid " + process.pid() + ")");
            assertThat(cli.execute("down", "--home", home.toString())).isZero();
            assertThat(process.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(out.toString()).contains("gobgpd: stopped");
            assertThat(layout.gobgpdPidFile()).doesNotExist();
        } finally {
            process.destroyForcibly();
        }
    }

    private static int length(String prefix) {
        return Integer.parseInt(prefix.substring(prefix.indexOf('/') + 1));
    }

    private static boolean covers(String prefix, String address) {
        try {
            byte[] net = InetAddress.getByName(prefix.substring(0, prefix.indexOf('/'))).getAddress();
            byte[] host = InetAddress.getByName(address).getAddress();
            if (net.length != host.length) {
                return false;
            }
            int bits = net.length * 8;
            int keep = length(prefix);
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - keep).subtract(BigInteger.ONE));
            return new BigInteger(1, net).and(mask).equals(new BigInteger(1, host).and(mask));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
