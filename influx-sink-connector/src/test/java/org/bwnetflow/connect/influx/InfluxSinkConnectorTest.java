package org.bwnetflow.connect.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** What Connect's validate endpoint shows for the sink's config: the bad key and why, never the token. */
class InfluxSinkConnectorTest {

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", InfluxSinkConnector.class.getName());
        config.put("topics.regex", "flows-.*");
        config.put(InfluxSinkConfig.INFLUX_URL, "http://127.0.0.1:9000");
        config.put(InfluxSinkConfig.INFLUX_BUCKET, "flows");
        config.put(InfluxSinkConfig.INFLUX_ORG, "bwnetflow");
        config.put(InfluxSinkConfig.INFLUX_TOKEN, "secret-token-value");
        return config;
    }

    private static List<String> errors(Config config, String key) {
        for (ConfigValue value : config.configValues()) {
            if (value.name().equals(key)) {
                return value.errorMessages();
            }
        }
        return List.of();
    }

    @Test
    void aValidConfigHasNoErrors() {
        Config config = new InfluxSinkConnector().validate(valid());
        assertThat(config.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
    }

    @Test
    void badKeysAreNamedWithTheReason() {
        Map<String, String> props = valid();
        props.put(InfluxSinkConfig.INFLUX_URL, "ftp://example");
        props.put(InfluxSinkConfig.WINDOW_SIZE_MS, "1500");
        props.put(InfluxSinkConfig.INFLUX_BUCKET_PER_CUSTOMER, "flows-per-customer");
        Config config = new InfluxSinkConnector().validate(props);
        assertThat(errors(config, InfluxSinkConfig.INFLUX_URL)).singleElement().asString().contains("http");
        assertThat(errors(config, InfluxSinkConfig.WINDOW_SIZE_MS)).singleElement().asString().contains("whole seconds");
        assertThat(errors(config, InfluxSinkConfig.INFLUX_BUCKET_PER_CUSTOMER)).singleElement().asString()
                .contains(InfluxSinkConfig.CID_PLACEHOLDER);
        assertThat(config.configValues().toString()).doesNotContain("secret-token-value");
    }

    /**
     * HTTP Basic (QuestDB's http.user/http.password) takes a user and a password, and is not given
     * together with a token: validate names the key to fix, start refuses, and the password shows nowhere.
     */
    @Test
    void aUserAndPasswordComeTogetherAndNotWithAToken() {
        Map<String, String> basic = valid();
        basic.remove(InfluxSinkConfig.INFLUX_TOKEN);
        basic.put("influx.username", "flowstack");
        basic.put("influx.password", "secret-password-value");
        Config ok = new InfluxSinkConnector().validate(basic);
        assertThat(ok.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
        assertThat(ok.configValues()).anySatisfy(v -> assertThat(v.name()).isEqualTo("influx.password"));

        Map<String, String> noPassword = valid();
        noPassword.remove(InfluxSinkConfig.INFLUX_TOKEN);
        noPassword.put("influx.username", "flowstack");
        assertThat(errors(new InfluxSinkConnector().validate(noPassword), "influx.password")).singleElement().asString()
                .contains("influx.username");

        Map<String, String> noUser = valid();
        noUser.remove(InfluxSinkConfig.INFLUX_TOKEN);
        noUser.put("influx.password", "secret-password-value");
        Config withoutUser = new InfluxSinkConnector().validate(noUser);
        assertThat(errors(withoutUser, "influx.username")).singleElement().asString().contains("influx.password");
        assertThat(withoutUser.configValues().toString()).doesNotContain("secret-password-value");

        Map<String, String> both = new HashMap<>(basic);
        both.put(InfluxSinkConfig.INFLUX_TOKEN, "secret-token-value");
        Config twice = new InfluxSinkConnector().validate(both);
        assertThat(errors(twice, InfluxSinkConfig.INFLUX_TOKEN)).singleElement().asString()
                .contains("influx.username", "either");
        assertThat(twice.configValues().toString()).doesNotContain("secret-password-value", "secret-token-value");
        assertThatThrownBy(() -> new InfluxSinkConnector().start(both)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(InfluxSinkConfig.INFLUX_TOKEN)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-password-value", "secret-token-value"));
        assertThatThrownBy(() -> new InfluxSinkConnector().start(noUser)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("influx.username")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-password-value"));
    }

    @Test
    void aMeasurementOfTheUsersOwnNeedsItsTags() {
        Map<String, String> props = valid();
        props.put("measurements", "flows,by_vlan");
        Config config = new InfluxSinkConnector().validate(props);
        assertThat(errors(config, "measurement.by_vlan.tags")).singleElement().asString().contains("by_vlan");
        props.put("measurement.by_vlan.tags", "cid,direction");
        assertThat(errors(new InfluxSinkConnector().validate(props), "measurement.by_vlan.tags")).isEmpty();
    }

    @Test
    void communitiesAreCheckedEntryByEntryAndNeedAMeasurementWithTheTag() {
        Map<String, String> props = valid();
        props.put("communities", "65000:100,65000:100000");
        assertThat(errors(new InfluxSinkConnector().validate(props), "communities")).singleElement().asString()
                .contains("communities").contains("'65000:100000'").contains("more than 65535");
        props.put("communities", "65000:100,65000:*,4200000000:1:2");
        assertThat(errors(new InfluxSinkConnector().validate(props), "communities")).isEmpty();
        props.put("measurements", "flows,flows_by_as");
        assertThat(errors(new InfluxSinkConnector().validate(props), "communities")).singleElement().asString()
                .contains("flows_by_community");
    }

    @Test
    void bucketsPerCustomerFollowThePattern() {
        Map<String, String> props = valid();
        props.put(InfluxSinkConfig.INFLUX_BUCKET_PER_CUSTOMER, "flows-${cid}");
        InfluxSinkConfig config = new InfluxSinkConfig(props);
        assertThat(config.bucketFor("1000")).isEqualTo("flows-1000");
        assertThat(config.bucketFor(null)).isEqualTo("flows");
        assertThat(new InfluxSinkConfig(valid()).bucketFor("1000")).isEqualTo("flows");
    }

    @Test
    void theIngestMeasurementIsANameOfItsOwn() {
        assertThat(new InfluxSinkConfig(valid()).ingestMeasurement()).isEqualTo("ingest");
        Map<String, String> props = valid();
        props.put(InfluxSinkConfig.INGEST_MEASUREMENT, "ingest health");
        assertThat(errors(new InfluxSinkConnector().validate(props), InfluxSinkConfig.INGEST_MEASUREMENT)).singleElement()
                .asString().contains("letters, digits");

        props.put(InfluxSinkConfig.INGEST_MEASUREMENT, "flows");
        assertThat(errors(new InfluxSinkConnector().validate(props), InfluxSinkConfig.INGEST_MEASUREMENT)).singleElement()
                .asString().contains("also listed in measurements");
        assertThatThrownBy(() -> new InfluxSinkConnector().start(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(InfluxSinkConfig.INGEST_MEASUREMENT);
    }
}
