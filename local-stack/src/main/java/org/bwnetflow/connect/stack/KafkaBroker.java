package org.bwnetflow.connect.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) in its own JVM.
 *
 * <p>{@link #start} writes server.properties, formats the log dir on first use, starts
 * {@code kafka.Kafka} and returns once an AdminClient gets an answer to
 * {@code describeCluster}. The data survives {@link #stop()} and {@link #restart()}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final String MAIN_CLASS = "kafka.Kafka";
    /** In kafka_2.13 4.4.0 the tool is still the Scala object {@code kafka.tools.StorageTool}. */
    static final String STORAGE_TOOL_CLASS = "kafka.tools.StorageTool";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final String ROLE = "broker";

    private final BrokerSettings settings;
    private final KafkaRuntime runtime;
    private volatile StackProcess process;

    private KafkaBroker(BrokerSettings settings, KafkaRuntime runtime) {
        this.settings = settings;
        this.runtime = runtime;
    }

    /** Starts a broker with default settings (log and pid file inside {@code dataDir}). */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        return start(BrokerSettings.of(dataDir, port, controllerPort));
    }

    public static KafkaBroker start(BrokerSettings settings) {
        return start(settings, KafkaRuntime.load());
    }

    public static KafkaBroker start(BrokerSettings settings, KafkaRuntime runtime) {
        KafkaBroker broker = new KafkaBroker(Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(runtime, "runtime"));
        broker.launch();
        return broker;
    }

    public BrokerSettings settings() {
        return settings;
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /**
     * A fresh, mutable client config for this broker: bootstrap.servers, plus the operator's
     * SASL settings in secure mode. Never log it: it holds the password then.
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return settings.logFile();
    }

    /** Clean shutdown (SIGTERM, SIGKILL after 30 s). */
    public void stop() {
        process.stop();
    }

    /** SIGKILL, for crash tests. */
    public void kill() {
        process.kill();
    }

    /** Stops the broker if it still runs and starts it again on the same data and ports. */
    public void restart() {
        process.stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        FreePorts.requireFree(settings.port(), "Kafka broker");
        FreePorts.requireFree(settings.controllerPort(), "Kafka controller");
        long started = System.nanoTime();
        PropertiesFile.write(settings.serverPropertiesFile(), "Written by local-stack KafkaBroker; rewritten on every start",
                settings.serverProperties());
        String log4j = Log4jConfig.writeTo(settings.log4jConfigFile());
        formatIfNeeded(log4j);

        JvmSpec spec = runtime.jvm(ROLE, MAIN_CLASS, List.of(settings.serverPropertiesFile().toString()))
                .withMaxHeap(settings.maxHeap())
                .withJvmOptions(List.of(log4j));
        StackProcess spawned = StackProcess.start(spec, settings.logFile(), settings.pidFile(), settings.detached());
        process = spawned;
        try {
            awaitReady(spawned);
        } catch (RuntimeException e) {
            spawned.kill();
            throw e;
        }
        log.info("Broker ready at {} (pid {}) after {} ms", bootstrapServers(), spawned.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** KRaft needs a formatted log dir (cluster id, meta.properties) before the first start. */
    private void formatIfNeeded(String log4jOption) {
        if (isFormatted(settings.logDir())) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        log.info("Formatting {} with cluster id {}{}", settings.logDir(), clusterId,
                settings.secure() ? " and the operator's SCRAM credential" : "");
        List<String> formatArgs = List.of("format", "-t", clusterId, "-c", settings.serverPropertiesFile().toString());
        JvmSpec format = settings.secure()
                ? runtime.jvmWithStackClasses("storage-format", ScramFormat.class.getName(), prepend(
                        List.of(settings.security().passwordFile().toString(), StackSecurity.OPERATOR), formatArgs))
                : runtime.jvm("storage-format", STORAGE_TOOL_CLASS, formatArgs);
        format = format.withMaxHeap("256m").withJvmOptions(List.of(log4jOption));
        int exit = StackProcess.run(format, settings.logFile(), FORMAT_TIMEOUT);
        if (exit != 0 || !isFormatted(settings.logDir())) {
            throw new StackException("Formatting " + settings.logDir() + " failed (exit code " + exit + "); last lines of "
                    + settings.logFile() + ":\n" + LogTail.of(settings.logFile(), 30));
        }
    }

    private static List<String> prepend(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

    static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve("meta.properties"));
    }

    private void awaitReady(StackProcess started) {
        Map<String, Object> config = clientConfig();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-readiness");
        try (Admin admin = Admin.create(config)) {
            DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs(3000);
            Readiness.await("Kafka broker at " + bootstrapServers(), started, READY_TIMEOUT,
                    () -> !admin.describeCluster(options).nodes().get(5, TimeUnit.SECONDS).isEmpty());
        }
    }
}
