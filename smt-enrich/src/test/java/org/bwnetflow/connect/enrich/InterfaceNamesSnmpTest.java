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

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture.Interface;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InterfaceNames asking a real snmpd (Debian package snmpd) on 127.0.0.1 for its interface table. */
class InterfaceNamesSnmpTest {

    static final String COMMUNITY = "s3cret-ro";
    static final Map<Integer, Interface> TABLE = Map.of(
            1, new Interface("ge-0/0/1", "Customer A [cust:1001]", 1000),
            2, new Interface("xe-1/2/3", "Transit B", 10_000),
            7, new Interface("uplink7", "", 100_000));

    @TempDir
    static Path dir;
    static SnmpdFixture snmpd;
    private InterfaceNames<SourceRecord> transform;

    @BeforeAll
    static void startSnmpd() throws IOException {
        snmpd = SnmpdFixture.start(dir, freeUdpPort(), COMMUNITY, TABLE);
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

    private InterfaceNames<SourceRecord> interfaceNames(String community, String... keyValues) {
        Map<String, String> config = new HashMap<>(Map.of(InterfaceNames.SNMP_COMMUNITY, community,
                InterfaceNames.SNMP_PORT, Integer.toString(snmpd.port()), InterfaceNames.SNMP_TIMEOUT_MS, "200",
                InterfaceNames.SNMP_RETRIES, "0"));
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        transform = new InterfaceNames<>();
        transform.configure(config);
        return transform;
    }

    private static Struct flowVia(long in, long out) {
        return with(with(withAddress(flow("10.0.0.1", "10.0.0.2"), SAMPLER_ADDRESS, "127.0.0.1"), IN_IF, in), OUT_IF,
                out);
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
}
