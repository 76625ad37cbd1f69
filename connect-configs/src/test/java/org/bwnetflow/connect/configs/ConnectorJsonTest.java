package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

/** Every connector JSON the stack submits is valid for its connector, checked the way Connect's REST validate does. */
class ConnectorJsonTest {

    @Test
    void everyConnectorJsonValidatesWithoutErrors() throws Exception {
        List<Path> files;
        try (var list = Files.walk(Paths.get("connectors"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            assertThat(json.path("name").asText()).as(file + " name").isNotBlank();
            Map<String, String> config = new HashMap<>();
            json.get("config").properties().forEach(e -> config.put(e.getKey(), resolve(e.getValue().asText())));
            // The worker adds the connector's name to its config (PUT /connectors/{name}/config); some connectors need it.
            config.putIfAbsent("name", json.path("name").asText());
            Connector connector = (Connector) Class.forName(config.get("connector.class"))
                    .getDeclaredConstructor().newInstance();
            Config result = connector.validate(config);
            result.configValues().forEach(v ->
                    assertThat(v.errorMessages()).as(file + ": " + v.name()).isEmpty());
            validateTransforms(file, config);
            validatePredicates(file, config);
            for (String converter : List.of("key.converter", "value.converter")) {
                if (config.containsKey(converter)) {
                    assertThat(Class.forName(config.get(converter))).as(file + " " + converter).isNotNull();
                }
            }
        }
    }

    /**
     * Each transform's keys against its own ConfigDef, as the worker does when it validates the
     * connector: the prefix list, databases and mapping files the stack ships must load.
     */
    private static void validateTransforms(Path file, Map<String, String> config) throws Exception {
        String aliases = config.getOrDefault("transforms", "");
        for (String alias : aliases.isBlank() ? new String[0] : aliases.split(",")) {
            String prefix = "transforms." + alias.trim() + ".";
            assertThat(config).as(file + ": " + prefix + "type").containsKey(prefix + "type");
            Transformation<?> transform = (Transformation<?>) Class.forName(config.get(prefix + "type"))
                    .getDeclaredConstructor().newInstance();
            Map<String, String> own = new HashMap<>();
            config.forEach((key, value) -> {
                if (key.startsWith(prefix) && !key.equals(prefix + "type")) {
                    own.put(key.substring(prefix.length()), value);
                }
            });
            String predicate = own.remove("predicate");
            own.remove("negate");
            if (predicate != null) {
                assertThat(List.of(config.getOrDefault("predicates", "").split(","))).as(file + ": predicate of " + alias)
                        .contains(predicate);
            }
            assertThat(own.keySet()).as(file + ": unknown keys of " + alias)
                    .allMatch(key -> transform.config().configKeys().containsKey(key));
            for (ConfigValue value : transform.config().validate(own)) {
                assertThat(value.errorMessages()).as(file + ": " + prefix + value.name()).isEmpty();
            }
            transform.close();
        }
    }

    /** Each predicate's keys against its ConfigDef, as for transforms. */
    private static void validatePredicates(Path file, Map<String, String> config) throws Exception {
        String aliases = config.getOrDefault("predicates", "");
        for (String alias : aliases.isBlank() ? new String[0] : aliases.split(",")) {
            String prefix = "predicates." + alias.trim() + ".";
            Predicate<?> predicate = (Predicate<?>) Class.forName(config.get(prefix + "type"))
                    .getDeclaredConstructor().newInstance();
            Map<String, String> own = new HashMap<>();
            config.forEach((key, value) -> {
                if (key.startsWith(prefix) && !key.equals(prefix + "type")) {
                    own.put(key.substring(prefix.length()), value);
                }
            });
            for (ConfigValue value : predicate.config().validate(own)) {
                assertThat(value.errorMessages()).as(file + ": " + prefix + value.name()).isEmpty();
            }
            predicate.configure(own);
            predicate.close();
        }
    }

    /**
     * bin/flowstack starts the worker with FLOWSTACK_ROOT (the repository) and FLOWSTACK_INFLUX_URL, _ORG and
     * _TOKEN (the stack's QuestDB, or --influx-url/--influx-org/--influx-token-file) for Connect's env config provider,
     * and with the stack's QuestDB login in FLOWSTACK_INFLUX_USER and _PASSWORD (empty for another database), the
     * raw flows sink with the stack's own QuestDB in FLOWSTACK_QUESTDB_URL, _USER and _PASSWORD; the
     * connectors' own Kafka clients (BMP source, Routes) get the broker from FLOWSTACK_KAFKA_BOOTSTRAP_SERVERS and its
     * security from FLOWSTACK_KAFKA_SECURITY_PROTOCOL, _SASL_* and _SSL_* (PLAINTEXT and empty for the plain stack).
     */
    private static String resolve(String value) {
        return value.replace("${env:FLOWSTACK_ROOT}", Paths.get("").toAbsolutePath().getParent().toString())
                .replace("${env:FLOWSTACK_INFLUX_URL}", "http://127.0.0.1:9000")
                .replace("${env:FLOWSTACK_INFLUX_ORG}", "bwnetflow")
                .replace("${env:FLOWSTACK_INFLUX_TOKEN}", "")
                .replace("${env:FLOWSTACK_INFLUX_USER}", "flowstack")
                .replace("${env:FLOWSTACK_INFLUX_PASSWORD}", "a-generated-password")
                .replace("${env:FLOWSTACK_QUESTDB_URL}", "http://127.0.0.1:9000")
                .replace("${env:FLOWSTACK_QUESTDB_USER}", "flowstack")
                .replace("${env:FLOWSTACK_QUESTDB_PASSWORD}", "a-generated-password")
                .replace("${env:FLOWSTACK_KAFKA_BOOTSTRAP_SERVERS}", "127.0.0.1:9092")
                .replace("${env:FLOWSTACK_KAFKA_SECURITY_PROTOCOL}", "PLAINTEXT")
                .replace("${env:FLOWSTACK_KAFKA_SASL_MECHANISM}", "")
                .replace("${env:FLOWSTACK_KAFKA_SASL_JAAS_CONFIG}", "")
                .replace("${env:FLOWSTACK_KAFKA_SSL_TRUSTSTORE_LOCATION}", "")
                .replace("${env:FLOWSTACK_KAFKA_SSL_TRUSTSTORE_PASSWORD}", "");
    }
}
