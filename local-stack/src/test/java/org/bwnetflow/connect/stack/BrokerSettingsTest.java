package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSettingsTest {

    @TempDir
    Path dir;

    @Test
    void singleNodeKraftPropertiesOnLoopback() {
        Map<String, String> props = BrokerSettings.of(dir, 19092, 19093).serverProperties();

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", dir.resolve("data").toAbsolutePath().toString())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("num.partitions", "1")
                .doesNotContainKey("controller.quorum.bootstrap.servers");
    }

    @Test
    void overridesReplaceDefaultsAndAddKeys() {
        BrokerSettings settings = BrokerSettings.of(dir, 19092, 19093)
                .withOverrides(Map.of("num.partitions", "3", "log.retention.ms", "60000"));

        assertThat(settings.serverProperties())
                .containsEntry("num.partitions", "3")
                .containsEntry("log.retention.ms", "60000");
    }

    @Test
    void writtenFileReadsBackAsTheSameProperties() {
        BrokerSettings settings = BrokerSettings.of(dir, 19092, 19093);
        PropertiesFile.write(settings.serverPropertiesFile(), "test", settings.serverProperties());

        assertThat(PropertiesFile.read(settings.serverPropertiesFile())).isEqualTo(settings.serverProperties());
    }

    @Test
    void defaultsPutLogAndPidFileIntoTheDataDirAndPathsAreAbsolute() {
        BrokerSettings settings = BrokerSettings.of(Path.of("relative"), 19092, 19093);

        assertThat(settings.dataDir()).isAbsolute();
        assertThat(settings.logFile()).isEqualTo(settings.dataDir().resolve("broker.log"));
        assertThat(settings.pidFile()).isEqualTo(settings.dataDir().resolve("broker.pid"));
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(settings.maxHeap()).isEqualTo(JvmSpec.DEFAULT_MAX_HEAP);
        assertThat(settings.detached()).isFalse();
    }

    @Test
    void theSecureBrokerHasNoListenerWithoutTls() {
        StackSecurity security = StackSecurity.prepare(dir.resolve("secrets"));
        Map<String, String> props = BrokerSettings.of(dir, 19092, 19093).withSecurity(security).serverProperties();

        assertThat(props)
                .containsEntry("listeners", "SASL_SSL://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "SASL_SSL://127.0.0.1:19092")
                .containsEntry("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL")
                .containsEntry("inter.broker.listener.name", "SASL_SSL")
                .containsEntry("ssl.keystore.location", security.tls().brokerKeystoreFile().toString())
                .containsEntry("ssl.truststore.location", security.tls().truststoreFile().toString())
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
        assertThat(props.get("listener.security.protocol.map")).doesNotContain("PLAINTEXT");
        assertThat(security.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", security.tls().truststoreFile().toString());
    }

    @Test
    void rejectsBadPorts() {
        assertThatThrownBy(() -> BrokerSettings.of(dir, 0, 19093)).hasMessageContaining("port");
        assertThatThrownBy(() -> BrokerSettings.of(dir, 19092, 70000)).hasMessageContaining("controllerPort");
        assertThatThrownBy(() -> BrokerSettings.of(dir, 19092, 19092)).hasMessageContaining("differ");
    }
}
