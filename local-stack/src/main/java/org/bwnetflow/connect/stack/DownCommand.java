package org.bwnetflow.connect.stack;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code flowstack down}: stops the workers, QuestDB, then the broker, by their pid files — only
 * processes this stack started (see {@link StackProcess#findRunning}). Idempotent; data stays.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the Connect worker, QuestDB and the broker started by flowstack up (data is kept).")
final class DownCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StackLayout layout = home.layout();
        PrintWriter out = spec.commandLine().getOut();
        // The workers first: they leave their group and flush source offsets while Kafka is still there.
        int workers = StackState.read(layout.stateFile()).map(StackState::workers).orElse(1);
        for (int n = workers; n >= 1; n--) {
            stop(out, StackLayout.workerName(n), layout.workerPidFile(n));
        }
        stop(out, "questdb", layout.questDbPidFile());
        stop(out, "broker", layout.brokerPidFile());
        out.flush();
        return 0;
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
