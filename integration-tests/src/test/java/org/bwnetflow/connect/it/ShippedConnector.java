package org.bwnetflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector config exactly as connect-configs ships it, for tests that prove the shipped
 * pipeline rather than a copy of it. {@code ${env:FLOWSTACK_ROOT}} (resolved by the worker's env
 * config provider under bin/flowstack) is replaced with the repository here, as the test worker
 * has no such variable. The {@code ${env:FLOWSTACK_KAFKA_*}} references of the connectors' own Kafka clients (BMP
 * source, Routes) are left to the worker: the test workers get them as bin/flowstack's do
 * ({@link StartedStack#kafkaClientEnvironment}).
 */
final class ShippedConnector {

    private ShippedConnector() {
    }

    static Path repositoryRoot() {
        // Maven runs the integration tests in the module directory.
        return Paths.get("").toAbsolutePath().getParent();
    }

    /** The {@code config} object of {@code connect-configs/connectors/<relativePath>}. */
    static Map<String, String> read(String relativePath) {
        Path file = repositoryRoot().resolve("connect-configs/connectors").resolve(relativePath);
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            Map<String, String> config = new LinkedHashMap<>();
            json.get("config").properties().forEach(e -> config.put(e.getKey(),
                    e.getValue().asText().replace("${env:FLOWSTACK_ROOT}", repositoryRoot().toString())));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
