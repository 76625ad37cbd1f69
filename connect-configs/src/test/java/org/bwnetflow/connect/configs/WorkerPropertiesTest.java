package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;

/** The worker properties shipped for operators' own clusters are a valid distributed worker config. */
class WorkerPropertiesTest {

    @Test
    void theShippedWorkerPropertiesAreAValidDistributedConfig() throws Exception {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("worker", "worker.properties"))) {
            props.load(in);
        }
        Map<String, String> config = new HashMap<>();
        props.stringPropertyNames().forEach(key -> config.put(key, props.getProperty(key)));
        DistributedConfig worker = new DistributedConfig(config);
        assertThat(worker.getString("plugin.discovery")).isEqualToIgnoringCase("service_load");
        assertThat(worker.getString("connector.client.config.override.policy"))
                .as("the source's producer.override.* settings need it").isEqualTo("All");
        assertThat(worker.getList("config.providers")).containsExactly("env", "file");
        assertThat(worker.getString("offset.storage.topic")).startsWith("_");
        assertThat(worker.getInt("scheduled.rebalance.max.delay.ms")).isEqualTo(60_000);
    }
}
