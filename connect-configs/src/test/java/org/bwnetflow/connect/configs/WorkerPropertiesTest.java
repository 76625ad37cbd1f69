package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker properties shipped for operators' own clusters are a valid distributed worker config, and safe as
 * they stand: REST on loopback, config providers restricted, connectors allowed to override only the client
 * settings the shipped connectors tune.
 */
class WorkerPropertiesTest {

    private static final Pattern OVERRIDE = Pattern.compile("^(?:producer|consumer|admin)\\.override\\.(.+)$");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([^}:]+)}");

    @TempDir
    Path secretsDir;

    @Test
    void theShippedWorkerPropertiesAreAValidDistributedConfig() throws Exception {
        Map<String, String> config = shipped();
        // The file provider refuses to start when its allowed path does not exist; this machine has none.
        config.put("config.providers.file.param.allowed.paths", secretsDir.toString());
        DistributedConfig worker = new DistributedConfig(config);
        assertThat(worker.getString("plugin.discovery")).isEqualToIgnoringCase("service_load");
        assertThat(worker.getList("config.providers")).containsExactly("env", "file");
        assertThat(worker.getString("offset.storage.topic")).startsWith("_");
        assertThat(worker.getInt("scheduled.rebalance.max.delay.ms")).isEqualTo(60_000);
    }

    @Test
    void restListensOnLoopbackOnly() throws Exception {
        assertThat(shipped().get("listeners")).isEqualTo("http://127.0.0.1:8083");
    }

    @Test
    void connectorsMayOverrideExactlyTheClientSettingsTheShippedConnectorsTune() throws Exception {
        Map<String, String> config = shipped();
        assertThat(config.get("connector.client.config.override.policy")).isEqualTo("Allowlist");
        Set<String> allowed = new TreeSet<>(List.of(config.get("connector.client.config.override.allowlist").split(",")));
        Set<String> used = new TreeSet<>();
        for (Map<String, String> connector : shippedConnectors()) {
            for (String key : connector.keySet()) {
                Matcher override = OVERRIDE.matcher(key);
                if (override.matches()) {
                    used.add(override.group(1));
                }
            }
        }
        assertThat(used).as("the shipped connectors tune their clients").isNotEmpty();
        assertThat(allowed).isEqualTo(used);
    }

    @Test
    void theConfigProvidersReadOnlyWhatTheOperatorAllows() throws Exception {
        Map<String, String> config = shipped();
        String allowedPaths = config.get("config.providers.file.param.allowed.paths");
        assertThat(allowedPaths).isNotBlank();
        for (String path : allowedPaths.split(",")) {
            assertThat(Path.of(path)).isAbsolute().isNotEqualTo(Path.of("/"));
        }

        Pattern envAllowed = Pattern.compile(config.get("config.providers.env.param.allowlist.pattern"));
        Set<String> referenced = new TreeSet<>();
        for (Map<String, String> connector : shippedConnectors()) {
            for (String value : connector.values()) {
                Matcher reference = ENV_REFERENCE.matcher(value);
                while (reference.find()) {
                    referenced.add(reference.group(1));
                }
            }
        }
        assertThat(referenced).isNotEmpty().allSatisfy(name -> assertThat(envAllowed.matcher(name).matches())
                .as("the env provider may read %s, which a shipped connector names", name).isTrue());
        for (String other : List.of("PATH", "HOME", "KAFKA_OPTS", "KAFKA_HEAP_OPTS", "AWS_SECRET_ACCESS_KEY", "JAVA_HOME")) {
            assertThat(envAllowed.matcher(other).matches()).as("the env provider may not read %s", other).isFalse();
        }
    }

    private static Map<String, String> shipped() throws Exception {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("worker", "worker.properties"))) {
            props.load(in);
        }
        Map<String, String> config = new HashMap<>();
        props.stringPropertyNames().forEach(key -> config.put(key, props.getProperty(key)));
        return config;
    }

    static List<Map<String, String>> shippedConnectors() throws Exception {
        List<Path> files;
        try (var list = Files.walk(Paths.get("connectors"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<Map<String, String>> configs = new java.util.ArrayList<>();
        for (Path file : files) {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            Map<String, String> config = new HashMap<>();
            json.get("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
            configs.add(config);
        }
        return configs;
    }
}
