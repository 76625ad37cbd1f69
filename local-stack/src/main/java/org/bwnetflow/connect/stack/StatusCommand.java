package org.bwnetflow.connect.stack;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code flowstack status}: which processes run (by pid file) and, if the worker runs, the
 * state of every connector. Exit code 0 if both run, {@link FlowStack#NOT_RUNNING} otherwise,
 * 1 if the worker runs but its REST API does not answer properly.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show whether broker, worker, QuestDB, the dashboard, the demo traffic and the demo router (gobgpd) "
                + "run, and the state of every connector.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StackLayout layout = home.layout();
        PrintWriter out = spec.commandLine().getOut();
        Optional<StackState> state = StackState.read(layout.stateFile());
        // Extras of bin/flowstack: reported, but the stack runs without them.
        report(out, "demo traffic", layout.demoPidFile(), "");
        report(out, "gobgpd", layout.gobgpdPidFile(), " (demo routes over BMP to 127.0.0.1:" + DemoRoutes.BMP_PORT + ")");
        report(out, "dashboard", layout.dashboardPidFile(), "");
        boolean broker = report(out, "broker", layout.brokerPidFile(),
                state.map(s -> " at " + s.bootstrapServers()).orElse(""));
        boolean worker = true;
        for (int n = 1; n <= state.map(StackState::workers).orElse(1); n++) {
            int number = n;
            worker &= report(out, StackLayout.workerName(n), layout.workerPidFile(n),
                    state.map(s -> ", REST " + s.restUrl(number)).orElse(""));
        }
        boolean questDb = state.map(s -> s.questDbPort() == 0).orElse(true) || report(out, "questdb",
                layout.questDbPidFile(), state.map(s -> " at " + s.questDbUrl()).orElse(""));
        int exit = broker && worker && questDb ? 0 : FlowStack.NOT_RUNNING;
        Optional<Integer> answering = state.isPresent() ? firstRunningWorker(layout, state.get().workers())
                : Optional.empty();
        if (answering.isPresent()) {
            RestLogin login = state.get().secure() ? RestSecurity.readLogin(layout.secretsDir()) : null;
            exit = reportConnectors(out, new ConnectRestClient(state.get().restUrl(answering.get()), login), exit);
        }
        out.flush();
        return exit;
    }

    private static Optional<Integer> firstRunningWorker(StackLayout layout, int workers) {
        for (int n = 1; n <= workers; n++) {
            if (StackProcess.findRunning(layout.workerPidFile(n)).isPresent()) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private static boolean report(PrintWriter out, String role, Path pidFile, String where) {
        Optional<ProcessHandle> running = StackProcess.findRunning(pidFile);
        if (running.isPresent()) {
            out.println(role + ": running (pid " + running.get().pid() + ")" + where);
            return true;
        }
        OptionalLong stale = StackProcess.readPid(pidFile);
        out.println(role + ": not running" + (stale.isPresent()
                ? " (stale pid file " + pidFile + " names pid " + stale.getAsLong() + ")" : ""));
        return false;
    }

    private static int reportConnectors(PrintWriter out, ConnectRestClient rest, int exit) {
        try {
            List<String> names = rest.listConnectors();
            if (names.isEmpty()) {
                out.println("connectors: none");
            }
            for (String name : names) {
                ConnectorStatus status = rest.connectorStatus(name);
                out.println("connector " + name + ": " + status.summary() + " " + status.placement());
                status.failure().ifPresent(failure -> out.println("  " + firstLine(failure)));
            }
            return exit;
        } catch (ConnectRestException | UncheckedIOException e) {
            out.println("connect: REST API at " + rest.baseUrl() + " not answering: " + e.getMessage());
            return 1;
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
