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
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;

/** Every connector JSON the stack submits is valid for its connector, checked the way Connect's REST validate does. */
class ConnectorJsonTest {

    @Test
    void everyConnectorJsonValidatesWithoutErrors() throws Exception {
        List<Path> files;
        try (var list = Files.list(Paths.get("connectors"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            assertThat(json.path("name").asText()).as(file + " name").isNotBlank();
            Map<String, String> config = new HashMap<>();
            json.get("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
            Connector connector = (Connector) Class.forName(config.get("connector.class"))
                    .getDeclaredConstructor().newInstance();
            Config result = connector.validate(config);
            result.configValues().forEach(v ->
                    assertThat(v.errorMessages()).as(file + ": " + v.name()).isEmpty());
            for (String converter : List.of("key.converter", "value.converter")) {
                if (config.containsKey(converter)) {
                    assertThat(Class.forName(config.get(converter))).as(file + " " + converter).isNotNull();
                }
            }
        }
    }
}
