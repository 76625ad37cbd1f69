package org.bwnetflow.connect.rawflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** What Connect's REST validate endpoint says about a config: the bad key and why, never a secret. */
class RawFlowsSinkConnectorTest {

    @Test
    void aValidConfigHasNoErrors() {
        assertThat(errors(config())).isEmpty();
    }

    @Test
    void eachBadKeyIsNamedWithItsReason() {
        Map<String, String> config = config();
        config.put("questdb.url", "ftp://questdb:9000");
        config.put("table.name", "Flows Raw; DROP TABLE x");
        config.put("retention.hours", "0");
        config.put("questdb.username", "a:b");
        Map<String, String> errors = errors(config);
        assertThat(errors).containsOnlyKeys("questdb.url", "table.name", "retention.hours", "questdb.username");
        assertThat(errors.get("questdb.url")).contains("not an http or https URL");
        assertThat(errors.get("table.name")).contains("lower-case letters, digits and _");
        assertThat(errors.get("retention.hours")).contains("at least 1");
    }

    @Test
    void aUserWithoutPasswordAndALoginInTheUrlAreRefused() {
        Map<String, String> config = config();
        config.remove("questdb.password");
        assertThat(errors(config)).containsOnlyKeys("questdb.password");
        assertThat(errors(config).get("questdb.password")).contains("required when questdb.username is set");
        config = config();
        config.put("questdb.url", "http://flowstack:pw@127.0.0.1:9000");
        assertThat(errors(config)).containsOnlyKeys("questdb.url");
        assertThat(errors(config).get("questdb.url")).doesNotContain("pw@");
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", RawFlowsSinkConnector.class.getName());
        config.put("topics.regex", "flows-.*");
        config.put("questdb.url", "http://127.0.0.1:9000");
        config.put("questdb.username", "flowstack");
        config.put("questdb.password", "secret");
        return config;
    }

    private static Map<String, String> errors(Map<String, String> config) {
        Map<String, String> errors = new TreeMap<>();
        for (ConfigValue value : new RawFlowsSinkConnector().validate(config).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), String.join("; ", value.errorMessages()));
            }
        }
        return errors;
    }
}
