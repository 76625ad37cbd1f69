package org.bwnetflow.connect.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to run the single-node KRaft broker (combined broker + controller), and
 * the one place where its {@code server.properties} content is decided
 * ({@link #serverProperties()}); later listeners (e.g. SASL) go here or into
 * {@link #overrides()}.
 *
 * @param dataDir        holds server.properties, the log4j2 config and the log dirs
 * @param port           client listener port on 127.0.0.1
 * @param controllerPort KRaft controller listener port on 127.0.0.1
 * @param logFile        stdout/stderr of the broker JVM
 * @param pidFile        pid of the broker JVM
 * @param maxHeap        {@code -Xmx} of the broker JVM
 * @param overrides      server properties applied last, replacing defaults of the same key
 * @param detached       run in its own session, surviving this JVM ({@code flowstack up})
 * @param security       SASL/SCRAM listeners, authorizer and operator ({@link StackSecurity}); null: plaintext,
 *                       no authorizer
 */
public record BrokerSettings(Path dataDir, int port, int controllerPort, Path logFile, Path pidFile,
                             String maxHeap, Map<String, String> overrides, boolean detached, StackSecurity security) {

    /** Loopback only: a developer stack must not be reachable from the network. */
    public static final String HOST = "127.0.0.1";
    public static final int NODE_ID = 1;

    public BrokerSettings {
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        logFile = Objects.requireNonNull(logFile, "logFile").toAbsolutePath().normalize();
        pidFile = Objects.requireNonNull(pidFile, "pidFile").toAbsolutePath().normalize();
        Objects.requireNonNull(maxHeap, "maxHeap");
        checkPort("port", port);
        checkPort("controllerPort", controllerPort);
        if (port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ: " + port);
        }
        overrides = Map.copyOf(overrides);
    }

    /** Defaults: log and pid file inside {@code dataDir}, default heap, attached. */
    public static BrokerSettings of(Path dataDir, int port, int controllerPort) {
        Path dir = Objects.requireNonNull(dataDir, "dataDir");
        return new BrokerSettings(dir, port, controllerPort, dir.resolve("broker.log"), dir.resolve("broker.pid"),
                JvmSpec.DEFAULT_MAX_HEAP, Map.of(), false, null);
    }

    public BrokerSettings withLogFile(Path file) {
        return new BrokerSettings(dataDir, port, controllerPort, file, pidFile, maxHeap, overrides, detached, security);
    }

    public BrokerSettings withPidFile(Path file) {
        return new BrokerSettings(dataDir, port, controllerPort, logFile, file, maxHeap, overrides, detached, security);
    }

    public BrokerSettings withMaxHeap(String heap) {
        return new BrokerSettings(dataDir, port, controllerPort, logFile, pidFile, heap, overrides, detached, security);
    }

    public BrokerSettings withOverrides(Map<String, String> props) {
        return new BrokerSettings(dataDir, port, controllerPort, logFile, pidFile, maxHeap, props, detached, security);
    }

    public BrokerSettings withDetached(boolean value) {
        return new BrokerSettings(dataDir, port, controllerPort, logFile, pidFile, maxHeap, overrides, value, security);
    }

    public BrokerSettings withSecurity(StackSecurity value) {
        return new BrokerSettings(dataDir, port, controllerPort, logFile, pidFile, maxHeap, overrides, detached, value);
    }

    public boolean secure() {
        return security != null;
    }

    /** What a client needs besides bootstrap.servers: the operator's SASL settings in secure mode, else nothing. */
    public Map<String, String> clientProperties() {
        return secure() ? security.clientProperties() : Map.of();
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public Path serverPropertiesFile() {
        return dataDir.resolve("server.properties");
    }

    public Path log4jConfigFile() {
        return dataDir.resolve("log4j2.properties");
    }

    /** Kafka's log dir; KRaft metadata lives here too. */
    public Path logDir() {
        return dataDir.resolve("data");
    }

    /** The broker's server.properties, in file order. */
    public Map<String, String> serverProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // Static quorum: formatted without --standalone, see KafkaBroker.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir().toString());
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "true");
        // One broker: every internal topic must make do with one replica.
        props.put("default.replication.factor", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // No reason to wait for more consumers to join on a developer stack.
        props.put("group.initial.rebalance.delay.ms", "0");
        if (secure()) {
            props.putAll(security.brokerProperties(HOST, port, controllerPort));
        }
        props.putAll(overrides);
        return props;
    }

    private static void checkPort(String name, int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(name + " must be 1..65535: " + value);
        }
    }
}
