package org.bwnetflow.connect.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bwnetflow.connect.model.testing.TestFlows.flow;
import static org.bwnetflow.connect.model.testing.TestFlows.record;
import static org.bwnetflow.connect.model.testing.TestFlows.with;
import static org.bwnetflow.connect.model.testing.TestFlows.withAddress;
import static org.bwnetflow.connect.model.testing.TestFlows.withText;
import static org.bwnetflow.connect.model.FlowField.DST_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.DST_IF_SPEED;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_SPEED;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture.Interface;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture.V3User;
import org.bwnetflow.connect.enrich.testing.WouldBeAgent;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * InterfaceNames asking a real snmpd (Debian package snmpd) on 127.0.0.1 for its interface table,
 * over v2c and SNMPv3 authPriv, and only where the operator allows: would-be agents on other
 * loopback addresses (127.0.0.0/8) at the same port show which addresses are sent queries.
 */
class InterfaceNamesSnmpTest {

    static final String COMMUNITY = "s3cret-ro";
    static final Map<Integer, Interface> TABLE = Map.of(
            1, new Interface("ge-0/0/1", "Customer A [cust:1001]", 1000),
            2, new Interface("xe-1/2/3", "Transit B", 10_000),
            7, new Interface("uplink7", "", 100_000));
    /** SNMPv3 users of snmpd, authPriv, in Net-SNMP's protocol names (the tests give ours). */
    static final List<V3User> V3_USERS = List.of(
            new V3User("old-router", "SHA", "auth-old-router", "AES", "priv-old-router"),
            new V3User("sha224-aes256c", "SHA-224", "auth-sha224", "AES-256-C", "priv-aes256c"),
            new V3User("sha256-aes128", "SHA-256", "auth-sha256", "AES", "priv-aes128"),
            new V3User("sha384-aes192c", "SHA-384", "auth-sha384", "AES-192-C", "priv-aes192c"),
            new V3User("sha512-aes256", "SHA-512", "auth-sha512", "AES-256", "priv-aes256"),
            new V3User("sha512-aes192", "SHA-512", "auth-sha512-192", "AES-192", "priv-aes192"));
    /** Where the would-be agents listen: loopback addresses other than snmpd's 127.0.0.1. */
    static final String STRANGER = "127.0.0.55";
    static final String LOOPBACK_EXPORTER = "127.0.0.56";

    @TempDir
    static Path dir;
    static SnmpdFixture snmpd;
    private InterfaceNames<SourceRecord> transform;

    @BeforeAll
    static void startSnmpd() throws IOException {
        snmpd = SnmpdFixture.start(dir, freeUdpPort(), COMMUNITY, TABLE, V3_USERS);
    }

    @AfterAll
    static void stopSnmpd() {
        if (snmpd != null) {
            snmpd.close();
        }
    }

    @AfterEach
    void close() {
        if (transform != null) {
            transform.close();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** v2c with {@code community}, snmpd's 127.0.0.1 allowed, then {@code keyValues} on top. */
    private InterfaceNames<SourceRecord> interfaceNames(String community, String... keyValues) {
        Map<String, String> config = new HashMap<>(Map.of(InterfaceNames.SNMP_COMMUNITY, community,
                InterfaceNames.SNMP_PORT, Integer.toString(snmpd.port()), InterfaceNames.SNMP_TIMEOUT_MS, "200",
                InterfaceNames.SNMP_RETRIES, "0", InterfaceNames.SNMP_AGENTS_ALLOWLIST, "127.0.0.1/32"));
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        transform = new InterfaceNames<>();
        transform.configure(config);
        return transform;
    }

    /**
     * SNMPv3 authPriv as the user, with our protocol names; snmpd's 127.0.0.1 allowed. A query that
     * times out on a loaded machine is asked again after a second, not after the default 5 minutes.
     */
    private InterfaceNames<SourceRecord> interfaceNamesV3(String user, String auth, String authPassphrase,
            String priv, String privPassphrase) {
        transform = new InterfaceNames<>();
        Map<String, String> config = new HashMap<>(Map.of(InterfaceNames.SNMP_VERSION, "v3",
                InterfaceNames.SNMP_V3_USER, user, InterfaceNames.SNMP_V3_AUTH_PROTOCOL, auth,
                InterfaceNames.SNMP_V3_AUTH_PASSPHRASE, authPassphrase, InterfaceNames.SNMP_V3_PRIV_PROTOCOL, priv,
                InterfaceNames.SNMP_V3_PRIV_PASSPHRASE, privPassphrase, InterfaceNames.SNMP_PORT,
                Integer.toString(snmpd.port()), InterfaceNames.SNMP_TIMEOUT_MS, "2000", InterfaceNames.SNMP_RETRIES,
                "0", InterfaceNames.SNMP_NEGATIVE_TTL_MS, "1000"));
        config.put(InterfaceNames.SNMP_AGENTS_ALLOWLIST, "127.0.0.1/32");
        transform.configure(config);
        return transform;
    }

    private static Struct flowVia(long in, long out) {
        return flowVia("127.0.0.1", in, out);
    }

    private static Struct flowVia(String exporter, long in, long out) {
        return with(with(withAddress(flow("10.0.0.1", "10.0.0.2"), SAMPLER_ADDRESS, exporter), IN_IF, in), OUT_IF,
                out);
    }

    /** Applies flows via the exporter until both interfaces are named (or fails after 10 s); the named flow. */
    private static Struct awaitNamed(InterfaceNames<SourceRecord> transform, String exporter) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Struct flow = flowVia(exporter, 1, 2);
            transform.apply(record(flow));
            return flow;
        }, flow -> !Flows.text(flow, SRC_IF_NAME).isEmpty() && !Flows.text(flow, DST_IF_NAME).isEmpty());
    }

    /** Applies {@code count} flows via the exporter for two interfaces each, none of which gets a name. */
    private static void applyUnnamed(InterfaceNames<SourceRecord> transform, String exporter, int count)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            Struct flow = flowVia(exporter, 1, 2);
            transform.apply(record(flow));
            assertThat(Flows.text(flow, SRC_IF_NAME)).as("flow %d leaves without a name", i).isEmpty();
            assertThat(Flows.text(flow, DST_IF_NAME)).isEmpty();
            Thread.sleep(5);
        }
    }

    @Test
    void namesArriveFromSnmpWithoutTheTransformEverWaiting() {
        InterfaceNames<SourceRecord> transform = interfaceNames(COMMUNITY, InterfaceNames.SNMP_ALIAS_REGEX,
                "\\[(.*)\\]");
        Struct first = flowVia(1, 2);
        transform.apply(record(first));
        assertThat(Flows.text(first, SRC_IF_NAME)).as("the first flow leaves before the answer").isEmpty();

        Struct named = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Struct flow = flowVia(1, 2);
            transform.apply(record(flow));
            return flow;
        }, flow -> !Flows.text(flow, SRC_IF_NAME).isEmpty() && !Flows.text(flow, DST_IF_NAME).isEmpty());
        assertThat(Flows.text(named, SRC_IF_NAME)).isEqualTo("ge-0/0/1");
        assertThat(Flows.text(named, SRC_IF_DESC)).as("the regex's first group").isEqualTo("cust:1001");
        assertThat(Flows.number(named, SRC_IF_SPEED)).isEqualTo(1000);
        assertThat(Flows.text(named, DST_IF_NAME)).isEqualTo("xe-1/2/3");
        assertThat(Flows.text(named, DST_IF_DESC)).as("no match keeps the whole alias").isEqualTo("Transit B");
        assertThat(Flows.number(named, DST_IF_SPEED)).isEqualTo(10_000);
        assertThat(transform.counter("snmp-queries")).as("one query per interface").isEqualTo(2);
        assertThat(transform.counter("snmp-answers")).isEqualTo(2);
    }

    @Test
    void unknownInterfacesAreCachedAsUnknown() {
        InterfaceNames<SourceRecord> transform = interfaceNames(COMMUNITY);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            transform.apply(record(flowVia(3, 0)));
            return transform.counter("snmp-unknown") == 1;
        });
        for (int i = 0; i < 100; i++) {
            transform.apply(record(flowVia(3, 0)));
        }
        assertThat(transform.counter("snmp-queries")).as("negative caching: no second query").isEqualTo(1);
    }

    @Test
    void aWrongCommunityTimesOutAndIsCountedWhileFlowsGoOn() {
        InterfaceNames<SourceRecord> transform = interfaceNames("wrong-community");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Struct flow = flowVia(7, 0);
            transform.apply(record(flow));
            assertThat(Flows.text(flow, SRC_IF_NAME)).isEmpty();
            return transform.counter("snmp-timeouts") == 1;
        });
        assertThat(transform.counter("snmp-queries")).isEqualTo(1);
    }

    @Test
    void namesOnTheFlowStillWinOverSnmp() {
        InterfaceNames<SourceRecord> transform = interfaceNames(COMMUNITY);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            transform.apply(record(flowVia(7, 0)));
            return transform.counter("snmp-answers") == 1;
        });
        Struct flow = withText(flowVia(7, 0), SRC_IF_NAME, "from-options-table");
        transform.apply(record(flow));
        assertThat(Flows.text(flow, SRC_IF_NAME)).isEqualTo("from-options-table");
        assertThat(Flows.number(flow, SRC_IF_SPEED)).isEqualTo(100_000);
    }

    @Test
    void theInFlightLimitBoundsQueries() {
        InterfaceNames<SourceRecord> transform = interfaceNames("wrong-community", InterfaceNames.SNMP_MAX_IN_FLIGHT,
                "2");
        for (int ifIndex = 100; ifIndex < 110; ifIndex++) {
            transform.apply(record(flowVia(ifIndex, 0)));
        }
        assertThat(transform.counter("snmp-queries")).isEqualTo(2);
        assertThat(transform.counter("snmp-busy")).isEqualTo(8);
    }

    @Test
    void anAgentOutsideTheAllowlistIsSentNothingWhileItsFlowsPass() throws Exception {
        try (WouldBeAgent stranger = WouldBeAgent.listen(STRANGER, snmpd.port())) {
            InterfaceNames<SourceRecord> transform = interfaceNames(COMMUNITY);
            applyUnnamed(transform, STRANGER, 100);
            Thread.sleep(500); // a query would be on its way by now: send() puts it on the socket at once
            assertThat(stranger.received()).as("datagrams to %s, not in the allowlist", STRANGER).isEmpty();
            assertThat(transform.counter("snmp-queries")).isZero();
            assertThat(transform.counter("snmp-agents-refused")).as("every interface lookup refused").isEqualTo(200);
            assertThat(transform.counter("unnamed")).isEqualTo(200);
        }
    }

    @Test
    void withoutAnAllowlistNoAgentIsAskedNotEvenARealOne() throws Exception {
        try (WouldBeAgent stranger = WouldBeAgent.listen(STRANGER, snmpd.port())) {
            InterfaceNames<SourceRecord> transform = interfaceNames(COMMUNITY, InterfaceNames.SNMP_AGENTS_ALLOWLIST, "");
            applyUnnamed(transform, STRANGER, 20);
            applyUnnamed(transform, "127.0.0.1", 20);
            Thread.sleep(500);
            assertThat(stranger.received()).as("datagrams to %s", STRANGER).isEmpty();
            assertThat(transform.counter("snmp-queries")).as("snmpd at 127.0.0.1 was not asked either").isZero();
            assertThat(transform.counter("snmp-agents-refused")).isEqualTo(80);
        }
    }

    @Test
    void theSameAgentOnceAllowedReceivesTheQuery() {
        try (WouldBeAgent stranger = WouldBeAgent.listen(STRANGER, snmpd.port())) {
            InterfaceNames<SourceRecord> transform = interfaceNames(COMMUNITY, InterfaceNames.SNMP_AGENTS_ALLOWLIST,
                    "127.0.0.1/32, 127.0.0.48/28");
            transform.apply(record(flowVia(STRANGER, 1, 0)));
            await().atMost(Duration.ofSeconds(5)).until(() -> !stranger.received().isEmpty());
            assertThat(stranger.receivedBytes(COMMUNITY.getBytes(StandardCharsets.US_ASCII)))
                    .as("a v2c GET: the community in clear text").isTrue();
            assertThat(transform.counter("snmp-agents-refused")).isZero();
        }
    }

    @Test
    void aMappedExporterIsAskedAtItsAgentAddressOnly() throws Exception {
        try (WouldBeAgent loopback = WouldBeAgent.listen(LOOPBACK_EXPORTER, snmpd.port())) {
            InterfaceNames<SourceRecord> transform = interfaceNames(COMMUNITY, InterfaceNames.SNMP_AGENTS_ALLOWLIST, "",
                    InterfaceNames.SNMP_AGENTS_MAP, LOOPBACK_EXPORTER + "=127.0.0.1");
            Struct named = awaitNamed(transform, LOOPBACK_EXPORTER);
            assertThat(Flows.text(named, SRC_IF_NAME)).as("snmpd's answer, cached for the exporter")
                    .isEqualTo("ge-0/0/1");
            assertThat(Flows.text(named, DST_IF_NAME)).isEqualTo("xe-1/2/3");
            assertThat(loopback.received()).as("datagrams to the exporter's own address").isEmpty();
            assertThat(transform.counter("snmp-answers")).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}: {1}/{2}")
    @CsvSource({
        "old-router, SHA-1, AES-128, auth-old-router, priv-old-router",
        "sha224-aes256c, SHA-224, AES-256-C, auth-sha224, priv-aes256c",
        "sha256-aes128, SHA-256, AES-128, auth-sha256, priv-aes128",
        "sha384-aes192c, SHA-384, AES-192-C, auth-sha384, priv-aes192c",
        "sha512-aes256, SHA-512, AES-256, auth-sha512, priv-aes256",
        "sha512-aes192, SHA-512, AES-192, auth-sha512-192, priv-aes192"})
    void namesArriveOverSnmpV3AuthPriv(String user, String auth, String priv, String authPassphrase,
            String privPassphrase) {
        InterfaceNames<SourceRecord> transform = interfaceNamesV3(user, auth, authPassphrase, priv, privPassphrase);
        Struct first = flowVia(1, 2);
        long start = System.nanoTime();
        transform.apply(record(first));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(Flows.text(first, SRC_IF_NAME)).as("the first flow leaves before the answer").isEmpty();
        System.out.printf("SNMPv3 %s/%s: the first flow took %d ms (engine discovery runs on SNMP4J's thread)%n",
                auth, priv, tookMillis);

        Struct named = awaitNamed(transform, "127.0.0.1");
        assertThat(Flows.text(named, SRC_IF_NAME)).isEqualTo("ge-0/0/1");
        assertThat(Flows.number(named, SRC_IF_SPEED)).isEqualTo(1000);
        assertThat(Flows.text(named, DST_IF_NAME)).isEqualTo("xe-1/2/3");
        assertThat(transform.counter("snmp-answers")).isEqualTo(2);
    }

    @Test
    void anUnknownV3UserGetsAReportThatIsCountedAndNamesNothing() {
        InterfaceNames<SourceRecord> transform = interfaceNamesV3("nobody", "SHA-256", "auth-sha256", "AES-128",
                "priv-aes128");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Struct flow = flowVia(7, 0);
            transform.apply(record(flow));
            assertThat(Flows.text(flow, SRC_IF_NAME)).isEmpty();
            return transform.counter("snmp-reports") + transform.counter("snmp-timeouts") == 1;
        });
        assertThat(transform.counter("snmp-reports")).as("snmpd's usmStatsUnknownUserNames report").isEqualTo(1);
        assertThat(transform.counter("snmp-unknown")).as("a report is no answer about the interface").isZero();
        assertThat(transform.counter("snmp-queries")).isEqualTo(1);
    }

    @Test
    void aWrongV3PassphraseNamesNothingAndCountsAsATimeout() {
        // snmpd answers with an unauthenticated usmStatsWrongDigests report (seen with tshark); SNMP4J drops it.
        InterfaceNames<SourceRecord> transform = interfaceNamesV3("sha256-aes128", "SHA-256", "not-the-passphrase",
                "AES-128", "priv-aes128");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Struct flow = flowVia(7, 0);
            transform.apply(record(flow));
            assertThat(Flows.text(flow, SRC_IF_NAME)).isEmpty();
            return transform.counter("snmp-reports") + transform.counter("snmp-timeouts") == 1;
        });
        assertThat(transform.counter("snmp-timeouts")).isEqualTo(1);
        assertThat(transform.counter("snmp-answers")).isZero();
    }

    @Test
    void aSilentV3AgentNeverMakesTheTransformWait() {
        try (WouldBeAgent silent = WouldBeAgent.listen(STRANGER, snmpd.port())) {
            transform = new InterfaceNames<>();
            transform.configure(Map.of(InterfaceNames.SNMP_VERSION, "v3", InterfaceNames.SNMP_V3_USER, "sha256-aes128",
                    InterfaceNames.SNMP_V3_AUTH_PASSPHRASE, "auth-sha256", InterfaceNames.SNMP_V3_PRIV_PASSPHRASE,
                    "priv-aes128", InterfaceNames.SNMP_PORT, Integer.toString(snmpd.port()),
                    InterfaceNames.SNMP_TIMEOUT_MS, "2000", InterfaceNames.SNMP_RETRIES, "1",
                    InterfaceNames.SNMP_AGENTS_ALLOWLIST, STRANGER));
            long start = System.nanoTime();
            for (int ifIndex = 1; ifIndex <= 10; ifIndex++) {
                transform.apply(record(flowVia(STRANGER, ifIndex, 0)));
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("10 flows to a silent SNMPv3 agent took %d ms%n", tookMillis);
            assertThat(tookMillis).as("waiting for engine discovery would take 2 s per flow").isLessThan(2000);
            await().atMost(Duration.ofSeconds(5)).until(() -> !silent.received().isEmpty());
            assertThat(transform.counter("snmp-queries")).isEqualTo(10);
        }
    }

    /** slf4j-simple writes to System.err: what every SNMP log line of ours said, with secrets configured. */
    @Test
    void noSecretReachesTheLog() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            InterfaceNames<SourceRecord> v3 = interfaceNamesV3("nobody", "SHA-512", "auth-secret-xyz", "AES-256",
                    "priv-secret-xyz");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                v3.apply(record(flowVia(7, 0)));
                return v3.counter("snmp-reports") == 1;
            });
            v3.apply(record(flowVia(STRANGER, 1, 0)));
            v3.close();
            interfaceNames(COMMUNITY, InterfaceNames.SNMP_AGENTS_ALLOWLIST, "").apply(record(flowVia(STRANGER, 1, 0)));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        System.err.print(log);
        assertThat(log).as("the lines that carry credentials or refusals were logged")
                .contains("SNMPv3 user nobody authPriv SHA-512/AES-256 (passphrases [hidden])")
                .contains("answered with a report").contains("Not asking SNMP about exporter " + STRANGER)
                .contains("v2c community [hidden]");
        assertThat(log).doesNotContain("auth-secret-xyz").doesNotContain("priv-secret-xyz").doesNotContain(COMMUNITY);
    }
}
