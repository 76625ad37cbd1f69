package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSettingsTest {

    @TempDir
    Path dir;

    @Test
    void distributedWorkerPropertiesOnLoopback() {
        Path pluginA = dir.resolve("plugins-a");
        Path pluginB = dir.resolve("plugins-b.zip");
        Map<String, String> props = WorkerSettings.of(dir, "127.0.0.1:19092", 18083, List.of(pluginA, pluginB), Map.of())
                .workerProperties();

        assertThat(props)
                .containsEntry("bootstrap.servers", "127.0.0.1:19092")
                .containsEntry("group.id", WorkerSettings.GROUP_ID)
                .containsEntry("config.storage.topic", "_connect-configs")
                .containsEntry("offset.storage.topic", "_connect-offsets")
                .containsEntry("status.storage.topic", "_connect-status")
                .containsEntry("config.storage.replication.factor", "1")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("status.storage.replication.factor", "1")
                .containsEntry("key.converter", "org.apache.kafka.connect.storage.StringConverter")
                .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter")
                .containsEntry("plugin.path", pluginA.toAbsolutePath() + "," + pluginB.toAbsolutePath())
                .containsEntry("plugin.discovery", "service_load")
                .containsEntry("listeners", "http://127.0.0.1:18083")
                .containsEntry("rest.advertised.host.name", "127.0.0.1")
                .containsEntry("offset.flush.interval.ms", "1000");
    }

    @Test
    void connectorsMayOverrideOnlyTheClientSettingsTheShippedConnectorsTune() {
        Map<String, String> props = WorkerSettings.of(dir, "b:1", 18083, List.of(), Map.of()).workerProperties();
        Map<String, String> shipped = PropertiesFile.read(Path.of("..", "connect-configs", "worker", "worker.properties"));

        assertThat(props).containsEntry("connector.client.config.override.policy", "Allowlist");
        assertThat(props.get("connector.client.config.override.allowlist"))
                .isEqualTo(shipped.get("connector.client.config.override.allowlist"))
                .contains("compression.type").doesNotContain("sasl").doesNotContain("security.protocol");
    }

    @Test
    void theEnvProviderReadsOnlyTheStacksVariables() {
        Map<String, String> props = WorkerSettings.of(dir, "b:1", 18083, List.of(), Map.of()).workerProperties();

        String pattern = props.get("config.providers.env.param.allowlist.pattern");
        assertThat(pattern).isNotNull();
        assertThat("FLOWSTACK_INFLUX_TOKEN").matches(pattern);
        assertThat("FLOWSTACK_ROOT").matches(pattern);
        assertThat("HOME").doesNotMatch(pattern);
        assertThat("KAFKA_OPTS").doesNotMatch(pattern);
    }

    @Test
    void theSecureWorkerProtectsRestWithKafkasBasicAuthExtension() {
        StackSecurity security = StackSecurity.prepare(dir.resolve("secrets"));
        Path plugins = dir.resolve("plugins");
        WorkerSettings settings = WorkerSettings.of(dir.resolve("connect"), "b:1", 18083, List.of(plugins), Map.of())
                .withSecurity(security);
        Map<String, String> props = settings.workerProperties();

        assertThat(props).containsEntry("rest.extension.classes", BasicAuthExtension.CLASS_NAME)
                .containsEntry("listeners", "http://127.0.0.1:18083");
        assertThat(props.get("plugin.path").split(",")).containsExactly(plugins.toAbsolutePath().toString(),
                BasicAuthExtension.pluginsDir().toString());
        assertThat(BasicAuthExtension.pluginsDir()).isDirectory();
        assertThat(props.values()).noneMatch(value -> value.contains(security.rest().login().password()));
    }

    @Test
    void theEnvironmentGoesToTheProcessNotIntoWorkerPropertiesOrToString() {
        WorkerSettings settings = WorkerSettings.of(dir, "b:1", 18083, List.of(), Map.of())
                .withEnvironment(Map.of(QuestDbLogin.PASSWORD_ENV, "s3cret-env-value"));

        assertThat(settings.environment()).containsEntry(QuestDbLogin.PASSWORD_ENV, "s3cret-env-value");
        assertThat(settings.workerProperties().values()).noneMatch(v -> v.contains("s3cret-env-value"));
        assertThat(settings.toString()).contains(QuestDbLogin.PASSWORD_ENV).doesNotContain("s3cret-env-value");
        assertThat(settings.withMaxHeap("1g").withDetached(true).environment()).isEqualTo(settings.environment());
    }

    @Test
    void relativePluginPathsBecomeAbsolute() {
        WorkerSettings settings = WorkerSettings.of(dir, "b:1", 18083, List.of(Path.of("target/plugins")), Map.of());

        assertThat(settings.pluginPath()).allSatisfy(p -> assertThat(p).isAbsolute());
        assertThat(settings.workerProperties().get("plugin.path"))
                .isEqualTo(Path.of("target/plugins").toAbsolutePath().normalize().toString());
    }

    @Test
    void noPluginPathKeyWithoutPlugins() {
        assertThat(WorkerSettings.of(dir, "b:1", 18083, List.of(), Map.of()).workerProperties())
                .doesNotContainKey("plugin.path");
    }

    @Test
    void extraWorkerPropertiesWin() {
        Map<String, String> props = WorkerSettings.of(dir, "b:1", 18083, List.of(),
                Map.of("value.converter", "org.apache.kafka.connect.json.JsonConverter",
                        "scheduled.rebalance.max.delay.ms", "0")).workerProperties();

        assertThat(props)
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("scheduled.rebalance.max.delay.ms", "0");
    }

    @Test
    void restUrlAndFiles() {
        WorkerSettings settings = WorkerSettings.of(dir, "b:1", 18083, List.of(), Map.of());

        assertThat(settings.restUrl()).isEqualTo(URI.create("http://127.0.0.1:18083"));
        assertThat(settings.workerPropertiesFile()).isEqualTo(dir.toAbsolutePath().resolve("worker.properties"));
        assertThat(settings.logFile()).isEqualTo(dir.toAbsolutePath().resolve("connect.log"));
        assertThat(settings.pidFile()).isEqualTo(dir.toAbsolutePath().resolve("connect.pid"));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> WorkerSettings.of(dir, " ", 18083, List.of(), Map.of()))
                .hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> WorkerSettings.of(dir, "b:1", 0, List.of(), Map.of()))
                .hasMessageContaining("restPort");
    }
}
