package org.bwnetflow.connect.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything needed to run one Connect worker in distributed mode, and the one place where
 * its {@code worker.properties} content is decided ({@link #workerProperties()}).
 *
 * @param workDir          holds worker.properties and the log4j2 config
 * @param bootstrapServers the broker(s)
 * @param restPort         REST port on 127.0.0.1
 * @param pluginPath       {@code plugin.path} entries (directories holding plugin directories or
 *                         uber-jars); each must exist
 * @param overrides        worker properties applied last, replacing defaults of the same key
 * @param environment      added to the worker JVM's environment, for the env config provider (e.g. the stack's
 *                         QuestDB login for the shipped influx-sink.json); never on its command line
 * @param logFile          stdout/stderr of the worker JVM
 * @param pidFile          pid of the worker JVM
 * @param maxHeap          {@code -Xmx} of the worker JVM
 * @param detached         run in its own session, surviving this JVM ({@code flowstack up})
 * @param security         the broker's secure mode, whose operator the worker and its clients log in as, and
 *                         whose REST login the worker requires; null: plaintext, REST open on 127.0.0.1
 */
public record WorkerSettings(Path workDir, String bootstrapServers, int restPort, List<Path> pluginPath,
                             Map<String, String> overrides, Path logFile, Path pidFile, String maxHeap,
                             boolean detached, StackSecurity security, Map<String, String> environment) {

    public static final String HOST = "127.0.0.1";
    public static final String GROUP_ID = "bwnetflow-connect";
    /** Leading underscore: internal, and never matched by the {@code flows-.*} topic pattern. */
    public static final String CONFIG_TOPIC = "_connect-configs";
    public static final String OFFSET_TOPIC = "_connect-offsets";
    public static final String STATUS_TOPIC = "_connect-status";
    /** Client settings a connector may override (without the producer./consumer./admin.override. prefix). */
    public static final String CLIENT_OVERRIDE_ALLOWLIST =
            "batch.size,buffer.memory,compression.type,linger.ms,metadata.max.age.ms";
    /** Environment variables the env config provider may read. */
    public static final String ENV_ALLOWLIST_PATTERN = "FLOWSTACK_[A-Z0-9_]+";

    public WorkerSettings {
        workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        if (restPort < 1 || restPort > 65535) {
            throw new IllegalArgumentException("restPort must be 1..65535: " + restPort);
        }
        pluginPath = pluginPath.stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toUnmodifiableList());
        overrides = Map.copyOf(overrides);
        logFile = Objects.requireNonNull(logFile, "logFile").toAbsolutePath().normalize();
        pidFile = Objects.requireNonNull(pidFile, "pidFile").toAbsolutePath().normalize();
        Objects.requireNonNull(maxHeap, "maxHeap");
        environment = Map.copyOf(environment);
    }

    /** Defaults: log and pid file inside {@code workDir}, default heap, attached. */
    public static WorkerSettings of(Path workDir, String bootstrapServers, int restPort, List<Path> pluginPath,
                                    Map<String, String> overrides) {
        Path dir = Objects.requireNonNull(workDir, "workDir");
        return new WorkerSettings(dir, bootstrapServers, restPort, pluginPath, overrides,
                dir.resolve("connect.log"), dir.resolve("connect.pid"), JvmSpec.DEFAULT_MAX_HEAP, false, null, Map.of());
    }

    public WorkerSettings withLogFile(Path file) {
        return new WorkerSettings(workDir, bootstrapServers, restPort, pluginPath, overrides, file, pidFile, maxHeap,
                detached, security, environment);
    }

    public WorkerSettings withPidFile(Path file) {
        return new WorkerSettings(workDir, bootstrapServers, restPort, pluginPath, overrides, logFile, file, maxHeap,
                detached, security, environment);
    }

    public WorkerSettings withMaxHeap(String heap) {
        return new WorkerSettings(workDir, bootstrapServers, restPort, pluginPath, overrides, logFile, pidFile, heap,
                detached, security, environment);
    }

    public WorkerSettings withDetached(boolean value) {
        return new WorkerSettings(workDir, bootstrapServers, restPort, pluginPath, overrides, logFile, pidFile, maxHeap,
                value, security, environment);
    }

    public WorkerSettings withSecurity(StackSecurity value) {
        return new WorkerSettings(workDir, bootstrapServers, restPort, pluginPath, overrides, logFile, pidFile, maxHeap,
                detached, value, environment);
    }

    public WorkerSettings withEnvironment(Map<String, String> value) {
        return new WorkerSettings(workDir, bootstrapServers, restPort, pluginPath, overrides, logFile, pidFile, maxHeap,
                detached, security, value);
    }

    public URI restUrl() {
        return URI.create("http://" + HOST + ":" + restPort);
    }

    /** The login the worker's REST API requires; null when it requires none. */
    public RestLogin restLogin() {
        return security == null ? null : security.rest().login();
    }

    public Path workerPropertiesFile() {
        return workDir.resolve("worker.properties");
    }

    public Path log4jConfigFile() {
        return workDir.resolve("log4j2.properties");
    }

    /** The worker's worker.properties, in file order. */
    public Map<String, String> workerProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", GROUP_ID);
        props.put("config.storage.topic", CONFIG_TOPIC);
        props.put("offset.storage.topic", OFFSET_TOPIC);
        props.put("status.storage.topic", STATUS_TOPIC);
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        List<Path> plugins = new ArrayList<>(pluginPath);
        if (security != null) {
            plugins.add(BasicAuthExtension.pluginsDir());
        }
        if (!plugins.isEmpty()) {
            props.put("plugin.path", plugins.stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        // Plugins are found through their META-INF/services manifests only (no reflection scan).
        props.put("plugin.discovery", "service_load");
        props.put("listeners", "http://" + HOST + ":" + restPort);
        props.put("rest.advertised.host.name", HOST);
        props.put("rest.advertised.port", Integer.toString(restPort));
        // Connectors may tune their clients only where the shipped ones do (the NetFlow source's producer, the Influx
        // sink's metadata refresh); never their logins, addresses or security settings. Same list as
        // connect-configs/worker/worker.properties.
        props.put("connector.client.config.override.policy", "Allowlist");
        props.put("connector.client.config.override.allowlist", CLIENT_OVERRIDE_ALLOWLIST);
        // Source offsets (e.g. NetFlow templates) reach Kafka within a second: crash tests replay little.
        props.put("offset.flush.interval.ms", "1000");
        // ${env:NAME} in connector configs: the shipped JSON names its files under ${env:FLOWSTACK_ROOT}, the sink its
        // database under FLOWSTACK_INFLUX_*. No other variable of the worker's environment can be read.
        props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        props.put("config.providers.env.param.allowlist.pattern", ENV_ALLOWLIST_PATTERN);
        if (security != null) {
            props.putAll(security.workerProperties());
            // Every REST request needs the operator's login (Kafka's BasicAuthSecurityRestExtension).
            props.putAll(security.rest().workerProperties());
            // ${file:<secrets>/operator.properties:sasl.jaas.config}: connectors with their own clients (e.g. the
            // MirrorSourceConnector of the two-hop topology) name the secret instead of holding it, so Connect's
            // REST output shows the reference, never the password. Only the secrets directory may be read.
            props.put("config.providers", "env,file");
            props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
            props.put("config.providers.file.param.allowed.paths", security.secretsDir().toString());
        } else {
            props.put("config.providers", "env");
        }
        props.putAll(overrides);
        return props;
    }

    /** Names the environment's variables, never their values (secrets). */
    @Override
    public String toString() {
        return "WorkerSettings[workDir=" + workDir + ", bootstrapServers=" + bootstrapServers + ", restPort=" + restPort
                + ", pluginPath=" + pluginPath + ", overrides=" + overrides.keySet() + ", logFile=" + logFile + ", pidFile="
                + pidFile + ", maxHeap=" + maxHeap + ", detached=" + detached + ", security=" + security
                + ", environment=" + new TreeSet<>(environment.keySet()) + "]";
    }
}
