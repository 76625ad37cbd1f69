package org.bwnetflow.connect.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.WorkerSettings;

/**
 * Our collector: a Connect worker (as {@code bin/flowstack up} starts it) loading the plugin
 * bundle and running the source connector from its shipped JSON, verbatim but for the UDP port.
 * {@link Configuration#AS_SHIPPED} also runs the shipped Influx sink on the same worker into a
 * real QuestDB, as the local stack does; delivered flows are the records in every topic the
 * connector writes ({@code flows} and the router's {@code flows-*}).
 */
final class ConnectCollector implements Collector {

    /** What the worker runs. */
    enum Configuration {
        /** The source with its whole shipped transform chain, and the shipped Influx sink. */
        AS_SHIPPED("bwnetflow-connect as shipped"),
        /** The source alone: no transforms, no sink. */
        SOURCE_ONLY("bwnetflow-connect source only");

        final String label;

        Configuration(String label) {
            this.label = label;
        }
    }

    private static final String SOURCE = "netflow-source";
    private static final String SINK = "influx-sink";
    /** The shipped raw flows sink, run beside the Influx sink where the checkout ships it. */
    static final String RAW_SINK = "raw-flows-sink";
    private static final String RAW_SINK_JSON = "connect-configs/connectors/raw-flows-sink.json";
    /** The shipped sink subscribes to the router's topics and the health topic. */
    private static final Pattern SINK_TOPICS = Pattern.compile("flows-.*|_ingest-health");

    private final String name;
    private final ConnectWorker worker;
    private final SinkDatabase database;
    private final TopicCounter counter;
    private final TopicCounter sinkTopics;
    private final int port;
    private String jmxAddress;
    private long base;
    /** Records in the sink's topics before the sink started (another collector's, on the same broker). */
    private long sinkBase;

    /**
     * @param repository the checkout whose {@code connect-configs} and files the shipped JSON names
     *                   (through {@code ${env:FLOWSTACK_ROOT}}): the load measures what operators run
     */
    ConnectCollector(Configuration configuration, String label, Path workDir, String bootstrapServers,
            List<Path> pluginPath, String heap, Path repository, Map<String, String> connectorOverrides) throws Exception {
        this.name = label != null ? label : configuration.label;
        this.port = FreePorts.udp();
        this.database = configuration == Configuration.AS_SHIPPED ? SinkDatabase.start(workDir.resolve("questdb"), repository)
                : null;
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FLOWSTACK_ROOT", repository.toAbsolutePath().normalize().toString());
        // The shipped sources' Routes transform reads the RIB topic (empty here: no BMP routers) from the broker under
        // load, as bin/flowstack's workers do (local-stack's KafkaClientEnvironment, plaintext).
        environment.put("FLOWSTACK_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        environment.put("FLOWSTACK_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
        for (String empty : List.of("SASL_MECHANISM", "SASL_JAAS_CONFIG", "SSL_TRUSTSTORE_LOCATION", "SSL_TRUSTSTORE_PASSWORD")) {
            environment.put("FLOWSTACK_KAFKA_" + empty, "");
        }
        if (database != null) {
            environment.putAll(database.sinkEnvironment());
        }
        int restPort = FreePorts.tcp(1).get(0);
        try {
            this.worker = ConnectWorker.start(WorkerSettings.of(workDir, bootstrapServers, restPort, pluginPath,
                    Map.of("group.id", "load-" + port, "config.storage.topic", "_load-configs-" + port,
                            "offset.storage.topic", "_load-offsets-" + port, "status.storage.topic", "_load-status-" + port))
                    .withMaxHeap(heap).withEnvironment(environment));
        } catch (RuntimeException e) {
            closeDatabase();
            throw e;
        }
        Map<String, String> source = shipped(repository.resolve("connect-configs/connectors/netflow-source.json"));
        source.put("listen.port", Integer.toString(port));
        if (configuration == Configuration.SOURCE_ONLY) {
            source.put("transforms", "");
            source.put("predicates", "");
        }
        source.putAll(connectorOverrides);
        worker.rest().createOrReplaceConnector(SOURCE, source);
        worker.rest().awaitRunning(SOURCE, Duration.ofSeconds(90));
        this.sinkTopics = database == null ? null : new TopicCounter(bootstrapServers, SINK_TOPICS);
        if (database != null) {
            // Connect names the sink's consumer group after the connector: where an earlier collector's sink left its
            // offsets this one starts, so those records are not this sink's to read.
            sinkBase = sinkTopics.records();
            worker.rest().createOrReplaceConnector(SINK, shipped(repository.resolve("connect-configs/connectors/influx/influx-sink.json")));
            worker.rest().awaitRunning(SINK, Duration.ofSeconds(90));
            if (Files.exists(repository.resolve(RAW_SINK_JSON))) {
                worker.rest().createOrReplaceConnector(RAW_SINK, shipped(repository.resolve(RAW_SINK_JSON)));
                worker.rest().awaitRunning(RAW_SINK, Duration.ofSeconds(90));
            }
        }
        String topic = source.get("topic");
        this.counter = new TopicCounter(bootstrapServers, Pattern.compile(Pattern.quote(topic) + "(-.+)?"));
    }

    private static Map<String, String> shipped(Path json) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        new ObjectMapper().readTree(json.toFile()).get("config").fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void beginStep() throws Exception {
        base = counter.settle(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    @Override
    public long delivered() throws Exception {
        return counter.settle(Duration.ofSeconds(3), Duration.ofSeconds(60)) - base;
    }

    @Override
    public double cpuSeconds() {
        return new ProcessCpu(worker.pid()).seconds();
    }

    @Override
    public long memoryBytes() throws Exception {
        CompositeData usage = (CompositeData) withJmx(server -> server.getAttribute(new ObjectName("java.lang:type=Memory"),
                "HeapMemoryUsage"));
        return (Long) usage.get("used");
    }

    /**
     * Records in the sink's topics that its task has not read yet: what they gained since the sink
     * started minus the task's {@code sink-record-read-total}.
     */
    @Override
    public long sinkLag() throws Exception {
        return database == null ? -1 : lagOf(SINK, sinkTopics.records() - sinkBase);
    }

    /** The same for the raw flows sink, which reads the router's topics only (no health topic: fewer records). */
    long rawSinkLag(long flowRecords) throws Exception {
        return lagOf(RAW_SINK, flowRecords);
    }

    private long lagOf(String connector, long records) throws Exception {
        Object read = withJmx(server -> {
            try {
                return server.getAttribute(new ObjectName("kafka.connect:type=sink-task-metrics,connector=" + connector
                        + ",task=0"), "sink-record-read-total");
            } catch (InstanceNotFoundException e) {
                return 0.0; // the task is restarting
            }
        });
        return Math.max(0, records - Math.round(((Number) read).doubleValue()));
    }

    /** The database both sinks write to; null for the source alone. */
    SinkDatabase database() {
        return database;
    }

    long workerPid() {
        return worker.pid();
    }

    /** The worker's REST base URL, e.g. to pause a connector. */
    java.net.URI restUrl() {
        return worker.restUrl();
    }

    private Object withJmx(JmxCall call) throws Exception {
        if (jmxAddress == null) {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(worker.pid()));
            try {
                jmxAddress = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        }
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(jmxAddress))) {
            return call.apply(jmx.getMBeanServerConnection());
        }
    }

    @Override
    public void close() {
        counter.close();
        if (sinkTopics != null) {
            sinkTopics.close();
        }
        worker.close();
        closeDatabase();
    }

    private void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    /** One JMX read. */
    @FunctionalInterface
    private interface JmxCall {
        Object apply(MBeanServerConnection server) throws Exception;
    }
}
