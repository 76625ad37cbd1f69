package org.bwnetflow.connect.stack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka Connect worker in distributed mode, in its own JVM.
 *
 * <p>{@link #start} writes worker.properties, starts {@code ConnectDistributed} and returns
 * once the REST API answers and the worker has joined its group ({@code GET /connectors}
 * returns 200). Connectors live in Kafka, so they survive {@link #restart()}.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectWorker.class);

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectDistributed";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final String ROLE = "connect";

    private final WorkerSettings settings;
    private final KafkaRuntime runtime;
    private final ConnectRestClient rest;
    private volatile StackProcess process;

    private ConnectWorker(WorkerSettings settings, KafkaRuntime runtime) {
        this.settings = settings;
        this.runtime = runtime;
        this.rest = new ConnectRestClient(settings.restUrl(), settings.restLogin());
    }

    /** Starts a worker with default settings (log and pid file inside {@code workDir}). */
    public static ConnectWorker start(Path workDir, String bootstrapServers, int restPort, List<Path> pluginPath,
                                      Map<String, String> extraWorkerProps) {
        return start(WorkerSettings.of(workDir, bootstrapServers, restPort, pluginPath, extraWorkerProps));
    }

    public static ConnectWorker start(WorkerSettings settings) {
        return start(settings, KafkaRuntime.load());
    }

    public static ConnectWorker start(WorkerSettings settings, KafkaRuntime runtime) {
        ConnectWorker worker = new ConnectWorker(Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(runtime, "runtime"));
        worker.launch();
        return worker;
    }

    public WorkerSettings settings() {
        return settings;
    }

    public URI restUrl() {
        return settings.restUrl();
    }

    public ConnectRestClient rest() {
        return rest;
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

    /** Clean shutdown (SIGTERM: the worker leaves its group; SIGKILL after 30 s). */
    public void stop() {
        process.stop();
    }

    /** SIGKILL, for crash tests: tasks are not stopped, offsets not flushed. */
    public void kill() {
        process.kill();
    }

    /** Stops the worker if it still runs and starts it again with the same configuration. */
    public void restart() {
        process.stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        for (Path entry : settings.pluginPath()) {
            if (!Files.exists(entry)) {
                throw new IllegalArgumentException("plugin.path entry does not exist: " + entry);
            }
        }
        FreePorts.requireFree(settings.restPort(), "Connect REST");
        long started = System.nanoTime();
        PropertiesFile.write(settings.workerPropertiesFile(), "Written by local-stack ConnectWorker; rewritten on every start",
                settings.workerProperties());
        String log4j = Log4jConfig.writeTo(settings.log4jConfigFile());
        List<String> jvmOptions = new ArrayList<>(List.of(log4j));
        if (settings.security() != null) {
            // Where the REST extension finds its JAAS login module (a path; the password stays in the secrets files).
            jvmOptions.add(settings.security().rest().workerJvmOption());
        }
        JvmSpec spec = runtime.jvm(ROLE, MAIN_CLASS, List.of(settings.workerPropertiesFile().toString()))
                .withMaxHeap(settings.maxHeap())
                .withJvmOptions(jvmOptions);
        if (settings.security() != null) {
            spec = spec.withClasspathEntry(BasicAuthExtension.loginModuleDir());
        }
        StackProcess spawned = StackProcess.start(spec, settings.environment(), settings.logFile(), settings.pidFile(),
                settings.detached());
        process = spawned;
        // Short request timeout: a starting worker may accept connections long before it answers.
        ConnectRestClient probe = new ConnectRestClient(restUrl(), PROBE_TIMEOUT, settings.restLogin());
        try {
            Readiness.await("Connect worker at " + restUrl(), spawned, READY_TIMEOUT, () -> {
                probe.serverInfo();
                probe.listConnectors();
                return true;
            });
        } catch (RuntimeException e) {
            spawned.kill();
            throw e;
        }
        log.info("Connect worker ready at {} (pid {}) after {} ms", restUrl(), spawned.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
