package org.bwnetflow.connect.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.enrich.testing.TestFiles;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flow and static sources and the config checks; SNMP is tested against snmpd in InterfaceNamesSnmpTest. */
class InterfaceNamesTest {

    @TempDir
    Path tmp;
    private Path mapping;
    private InterfaceNames<SourceRecord> transform;

    @BeforeEach
    void writeMapping() throws IOException {
        mapping = tmp.resolve("interfaces.csv");
        Files.writeString(mapping, String.join("\n",
                "# exporter,ifIndex,name,description,speedMbps",
                "192.0.2.1,1,ge-0/0/1,Customer A,1000",
                "192.0.2.1,2,xe-1/2/3,,10000",
                "2001:db8::1,7,et-0/0/7,Transit B,",
                ""));
    }

    @AfterEach
    void close() {
        if (transform != null) {
            transform.close();
        }
    }

    private InterfaceNames<SourceRecord> interfaceNames(String... keyValues) {
        Map<String, String> config = new HashMap<>(Map.of(InterfaceNames.STATIC_FILE, mapping.toString(),
                InterfaceNames.RELOAD_INTERVAL_MS, "0"));
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        transform = new InterfaceNames<>();
        transform.configure(config);
        return transform;
    }

    private static Struct flowVia(String exporter, long in, long out) {
        return with(with(withAddress(flow("10.0.0.1", "10.0.0.2"), SAMPLER_ADDRESS, exporter), IN_IF, in), OUT_IF, out);
    }

    @Test
    void theStaticFileNamesBothInterfaces() {
        Struct flow = flowVia("192.0.2.1", 1, 2);
        interfaceNames().apply(record(flow));
        assertThat(Flows.text(flow, SRC_IF_NAME)).isEqualTo("ge-0/0/1");
        assertThat(Flows.text(flow, SRC_IF_DESC)).isEqualTo("Customer A");
        assertThat(Flows.number(flow, SRC_IF_SPEED)).isEqualTo(1000);
        assertThat(Flows.text(flow, DST_IF_NAME)).isEqualTo("xe-1/2/3");
        assertThat(Flows.text(flow, DST_IF_DESC)).isEmpty();
        assertThat(Flows.number(flow, DST_IF_SPEED)).isEqualTo(10_000);
        Struct v6 = flowVia("2001:db8::1", 7, 8);
        transform.apply(record(v6));
        assertThat(Flows.text(v6, SRC_IF_NAME)).isEqualTo("et-0/0/7");
        assertThat(Flows.text(v6, DST_IF_NAME)).isEmpty();
        assertThat(transform.counter("named")).isEqualTo(3);
        assertThat(transform.counter("unnamed")).isEqualTo(1);
    }

    @Test
    void namesOnTheFlowWinByDefaultFieldByField() {
        Struct flow = withText(flowVia("192.0.2.1", 1, 0), SRC_IF_NAME, "from-options-table");
        interfaceNames().apply(record(flow));
        assertThat(Flows.text(flow, SRC_IF_NAME)).isEqualTo("from-options-table");
        assertThat(Flows.text(flow, SRC_IF_DESC)).as("the flow had none").isEqualTo("Customer A");
        assertThat(Flows.number(flow, SRC_IF_SPEED)).isEqualTo(1000);
    }

    @Test
    void theStaticFileWinsWhenPrecedenceSaysSo() {
        Struct flow = withText(flowVia("192.0.2.1", 1, 0), SRC_IF_NAME, "from-options-table");
        interfaceNames(InterfaceNames.PRECEDENCE, "static,flow").apply(record(flow));
        assertThat(Flows.text(flow, SRC_IF_NAME)).isEqualTo("ge-0/0/1");
    }

    @Test
    void interfaceZeroAndUnknownExportersAreLeftAlone() {
        Struct flow = flowVia("192.0.2.99", 1, 0);
        interfaceNames().apply(record(flow));
        assertThat(Flows.text(flow, SRC_IF_NAME)).isEmpty();
        assertThat(transform.counter("unnamed")).isEqualTo(1);
    }

    @Test
    void aChangedStaticFileIsReloaded() throws IOException {
        InterfaceNames<SourceRecord> transform = interfaceNames();
        TestFiles.rewrite(mapping, "192.0.2.1,1,renamed,,\n".getBytes(StandardCharsets.UTF_8));
        transform.checkForChanges();
        Struct flow = flowVia("192.0.2.1", 1, 0);
        transform.apply(record(flow));
        assertThat(Flows.text(flow, SRC_IF_NAME)).isEqualTo("renamed");
        assertThat(transform.counter("reloads")).isEqualTo(1);
    }

    @Test
    void badKeysAreNamedWithTheReason() throws IOException {
        assertThat(error(InterfaceNames.SNMP_ALIAS_REGEX, "([a-z")).contains("not a regular expression");
        assertThat(error(InterfaceNames.SNMP_ALIAS_REGEX, "[a-z]+")).contains("has no group");
        assertThat(error(InterfaceNames.PRECEDENCE, "flow,ldap")).contains("'ldap' is not one of flow, static, snmp");
        assertThat(error(InterfaceNames.PRECEDENCE, "flow,flow")).contains("listed twice");
        Files.writeString(mapping, "192.0.2.1,1,a,b,1\n192.0.2.1,x,a,b,1\n");
        assertThat(error(InterfaceNames.STATIC_FILE, mapping.toString())).contains("line 2").contains("ifIndex 'x'");
        assertThat(error(InterfaceNames.STATIC_FILE, tmp.resolve("none.csv").toString())).contains("not a readable");
    }

    @Test
    void badSnmpKeysAreNamedWithTheReason() {
        assertThat(error(InterfaceNames.SNMP_AGENTS_ALLOWLIST, "10.0.0.0/8,10.1.2.3/8"))
                .contains("'10.1.2.3/8' has host bits set; did you mean 10.0.0.0/8?");
        assertThat(error(InterfaceNames.SNMP_AGENTS_ALLOWLIST, "10.0.0.0/8,,192.0.2.1"))
                .as("IPAddress reads an empty item as the loopback address").contains("empty item");
        assertThat(error(InterfaceNames.SNMP_AGENTS_ALLOWLIST, "routers.example.org"))
                .contains("'routers.example.org' is not an IPv4 or IPv6 address");
        assertThat(error(InterfaceNames.SNMP_AGENTS_MAP, "192.0.2.1")).contains("is not of the form exporter=agent");
        assertThat(error(InterfaceNames.SNMP_AGENTS_MAP, "192.0.2.1=10.0.0.0/8")).contains("expected a single address");
        assertThat(error(InterfaceNames.SNMP_AGENTS_MAP, "192.0.2.1=10.0.0.1,192.0.2.1=10.0.0.2"))
                .contains("exporter 192.0.2.1 is mapped twice");
        assertThat(error(InterfaceNames.SNMP_VERSION, "v1")).contains("v1");
        assertThat(error(InterfaceNames.SNMP_V3_AUTH_PROTOCOL, "MD5"))
                .contains("'MD5' is not one of SHA-1, SHA-224, SHA-256, SHA-384, SHA-512");
        assertThat(error(InterfaceNames.SNMP_V3_PRIV_PROTOCOL, "DES"))
                .contains("'DES' is not one of AES-128, AES-192, AES-256, AES-192-C, AES-256-C");
        assertThat(error(InterfaceNames.SNMP_V3_USER, "u".repeat(33))).contains("longer than 32 characters");
        String auth = error(InterfaceNames.SNMP_V3_AUTH_PASSPHRASE, "Secr3t!");
        assertThat(auth).contains("shorter than 8 characters").doesNotContain("Secr3t!");
        String priv = error(InterfaceNames.SNMP_V3_PRIV_PASSPHRASE, "Pr1v!");
        assertThat(priv).contains("shorter than 8 characters").doesNotContain("Pr1v!");
    }

    @Test
    void snmpV3WithoutWhatItNeedsNamesTheKeyButNeverASecret() {
        Map<String, String> v3 = Map.of(InterfaceNames.SNMP_VERSION, "v3", InterfaceNames.SNMP_V3_USER, "netops",
                InterfaceNames.SNMP_V3_PRIV_PASSPHRASE, "priv-passphrase-1",
                InterfaceNames.SNMP_COMMUNITY, "community-secret-1");
        assertThatThrownBy(() -> configure(v3)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(InterfaceNames.SNMP_V3_AUTH_PASSPHRASE).hasMessageContaining("is required")
                .message().doesNotContain("priv-passphrase-1").doesNotContain("community-secret-1");
        assertThatThrownBy(() -> configure(Map.of(InterfaceNames.SNMP_VERSION, "v3")))
                .hasMessageContaining(InterfaceNames.SNMP_V3_USER).hasMessageContaining("is required");
        assertThatThrownBy(() -> configure(Map.of(InterfaceNames.SNMP_V3_USER, "netops",
                InterfaceNames.SNMP_V3_AUTH_PASSPHRASE, "auth-passphrase-1")))
                .as("v3 keys with the default version v2c").hasMessageContaining(InterfaceNames.SNMP_VERSION)
                .message().doesNotContain("auth-passphrase-1");
    }

    @Test
    void snmpIsOffWithoutCredentialsAndClosedWithoutAgents() {
        InterfaceNames<SourceRecord> transform = configure(Map.of(InterfaceNames.SNMP_AGENTS_ALLOWLIST, "0.0.0.0/0"));
        transform.apply(record(flowVia("192.0.2.99", 1, 0)));
        assertThat(transform.counter("snmp-agents-refused")).as("no community, no SNMP at all").isZero();
        transform = configure(Map.of(InterfaceNames.SNMP_COMMUNITY, "community-secret-1"));
        transform.apply(record(flowVia("192.0.2.99", 1, 0)));
        assertThat(transform.counter("snmp-agents-refused")).as("a community but no agents").isEqualTo(1);
        assertThat(transform.counter("snmp-queries")).isZero();
    }

    private InterfaceNames<SourceRecord> configure(Map<String, String> config) {
        if (transform != null) {
            transform.close();
        }
        transform = new InterfaceNames<>();
        transform.configure(config);
        return transform;
    }

    private static String error(String key, String value) {
        List<ConfigValue> values = InterfaceNames.CONFIG_DEF.validate(Map.of(key, value));
        ConfigValue result = values.stream().filter(v -> v.name().equals(key)).findFirst().orElseThrow();
        assertThat(result.errorMessages()).as(key).hasSize(1);
        return result.errorMessages().get(0);
    }
}
