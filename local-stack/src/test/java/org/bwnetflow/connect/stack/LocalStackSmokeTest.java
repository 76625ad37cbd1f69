package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real broker and a real Connect worker, each in its own JVM: start, use, restart, crash,
 * stop. Nothing here is skipped when something is missing; it fails with the server log.
 * Data and logs stay under {@code target/local-stack-smoke/} for inspection.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class LocalStackSmokeTest {

    private static final String INSERT_FIELD = "org.apache.kafka.connect.transforms.InsertField$Value";
    private static final String BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    @Test
    void brokerAndWorkerStartRestartAndStop() throws Exception {
        Path base = Path.of("target", "local-stack-smoke", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        Path emptyPluginDir = Files.createDirectories(base.resolve("plugins"));
        List<Integer> ports = FreePorts.tcp(3);

        KafkaBroker broker = KafkaBroker.start(base.resolve("kafka"), ports.get(0), ports.get(1));
        ConnectWorker worker = null;
        try {
            assertThat(broker.isAlive()).isTrue();
            assertThat(broker.settings().logDir().resolve("meta.properties")).isRegularFile();
            createTopic(broker.bootstrapServers(), "smoke-topic");

            worker = ConnectWorker.start(base.resolve("connect"), broker.bootstrapServers(), ports.get(2),
                    List.of(emptyPluginDir), Map.of());
            ConnectRestClient rest = worker.rest();
            assertThat(rest.serverInfo().path("version").asText()).isEqualTo("4.4.0");
            assertThat(rest.listConnectors()).isEmpty();
            assertBuiltInPluginsListed(rest);
            // A real error answer from the worker comes back with status and body.
            assertThatThrownBy(() -> rest.validate("com.example.NoSuchConnector", Map.of()))
                    .isInstanceOf(ConnectRestException.class)
                    .hasMessageContaining("NoSuchConnector");
            assertThat(topics(broker.bootstrapServers())).contains("smoke-topic",
                    WorkerSettings.CONFIG_TOPIC, WorkerSettings.OFFSET_TOPIC, WorkerSettings.STATUS_TOPIC);

            long firstPid = worker.pid();
            worker.restart();
            assertThat(worker.pid()).isNotEqualTo(firstPid);
            assertGone(firstPid);
            assertBuiltInPluginsListed(worker.rest());

            // A crash (SIGKILL) of the broker: it recovers on the same data.
            long brokerPid = broker.pid();
            broker.kill();
            assertGone(brokerPid);
            broker.restart();
            assertThat(topics(broker.bootstrapServers())).contains("smoke-topic", WorkerSettings.CONFIG_TOPIC);
        } finally {
            if (worker != null) {
                worker.stop();
            }
            broker.stop();
        }

        assertThat(worker.isAlive()).isFalse();
        assertThat(broker.isAlive()).isFalse();
        assertGone(worker.pid());
        assertGone(broker.pid());
        assertThat(worker.settings().pidFile()).doesNotExist();
        assertThat(broker.settings().pidFile()).doesNotExist();
    }

    private static void assertBuiltInPluginsListed(ConnectRestClient rest) {
        assertThat(rest.connectorPlugins())
                .contains(new PluginInfo(INSERT_FIELD, "transformation", "4.4.0"))
                .anySatisfy(p -> {
                    assertThat(p.className()).isEqualTo(BYTE_ARRAY_CONVERTER);
                    assertThat(p.type()).isEqualTo("converter");
                });
    }

    private static void assertGone(long pid) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("process %d is gone", pid).isFalse();
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Set<String> topics(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
