package org.bwnetflow.connect.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The web dashboard of the local stack: a detached JVM of {@code dashboard-all.jar serve}, its pid in
 * {@code pids/dashboard.pid} (with the marker {@link StackProcess} checks, so {@code down} never signals another
 * process that got the same pid), reading what the Influx sink writes: the stack's QuestDB with its login (from the
 * secrets, never on a command line) or the InfluxDB of {@code up --influx-url}.
 */
final class Dashboard {

    static final String MAIN_CLASS = "org.bwnetflow.connect.dashboard.DashboardCommand";
    static final int DEFAULT_PORT = 8090;
    /** The raw flows sink's table in the stack (flow-model's FlowsTable.DEFAULT_NAME; the stack does not depend on it). */
    static final String FLOWS_TABLE = "flows_raw";

    private static final String HEAP = "256m";
    private static final String READY_LINE = "dashboard: http";
    private static final long READY_WAIT_MILLIS = 10_000;

    /** Where the dashboard reads the flows: the stack's QuestDB or an InfluxDB 2 (bucket flows). */
    record Database(List<String> options) {

        /** The stack's QuestDB; with a PostgreSQL wire, the explorer over the raw flows table too (read-only user). */
        static Database questDb(StackState state, StackLayout layout) {
            List<String> options = new ArrayList<>(List.of("--questdb-url", state.questDbUrl(), "--questdb-user",
                    QuestDbLogin.USER, "--questdb-password-file",
                    layout.secretsDir().resolve(QuestDbLogin.PASSWORD_FILE).toString()));
            if (state.questDbPgPort() > 0) {
                options.addAll(List.of("--questdb-pg-url", state.questDbPgUrl(), "--questdb-pg-user",
                        QuestDbLogin.READONLY_USER, "--questdb-pg-password-file",
                        layout.secretsDir().resolve(QuestDbLogin.READONLY_PASSWORD_FILE).toString(), "--flows-table",
                        FLOWS_TABLE));
            }
            return new Database(options);
        }

        static Database influx(InfluxTarget influx) {
            List<String> options = new ArrayList<>(List.of("--influx-url", influx.url(), "--influx-org",
                    influx.org(), "--influx-bucket", "flows"));
            if (influx.tokenFile() != null) {
                options.addAll(List.of("--influx-token-file", influx.tokenFile().toString()));
            }
            return new Database(options);
        }
    }

    private Dashboard() {
    }

    /** The running dashboard of this home, if any. */
    static Optional<ProcessHandle> running(StackLayout layout) {
        return StackProcess.findRunning(layout.dashboardPidFile());
    }

    /**
     * Starts the dashboard unless it runs (its logins made on first use) and waits up to 10 s for it to listen.
     *
     * @return the pid
     */
    static long start(StackLayout layout, Path jar, int port, Database database) {
        Optional<ProcessHandle> running = running(layout);
        if (running.isPresent()) {
            return running.get().pid();
        }
        Path users = DashboardUsers.prepare(layout, jar);
        List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(port)));
        args.addAll(database.options());
        args.addAll(List.of("--users", users.toString()));
        StackProcess process = StackProcess.start(ToolJvm.of("dashboard", jar, MAIN_CLASS, HEAP, args),
                layout.dashboardLog(), layout.dashboardPidFile(), true);
        awaitReady(layout.dashboardLog(), process);
        return process.pid();
    }

    private static void awaitReady(Path log, StackProcess process) {
        long deadline = System.currentTimeMillis() + READY_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            if (LogTail.of(log, 20).lines().anyMatch(line -> line.startsWith(READY_LINE))) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!process.isAlive()) {
            throw new StackException("the dashboard exited " + process.exitCode() + "; log " + log + ":\n"
                    + LogTail.of(log, 20));
        }
    }
}
