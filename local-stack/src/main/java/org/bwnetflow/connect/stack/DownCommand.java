package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowstack down}: stops the demo traffic and demo router (gobgpd), the dashboard, the workers, QuestDB,
 * then the broker, by their pid files — only processes this stack started (see {@link StackProcess#findRunning}). Idempotent; data stays.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the demo traffic and demo router (gobgpd), the dashboard, the Connect workers, QuestDB "
                + "and the broker started by flowstack up (data is kept unless --purge).")
final class DownCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--purge", description = "Also remove the home directory (only one flowstack made: it holds "
            + "flowstack.properties)")
    boolean purge;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StackLayout layout = home.layout();
        PrintWriter out = spec.commandLine().getOut();
        stop(out, "demo traffic", layout.demoPidFile());
        stop(out, "gobgpd", layout.gobgpdPidFile());
        stop(out, "dashboard", layout.dashboardPidFile());
        // The workers first: they leave their group and flush source offsets while Kafka is still there.
        int workers = StackState.read(layout.stateFile()).map(StackState::workers).orElse(1);
        for (int n = workers; n >= 1; n--) {
            stop(out, StackLayout.workerName(n), layout.workerPidFile(n));
        }
        stop(out, "questdb", layout.questDbPidFile());
        stop(out, "broker", layout.brokerPidFile());
        if (purge) {
            purge(layout, out);
        }
        out.flush();
        return 0;
    }

    private static void purge(StackLayout layout, PrintWriter out) {
        if (!Files.isRegularFile(layout.stateFile())) {
            out.println("flowstack: " + layout.home() + " is not a flowstack home; nothing removed");
            return;
        }
        try (Stream<Path> files = Files.walk(layout.home())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + layout.home(), e);
        }
        out.println("flowstack: removed " + layout.home());
    }

    private static void stop(PrintWriter out, String role, Path pidFile) {
        OptionalLong pid = StackProcess.readPid(pidFile);
        Optional<ProcessHandle> running = StackProcess.findRunning(pidFile);
        if (running.isPresent()) {
            out.println(role + ": stopping (pid " + running.get().pid() + ")");
            out.flush();
        }
        if (StackProcess.stopByPidFile(pidFile, StackProcess.STOP_TIMEOUT)) {
            out.println(role + ": stopped");
        } else {
            out.println(role + ": not running" + (pid.isPresent() ? " (removed stale pid file)" : ""));
        }
    }
}
