package org.bwnetflow.connect.ddos.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Connect's validate endpoint says about bad configs, by key, and that secrets are PASSWORD values. */
class DdosSinkConnectorTest {

    @TempDir
    Path dir;

    private Map<String, String> valid() throws IOException {
        Path prefixes = Files.writeString(dir.resolve("prefixes.csv"), "10.0.0.0/24,1000\n");
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", DdosSinkConnector.class.getName());
        config.put("topics.regex", "flows-.*");
        config.put(DdosSinkConfig.CUSTOMER_PREFIXES_FILE, prefixes.toString());
        config.put(DdosSinkConfig.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:9092");
        config.put("influx.url", "http://127.0.0.1:9000");
        config.put("influx.org", "bwnetflow");
        config.put("influx.bucket", "flows");
        return config;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Config result = new DdosSinkConnector().validate(config);
        return result.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aValidDryRunConfigHasNoErrors() throws IOException {
        assertThat(errors(valid())).isEmpty();
        assertThat(new DdosSinkConfig(valid()).dryRun()).as("dry-run by default").isTrue();
    }

    @Test
    void announcingNeedsASpeakerAndAMarker() throws IOException {
        Map<String, String> config = valid();
        config.put(DdosSinkConfig.DRY_RUN, "false");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors.get(DdosSinkConfig.SPEAKER_ADDRESS)).singleElement().asString().contains("is required when");
        assertThat(errors.get(DdosSinkConfig.MARKER_COMMUNITY)).singleElement().asString().contains("is required when");
    }

    @Test
    void eachBadKeyIsNamedWithItsReason() throws IOException {
        Map<String, String> config = valid();
        config.put(DdosSinkConfig.POLICIES, "1000:blackhole,1001:nullroute");
        config.put(DdosSinkConfig.MARKER_COMMUNITY, "65535:7");
        config.put(DdosSinkConfig.BLACKHOLE_NEXT_HOP_V4, "2001:db8::1");
        config.put(DdosSinkConfig.BLACKHOLE_COMMUNITIES, "64500:666,64500");
        config.put(DdosSinkConfig.SPEAKER_ADDRESS, "localhost");
        config.put(DdosSinkConfig.CUSTOMER_PREFIXES_FILE, dir.resolve("missing.csv").toString());
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys(DdosSinkConfig.POLICIES, DdosSinkConfig.MARKER_COMMUNITY,
                DdosSinkConfig.BLACKHOLE_NEXT_HOP_V4, DdosSinkConfig.BLACKHOLE_COMMUNITIES, DdosSinkConfig.SPEAKER_ADDRESS,
                DdosSinkConfig.CUSTOMER_PREFIXES_FILE);
        assertThat(errors.get(DdosSinkConfig.POLICIES).get(0)).contains("'1001:nullroute'").contains("blackhole, flowspec");
        assertThat(errors.get(DdosSinkConfig.MARKER_COMMUNITY).get(0)).contains("well-known");
        assertThat(errors.get(DdosSinkConfig.BLACKHOLE_NEXT_HOP_V4).get(0)).contains("IPv4");
    }

    @Test
    void aUserWithATokenIsRefusedAtTheTokensKey() throws IOException {
        Map<String, String> config = valid();
        config.put("influx.token", "t0k3n");
        config.put("influx.username", "flowstack");
        config.put("influx.password", "secret");
        assertThat(errors(config)).containsOnlyKeys("influx.token");
    }

    @Test
    void secretsArePasswords() {
        ConfigDef def = DdosSinkConfig.CONFIG_DEF;
        for (String key : List.of("influx.token", "influx.password", "kafka.sasl.jaas.config", "kafka.ssl.truststore.password")) {
            assertThat(def.configKeys().get(key).type).as(key).isEqualTo(ConfigDef.Type.PASSWORD);
        }
    }

    @Test
    void oneTaskWhateverTasksMaxSays() throws IOException {
        DdosSinkConnector connector = new DdosSinkConnector();
        connector.start(valid());
        assertThat(connector.taskConfigs(4)).hasSize(1);
    }
}
