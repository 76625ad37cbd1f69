package org.bwnetflow.connect.netflow.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.bwnetflow.connect.model.FlowClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetFlowSourceConfigTest {

    @Test
    void everyKeyIsDocumentedAndGrouped() {
        for (ConfigDef.ConfigKey key : NetFlowSourceConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank().hasSizeGreaterThan(20);
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
        }
    }

    /** The one key without a default, and the others as given. */
    private static NetFlowSourceConfig config(String... keysAndValues) {
        Map<String, String> props = new HashMap<>(Map.of("exporter.allowlist", "192.0.2.0/24"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new NetFlowSourceConfig(props);
    }

    @Test
    void theAddressAllowlistIsRequiredAndValidateNamesIt() {
        assertThatThrownBy(() -> new NetFlowSourceConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("exporter.allowlist");
        Config missing = new NetFlowSourceConnector().validate(Map.of("topic", "flows"));
        assertThat(errors(missing, "exporter.allowlist")).isNotEmpty();
        Config empty = new NetFlowSourceConnector().validate(Map.of("exporter.allowlist", ""));
        assertThat(errors(empty, "exporter.allowlist")).singleElement().asString().contains("is required")
                .contains("0.0.0.0/0,::/0");
        assertThat(config().exporterAllowlist().allowsAll()).isFalse();
        NetFlowSourceConfig everyone = config("exporter.allowlist", "0.0.0.0/0,::/0");
        assertThat(everyone.exporterAllowlist().allowsAll()).as("said at start").isTrue();
        assertThat(everyone.exporterAllowlist().allows(InetAddress.getLoopbackAddress())).isTrue();
    }

    @Test
    void defaultsAreValidAndSensible() {
        NetFlowSourceConfig config = config();
        assertThat(config.topic()).isEqualTo("flows");
        assertThat(config.listenAddress().getPort()).isEqualTo(2055);
        assertThat(config.exporterAllowlist().allowsAll()).isFalse();
        assertThat(config.keyByExporter()).isFalse();
        assertThat(config.decoderSettings().stateMaxBytes()).isEqualTo(64L << 20);
        assertThat(config.flowClock().toleranceMillis()).as("the shared clock policy's default")
                .isEqualTo(FlowClock.DEFAULT_TOLERANCE_MILLIS);
        assertThat(config("flow.time.tolerance.ms", "5000").flowClock().toleranceMillis())
                .isEqualTo(5000);
    }

    @Test
    void overridesAndAllowlistParse() throws Exception {
        NetFlowSourceConfig config = new NetFlowSourceConfig(Map.of(
                "sampling.rate.overrides", "192.0.2.1=1000, 2001:db8::1=512",
                "exporter.allowlist", "192.0.2.0/24,2001:db8::/32",
                "record.key", "EXPORTER"));
        assertThat(config.samplingRateOverrides())
                .containsEntry(InetAddress.getByName("192.0.2.1"), 1000L)
                .containsEntry(InetAddress.getByName("2001:db8::1"), 512L);
        assertThat(config.exporterAllowlist().allows(InetAddress.getByName("192.0.2.77"))).isTrue();
        assertThat(config.exporterAllowlist().allows(InetAddress.getByName("198.51.100.1"))).isFalse();
        assertThat(config.exporterAllowlist().allows(InetAddress.getByName("2001:db8:1::9"))).isTrue();
        assertThat(config.keyByExporter()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "listen.port; 70000; listen.port",
        "listen.address; not-an-ip; not an IPv4 or IPv6 address",
        "listen.address; 10.0.0.0/8; is a network",
        "exporter.allowlist; 10.0.0.0/8,bogus; 'bogus'",
        "exporter.allowlist; '10.0.0.0/8,'; empty item",
        "sampling.rate.overrides; 192.0.2.1; address=rate",
        "sampling.rate.overrides; 192.0.2.1=0; at least 1",
        "sampling.rate.overrides; 192.0.2.1=x; whole number",
        "sampling.rate.overrides; 192.0.2.1=5,192.0.2.1=6; listed twice",
        "record.key; partition; record.key",
        "topic; ''; topic",
        "queue.capacity; 1; queue.capacity",
        "template.expiry.ms; 10; template.expiry.ms",
        "flow.time.tolerance.ms; -1; Value must be at least 0",
        "flow.time.tolerance.ms; 1m; flow.time.tolerance.ms",
    })
    void badValuesNameTheKeyAndTheReason(String key, String value, String expectedInMessage) {
        assertThatThrownBy(() -> config(key, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(expectedInMessage);
    }

    @Test
    void connectorValidateReportsCrossFieldProblemsOnTheKeyToChange() {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", NetFlowSourceConnector.class.getName());
        props.put("exporter.allowlist", "192.0.2.0/24,2001:db8::/32");
        props.put("sampling.rate.overrides", "198.51.100.7=100");
        Config result = new NetFlowSourceConnector().validate(props);
        assertThat(errors(result, "sampling.rate.overrides")).singleElement().asString()
                .contains("198.51.100.7").contains("exporter.allowlist");
        assertThat(errors(result, "exporter.allowlist")).singleElement().asString()
                .contains("2001:db8::/32").contains("listen.address");
        assertThat(errors(result, "listen.port")).isEmpty();
    }

    @Test
    void aHealthTopicThatIsTheFlowTopicIsRefusedOnHealthTopic() {
        Config result = new NetFlowSourceConnector().validate(Map.of("topic", "flows", "health.topic", "flows",
                "exporter.allowlist", "192.0.2.0/24"));
        assertThat(errors(result, "health.topic")).singleElement().asString().contains("must differ from topic");
        Config fine = new NetFlowSourceConnector().validate(Map.of("topic", "flows", "health.topic", "_ingest-health",
                "exporter.allowlist", "192.0.2.0/24"));
        assertThat(errors(fine, "health.topic")).isEmpty();
        assertThat(errors(fine, "health.interval.ms")).isEmpty();
        Config tooOften = new NetFlowSourceConnector().validate(Map.of("health.interval.ms", "10"));
        assertThat(errors(tooOften, "health.interval.ms")).singleElement().asString().contains("at least 1000");
    }

    @Test
    void connectorValidatePassesAGoodConfig() {
        Config result = new NetFlowSourceConnector().validate(Map.of(
                "listen.address", "::", "exporter.allowlist", "2001:db8::/32,192.0.2.0/24",
                "sampling.rate.overrides", "192.0.2.5=64"));
        assertThat(result.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
    }

    private static List<String> errors(Config config, String key) {
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElseThrow();
    }
}
