package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The dashboard and the demo traffic are processes of the stack like the broker: pid files in the home's pids/,
 * reported by status, stopped by down (tiny real JVMs, {@link Sleeper}, stand in for them); the rest of what
 * bin/flowstack did in bash (logs, down --purge, the checkout's defaults) is here too.
 */
class StackExtrasTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FlowStack.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** A Sleeper JVM with the pid file and log of {@code role}, as up starts it (detached: down must stop it). */
    private static ProcessHandle startAs(String role, Path log, Path pidFile) {
        JvmSpec sleeper = new JvmSpec(role, KafkaRuntime.currentJava(), System.getProperty("java.class.path"),
                Sleeper.class.getName(), List.of(), "64m", List.of());
        StackProcess.start(sleeper, log, pidFile, true);
        return StackProcess.findRunning(pidFile).orElseThrow();
    }

    @Test
    void downStopsTheDashboardAndTheDemoTrafficByTheirPidFiles() throws Exception {
        StackLayout layout = new StackLayout(home);
        ProcessHandle dashboard = startAs("dashboard", layout.dashboardLog(), layout.dashboardPidFile());
        ProcessHandle demo = startAs("demo-generator", layout.demoLog(), layout.demoPidFile());
        try {
            assertThat(run("status", "--home", home.toString())).isEqualTo(FlowStack.NOT_RUNNING);
            assertThat(out.toString()).contains("dashboard: running (pid " + dashboard.pid() + ")",
                    "demo traffic: running (pid " + demo.pid() + ")");

            assertThat(run("down", "--home", home.toString())).isZero();

            assertThat(dashboard.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(demo.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(out.toString()).contains("dashboard: stopped", "demo traffic: stopped");
            assertThat(layout.dashboardPidFile()).doesNotExist();
            assertThat(layout.demoPidFile()).doesNotExist();
        } finally {
            dashboard.destroyForcibly();
            demo.destroyForcibly();
        }
    }

    @Test
    void purgeRemovesOnlyAFlowstackHome() throws Exception {
        Path notAHome = Files.createDirectories(home.resolve("mine"));
        Files.writeString(notAHome.resolve("keep.txt"), "mine");
        assertThat(run("down", "--purge", "--home", notAHome.toString())).isZero();
        assertThat(out.toString()).contains("is not a flowstack home; nothing removed");
        assertThat(notAHome.resolve("keep.txt")).exists();

        Path stackHome = home.resolve("stack");
        new StackState(9092, 9093, 8083, false, 9000, 8812, 1).write(Files.createDirectories(stackHome)
                .resolve("flowstack.properties"));
        Files.createDirectories(stackHome.resolve("logs"));
        Files.writeString(stackHome.resolve("logs/broker.log"), "x");
        assertThat(run("down", "--purge", "--home", stackHome.toString())).isZero();
        assertThat(stackHome).doesNotExist();
    }

    @Test
    void logsShowsTheEndOfEachLogOrOne() throws Exception {
        StackLayout layout = new StackLayout(home);
        Files.createDirectories(layout.logsDir());
        Files.writeString(layout.brokerLog(), "broker line 1\nbroker line 2\n");
        Files.writeString(layout.dashboardLog(), "dashboard: http://127.0.0.1:8090\n");

        assertThat(run("logs", "--home", home.toString())).isZero();
        assertThat(out.toString()).contains("==> " + layout.brokerLog() + " <==", "broker line 2",
                "dashboard: http://127.0.0.1:8090", "flowstack: no " + layout.questDbLog());

        out.getBuffer().setLength(0);
        assertThat(run("logs", "dashboard", "--home", home.toString())).isZero();
        assertThat(out.toString()).contains("dashboard: http").doesNotContain("broker line");
    }

    @Test
    void demoNeedsTheLauncher() {
        assertThat(run("up", "--demo", "--home", home.toString())).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--demo needs bin/flowstack");
        assertThat(home.resolve("pids")).doesNotExist();
    }

    @Test
    void theCheckoutNamesTheShippedPluginsConnectorsAndTools() throws Exception {
        Path root = home.resolve("checkout");
        Files.createDirectories(root.resolve("plugin-bundle/target/bwnetflow-connect-0.1.0-plugin"));
        Files.writeString(root.resolve("plugin-bundle/target/bwnetflow-connect-0.1.0-plugin.zip"), "");
        Files.createDirectories(root.resolve("connect-configs/connectors/influx"));
        Files.writeString(root.resolve("connect-configs/connectors/sflow-source.json"), "{}");
        Files.writeString(root.resolve("connect-configs/connectors/netflow-source.json"), "{}");
        Files.writeString(root.resolve("connect-configs/connectors/influx/influx-sink.json"), "{}");
        Checkout checkout = new Checkout(root);

        assertThat(checkout.pluginDirs()).containsExactly(root.resolve("plugin-bundle/target/bwnetflow-connect-0.1.0-plugin"));
        assertThat(checkout.connectorFiles()).containsExactly(root.resolve("connect-configs/connectors/netflow-source.json"),
                root.resolve("connect-configs/connectors/sflow-source.json"),
                root.resolve("connect-configs/connectors/influx/influx-sink.json"));
        assertThat(checkout.flowctlJar()).isEqualTo(root.resolve("flowctl/target/flowctl-all.jar"));
    }
}
