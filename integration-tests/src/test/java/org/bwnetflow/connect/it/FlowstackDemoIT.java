package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_AS_PATH;
import static org.bwnetflow.connect.model.FlowField.DST_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.DST_LARGE_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS_PATH;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.stack.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/flowstack up --demo} then {@code bin/flowstack down}, as an operator runs them (on TCP ports of its
 * own, so it does not need bin/flowstack's defaults): the demo shows flows, every process the stack started (broker,
 * worker, QuestDB, dashboard, demo traffic, the demo router gobgpd) has a pid file, the demo flows carry the AS paths
 * and communities gobgpd reports over BMP to the shipped BMP source, and after down none of them, nor any other
 * process started for this home, is left.
 */
@UsesFlowstackDefaultPorts
class FlowstackDemoIT {

    private static final List<String> PROCESSES = List.of("broker", "connect", "questdb", "dashboard",
            "demo-generator", "gobgpd");
    /** The demo router's (local-stack's DemoRoutes) AS and its route for 198.51.100.0/24, learnt from peer AS 64502. */
    private static final long ROUTER_AS = 64_500;
    private static final List<Long> PEER_PATH = List.of(64_502L, 64_496L);

    @Test
    void upWithTheDemoThenDownLeavesNoProcessBehind() throws Exception {
        requireShippedSourcePortsFree();
        Path home = Path.of(System.getProperty("bwnetflow.work.dir", "target/it-stack"))
                .resolve("flowstack-demo-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        FlowstackScript flowstack = new FlowstackScript(home);
        List<Integer> ports = FreePorts.tcp(5);
        List<ProcessHandle> started = new ArrayList<>();
        try {
            String up = flowstack.run("up", "--demo", "--broker-port", ports.get(0).toString(), "--controller-port",
                    ports.get(1).toString(), "--rest-port", ports.get(2).toString(), "--questdb-port",
                    ports.get(3).toString(), "--dashboard-port", ports.get(4).toString());
            assertThat(up).contains("flowstack: dashboard http://127.0.0.1:" + ports.get(4))
                    .contains("flowstack: demo traffic: 3 exporters, 200 flows/s to udp 127.0.0.1:2055")
                    .containsPattern("(?m)^flows-\\d+ ")
                    .contains("flowstack: live status for 30 s");
            for (String name : PROCESSES) {
                started.add(flowstack.process(name));
            }
            assertThat(processesOf(home)).as("processes started for %s", home).hasSizeGreaterThanOrEqualTo(6);
            assertThat(up).contains("flowstack: demo router: gobgpd (AS 64500, pid " + started.get(5).pid() + ", log ")
                    .contains("with 52 routes, reporting them over BMP to tcp 127.0.0.1:11019");
            demoFlowsCarryRoutesFromBmp("127.0.0.1:" + ports.get(0));

            String status = flowstack.run("status");
            assertThat(status).contains("dashboard: running (pid " + started.get(3).pid() + ")",
                    "demo traffic: running (pid " + started.get(4).pid() + ")",
                    "gobgpd: running (pid " + started.get(5).pid() + ")",
                    "connector bmp-source: RUNNING, tasks 1/1 RUNNING");
        } finally {
            String down = flowstack.run("down");
            assertThat(down).contains("demo traffic: stopped", "gobgpd: stopped", "dashboard: stopped", "connect: stopped",
                    "questdb: stopped", "broker: stopped");
        }
        for (ProcessHandle process : started) {
            assertThat(process.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("pid %d", process.pid()).isFalse();
        }
        assertThat(processesOf(home)).as("processes left for %s", home).isEmpty();
        try (Stream<Path> pidFiles = Files.list(home.resolve("pids"))) {
            assertThat(pidFiles.toList()).as("pid files left").isEmpty();
        }
    }

    /**
     * The Routes transform of the shipped NetFlow source enriches the demo flows from gobgpd's table: customer 1000's
     * flows to 198.51.100.0/24 get the peer's path, its origin as DstAS, the peer as NextHopAS and the router's
     * communities (64500:200 "peer", large 64500:1:64502 "learnt from"); flows from the remote side get SrcAsPath.
     * Flows sent before the routes arrived (the generator starts after gobgpd, the first routes reach the topic within
     * a second) may lack them: some, not all, must carry them.
     */
    private static void demoFlowsCarryRoutesFromBmp(String bootstrapServers) throws Exception {
        List<Struct> flows;
        try (FlowTopic topic = new FlowTopic(bootstrapServers, "flows-1000")) {
            flows = topic.awaitFlows(600, Duration.ofSeconds(60));
        }
        assertThat(flows).as("flows of customer 1000").hasSizeGreaterThanOrEqualTo(600);
        List<Struct> toPeer = flows.stream().filter(f -> address(f, DST_ADDR).startsWith("198.51.100."))
                .filter(f -> !numbers(f, DST_AS_PATH).isEmpty()).toList();
        assertThat(toPeer).as("flows to 198.51.100.0/24 with an AS path").isNotEmpty().allSatisfy(flow -> {
            assertThat(numbers(flow, DST_AS_PATH)).isEqualTo(PEER_PATH);
            assertThat(Flows.number(flow, DST_AS)).isEqualTo(64_496L);
            assertThat(Flows.number(flow, NEXT_HOP_AS)).isEqualTo(64_502L);
            assertThat(numbers(flow, DST_COMMUNITIES)).containsExactly(ROUTER_AS << 16 | 200);
            assertThat(numbers(flow, DST_LARGE_COMMUNITIES)).containsExactly(ROUTER_AS, 1L, 64_502L, ROUTER_AS, 2L, 1L);
        });
        long fromRemoteWithPath = flows.stream().filter(f -> !address(f, SRC_ADDR).startsWith("10."))
                .filter(f -> !numbers(f, SRC_AS_PATH).isEmpty()).count();
        assertThat(fromRemoteWithPath).as("flows from the remote side with SrcAsPath").isPositive();
    }

    private static String address(Struct flow, FlowField field) {
        try {
            return InetAddress.getByAddress(Flows.bytes(flow, field)).getHostAddress();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Long> numbers(Struct flow, FlowField field) {
        List<Long> values = (List<Long>) flow.get(FlowMessageSchema.field(field));
        return values == null ? List.of() : values;
    }

    /** Every process whose command line names the home: the pid file marker of StackProcess, the home's files. */
    private static List<String> processesOf(Path home) {
        String needle = home.toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(needle)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
    }

    /**
     * The shipped NetFlow and sFlow sources listen on fixed UDP ports, the BMP source on TCP 11019; another stack on
     * them would fail this one.
     */
    private static void requireShippedSourcePortsFree() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 11_019));
        } catch (IOException e) {
            throw new IOException("tcp 127.0.0.1:11019 (the shipped BMP source's port) is in use: is a flowstack running?", e);
        }
        for (Map.Entry<Integer, String> port : Map.of(2055, "NetFlow", 6343, "sFlow").entrySet()) {
            try (DatagramSocket socket = new DatagramSocket(null)) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.getKey()));
            } catch (IOException e) {
                throw new IOException("udp 127.0.0.1:" + port.getKey() + " (the shipped " + port.getValue()
                        + " source's port) is in use: is a flowstack running?", e);
            }
        }
    }
}
