package org.bwnetflow.connect.bmp.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Connect's REST validate names the bad key and says what is wrong with it. */
class BmpSourceConfigTest {

    static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", BmpSourceConnector.class.getName());
        props.put(BmpSourceConfig.ALLOWED_ROUTERS, "192.0.2.0/24");
        props.put(BmpSourceConfig.RIB_BOOTSTRAP_SERVERS, "kafka-1:9092");
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config result = new BmpSourceConnector().validate(props);
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : result.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void theMinimalConfigIsValidAndTheDefaultsAreTheDocumentedOnes() {
        assertThat(errors(minimal())).isEmpty();
        BmpSourceConfig config = new BmpSourceConfig(minimal());
        assertThat(config.topic()).isEqualTo("bgp-rib");
        assertThat(config.bindAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(config.bindAddress().getPort()).isEqualTo(11019);
        assertThat(config.maxConnections()).isEqualTo(64);
        assertThat(config.maxMessageBytes()).isEqualTo(1 << 18);
        assertThat(config.sessionGraceMs()).isEqualTo(60_000);
        assertThat(config.tables()).isEqualTo(EnumSet.of(RibTable.ADJ_RIB_IN_PRE_POLICY, RibTable.ADJ_RIB_IN_POST_POLICY,
                RibTable.LOC_RIB));
    }

    @Test
    void withoutAllowedRoutersTheDoorIsClosedAndSaysWhatItRequires() {
        Map<String, String> props = minimal();
        props.remove(BmpSourceConfig.ALLOWED_ROUTERS);
        assertThat(errors(props)).containsOnlyKeys(BmpSourceConfig.ALLOWED_ROUTERS);

        props.put(BmpSourceConfig.ALLOWED_ROUTERS, "");
        assertThat(errors(props).get(BmpSourceConfig.ALLOWED_ROUTERS)).singleElement().asString()
                .contains("is required").contains("0.0.0.0/0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bmp.allowed.routers       | 192.0.2.0/24,router-1      | router-1",
        "bmp.allowed.routers       | 192.0.2.0/24,              | stray comma",
        "bmp.bind.address          | 10.0.0.0/8                 | is a network",
        "bmp.bind.address          | localhost                  | not an IPv4 or IPv6 address",
        "bmp.port                  | 0                          | at least 1",
        "bmp.max.connections       | 0                          | at least 1",
        "bmp.max.message.bytes     | 4096                       | at least 65583",
        "bmp.max.peers.per.router  | 0                          | at least 1",
        "bmp.tables                | LOC_RIB,ADJ_RIB_IN         | 'ADJ_RIB_IN' is not one of",
        "bmp.tables                | ''                         | names no table",
        "bmp.session.grace.ms      | -1                         | at least 0",
        "bmp.rib.bootstrap.servers | ''                         | is required",
        "bmp.rib.bootstrap.servers | kafka-1                    | 'kafka-1' is not host:port",
        "topic                     | ''                         | empty",
    })
    void aBadValueIsReportedAgainstItsKey(String key, String value, String message) {
        Map<String, String> props = minimal();
        props.put(key, value);

        Map<String, List<String>> errors = errors(props);

        assertThat(errors).as(key + "=" + value).containsOnlyKeys(key);
        assertThat(String.join(" ", errors.get(key))).containsIgnoringCase(message);
    }

    @Test
    void anIpv6RouterCannotReachAnIpv4BindAddress() {
        Map<String, String> props = minimal();
        props.put(BmpSourceConfig.ALLOWED_ROUTERS, "192.0.2.0/24,2001:db8::/32");

        assertThat(errors(props).get(BmpSourceConfig.ALLOWED_ROUTERS)).singleElement().asString()
                .contains("2001:db8::/32").contains("'::'");

        props.put(BmpSourceConfig.BIND_ADDRESS, "::");
        assertThat(errors(props)).isEmpty();
    }

    @Test
    void theRibConsumerGetsTheBootstrapServersAndItsSecuritySettingsWithTheSecretsAsPasswords() {
        Map<String, String> props = minimal();
        props.put("bmp.rib.security.protocol", "SASL_SSL");
        props.put("bmp.rib.sasl.mechanism", "SCRAM-SHA-512");
        props.put("bmp.rib.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");

        Map<String, Object> consumer = new BmpSourceConfig(props).ribConsumerConfig();

        assertThat(consumer).containsEntry("bootstrap.servers", "kafka-1:9092").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(consumer.get("sasl.jaas.config")).isInstanceOf(org.apache.kafka.common.config.types.Password.class)
                .hasToString("[hidden]");
        assertThat(BmpSourceConfig.CONFIG_DEF.configKeys().get("bmp.rib.sasl.jaas.config").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void theConnectorRunsOneTaskWhateverTasksMaxSays() {
        BmpSourceConnector connector = new BmpSourceConnector();
        connector.start(minimal());

        assertThat(connector.taskConfigs(4)).hasSize(1);
        assertThat(connector.taskClass()).isEqualTo(BmpSourceTask.class);
    }
}
