package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;

/** The README's minimal config is one the connector accepts, checked the way Connect's REST validate does. */
class ReadmeMinimalConfigTest {

    private static final String SECTION = "## A minimal config";

    @Test
    void theMinimalConfigValidatesWithoutErrors() throws Exception {
        JsonNode json = new ObjectMapper().readTree(firstJsonBlock());
        Map<String, String> config = new HashMap<>();
        json.properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("name", "netflow-source"); // the worker adds it from PUT /connectors/{name}/config

        Connector connector = (Connector) Class.forName(config.get("connector.class")).getDeclaredConstructor()
                .newInstance();
        Config result = connector.validate(config);

        assertThat(result.configValues()).as("keys validated").isNotEmpty();
        result.configValues().forEach(v ->
                assertThat(v.errorMessages()).as("README minimal config, key " + v.name()).isEmpty());
    }

    private static String firstJsonBlock() throws Exception {
        List<String> lines = Files.readAllLines(RepositoryFiles.root().resolve("README.md"));
        int at = lines.indexOf(SECTION);
        assertThat(at).as("README section " + SECTION).isNotNegative();
        int open = at;
        while (open < lines.size() && !lines.get(open).equals("```json")) {
            open++;
        }
        int close = open + 1;
        while (close < lines.size() && !lines.get(close).equals("```")) {
            close++;
        }
        assertThat(close).as("a ```json block in " + SECTION).isLessThan(lines.size());
        return String.join("\n", lines.subList(open + 1, close));
    }
}
