package org.bwnetflow.connect.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
 * bundle, running NetFlowSourceConnector with the shipped settings into a topic; delivered flows
 * are that topic's records.
 */
final class ConnectCollector implements Collector {

    private final ConnectWorker worker;
    private final TopicCounter counter;
    private final int port;
    private long base;

    /**
     * @param connectorJson the connector's JSON as shipped (connect-configs): the load measures what
     *                      operators run; only the port, topic and given overrides change
     */
    ConnectCollector(Path workDir, String bootstrapServers, List<Path> pluginPath, String heap, Path connectorJson,
            Map<String, String> connectorOverrides) throws Exception {
        this.port = FreePorts.udp();
        int restPort = FreePorts.tcp(1).get(0);
        this.worker = ConnectWorker.start(WorkerSettings.of(workDir, bootstrapServers, restPort, pluginPath,
                Map.of("group.id", "load-" + port, "config.storage.topic", "_load-configs-" + port,
                        "offset.storage.topic", "_load-offsets-" + port, "status.storage.topic", "_load-status-" + port))
                .withMaxHeap(heap));
        String topic = "load-flows-" + port;
        Map<String, String> config = new HashMap<>();
        new ObjectMapper().readTree(connectorJson.toFile()).get("config").fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        // The shipped JSON names its files under ${env:FLOWSTACK_ROOT}: the repository it lies in.
        String root = connectorJson.toAbsolutePath().normalize().getParent().getParent().getParent().toString();
        config.replaceAll((key, value) -> value.replace("${env:FLOWSTACK_ROOT}", root));
        config.put("topic", topic);
        // With the shipped TenantRouter, flows go to per-customer topics: keep them this collector's own.
        config.put("transforms.router.topic.prefix", topic + "-");
        config.put("transforms.router.unassigned.topic", topic + "-unassigned");
        config.put("listen.address", "127.0.0.1");
        config.put("listen.port", Integer.toString(port));
        config.putAll(connectorOverrides);
        worker.rest().createOrReplaceConnector("load", config);
        worker.rest().awaitRunning("load", Duration.ofSeconds(90));
        this.counter = new TopicCounter(bootstrapServers, Pattern.compile(Pattern.quote(topic) + "(-.+)?"));
    }

    @Override
    public String name() {
        return "bwnetflow-connect";
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
        VirtualMachine vm = VirtualMachine.attach(Long.toString(worker.pid()));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            CompositeData usage = (CompositeData) server.getAttribute(new ObjectName("java.lang:type=Memory"),
                    "HeapMemoryUsage");
            return (Long) usage.get("used");
        }
    }

    @Override
    public void close() {
        counter.close();
        worker.close();
    }
}
