package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bwnetflow.connect.stack.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/flowstack up --demo} then {@code bin/flowstack down}, as an operator runs them (on TCP ports of its
 * own, so it does not need bin/flowstack's defaults): the demo shows flows, every process the stack started (broker,
 * worker, QuestDB, dashboard, demo traffic) has a pid file, and after down none of them, nor any other process
 * started for this home, is left.
 */
class FlowstackDemoIT {

    private static final List<String> PROCESSES = List.of("broker", "connect", "questdb", "dashboard",
            "demo-generator");

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
            assertThat(processesOf(home)).as("processes started for %s", home).hasSizeGreaterThanOrEqualTo(5);

            String status = flowstack.run("status");
            assertThat(status).contains("dashboard: running (pid " + started.get(3).pid() + ")",
                    "demo traffic: running (pid " + started.get(4).pid() + ")");
        } finally {
            String down = flowstack.run("down");
            assertThat(down).contains("demo traffic: stopped", "dashboard: stopped", "connect: stopped",
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

    /** Every process whose command line names the home: the pid file marker of StackProcess, the home's files. */
    private static List<String> processesOf(Path home) {
        String needle = home.toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(needle)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
    }

    /** The shipped NetFlow and sFlow sources listen on fixed UDP ports; another stack on them would fail this one. */
    private static void requireShippedSourcePortsFree() throws IOException {
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
