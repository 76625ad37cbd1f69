package org.bwnetflow.connect.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bwnetflow.connect.stack.FreePorts;

/**
 * pmacct's nfacctd (Debian package pmacct) writing JSON to Kafka: the peer that does what we do.
 * Aggregated per flow key with a 1 s refresh, and every flow the sender makes is unique, so one
 * Kafka message per flow. Its plugin process buffers are set large, as an operator would.
 */
final class NfacctdCollector implements Collector {

    private final Process process;
    private final TopicCounter counter;
    private final int port;
    private long base;

    NfacctdCollector(Path workDir, String kafkaHost, int kafkaPort, String bootstrapServers) throws Exception {
        this.port = FreePorts.udp();
        String topic = "load-nfacctd-" + port;
        Files.createDirectories(workDir);
        Path config = workDir.resolve("nfacctd.conf");
        Files.writeString(config, String.join("\n",
                "daemonize: false",
                "nfacctd_ip: 127.0.0.1",
                "nfacctd_port: " + port,
                "nfacctd_pipe_size: 33554432",
                "plugins: kafka",
                "aggregate: src_host, dst_host, src_port, dst_port, proto, tos, peer_src_ip",
                "kafka_output: json",
                "kafka_topic: " + topic,
                "kafka_broker_host: " + kafkaHost,
                "kafka_broker_port: " + kafkaPort,
                "kafka_refresh_time: 1",
                "kafka_history: 1m",
                "plugin_pipe_size: 268435456",
                "plugin_buffer_size: 65536",
                ""));
        this.process = new ProcessBuilder(requireProgram("nfacctd"), "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("nfacctd.log").toFile()).start();
        this.counter = new TopicCounter(bootstrapServers, topic);
        Thread.sleep(2000);
        if (!process.isAlive()) {
            throw new IllegalStateException("nfacctd exited: " + Files.readString(workDir.resolve("nfacctd.log")));
        }
    }

    static String requireProgram(String name) throws IOException {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/usr/bin"}) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String pkg = name.startsWith("nf") && !name.equals("nfacctd") ? "nfdump" : "pmacct";
        throw new IOException(name + " is not installed (Debian: apt-get install " + pkg + ")");
    }

    @Override
    public String name() {
        return "pmacct nfacctd";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void beginStep() throws Exception {
        base = counter.settle(Duration.ofSeconds(3), Duration.ofSeconds(30));
    }

    @Override
    public long delivered() throws Exception {
        return counter.settle(Duration.ofSeconds(4), Duration.ofSeconds(60)) - base;
    }

    @Override
    public double cpuSeconds() {
        return new ProcessCpu(process.pid()).seconds();
    }

    @Override
    public long memoryBytes() {
        return new ProcessCpu(process.pid()).residentBytes();
    }

    @Override
    public void close() {
        counter.close();
        stopTree(process);
    }

    /** SIGTERM to the process and its plugins, SIGKILL to what is still there after 10 s. */
    static void stopTree(Process process) {
        java.util.List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + 10_000;
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
