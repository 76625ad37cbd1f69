package org.bwnetflow.connect.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@code flowstack} keeps everything under its home directory:
 * {@code kafka/} (broker data), {@code connect/} (worker config; {@code connect-2/}... for more workers),
 * {@code logs/}, {@code pids/},
 * {@code secrets/} (owner-only: QuestDB's password in every mode; in secure mode also the operator's
 * password and client config),
 * {@code questdb/} (the time-series database),
 * {@code gobgpd/} (the demo router's config), {@code dashboard/} (its users and their passwords, owner-only),
 * and {@code flowstack.properties} (ports of the running stack, read by {@code status}).
 */
public record StackLayout(Path home) {

    public static final String HOME_ENV = "FLOWSTACK_HOME";
    public static final String DEFAULT_HOME = ".flowstack";

    public StackLayout {
        home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
    }

    /** {@code --home} wins, then {@code $FLOWSTACK_HOME}, then {@code ./.flowstack}. */
    public static StackLayout resolve(Path homeOption, Map<String, String> env) {
        if (homeOption != null) {
            return new StackLayout(homeOption);
        }
        String fromEnv = env.get(HOME_ENV);
        return new StackLayout(Path.of(fromEnv == null || fromEnv.isBlank() ? DEFAULT_HOME : fromEnv));
    }

    public Path kafkaDir() {
        return home.resolve("kafka");
    }

    public Path connectDir() {
        return connectDir(1);
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path pidsDir() {
        return home.resolve("pids");
    }

    public Path secretsDir() {
        return home.resolve("secrets");
    }

    public Path questDbDir() {
        return home.resolve("questdb");
    }

    public Path questDbLog() {
        return logsDir().resolve("questdb.log");
    }

    public Path questDbPidFile() {
        return pidsDir().resolve("questdb.pid");
    }

    public Path brokerLog() {
        return logsDir().resolve("broker.log");
    }

    public Path workerLog() {
        return workerLog(1);
    }

    /** Worker 1 is {@code connect}, worker n > 1 {@code connect-n} (log, pid file, work directory). */
    public Path workerLog(int worker) {
        return logsDir().resolve(workerName(worker) + ".log");
    }

    public Path workerPidFile(int worker) {
        return pidsDir().resolve(workerName(worker) + ".pid");
    }

    public Path connectDir(int worker) {
        return home.resolve(workerName(worker));
    }

    public static String workerName(int worker) {
        if (worker < 1) {
            throw new IllegalArgumentException("workers are numbered from 1: " + worker);
        }
        return worker == 1 ? "connect" : "connect-" + worker;
    }

    public Path brokerPidFile() {
        return pidsDir().resolve("broker.pid");
    }

    public Path workerPidFile() {
        return workerPidFile(1);
    }

    /** The dashboard's users file and its logins' passwords (owner-only). */
    public Path dashboardDir() {
        return home.resolve("dashboard");
    }

    public Path dashboardLog() {
        return logsDir().resolve("dashboard.log");
    }

    public Path dashboardPidFile() {
        return pidsDir().resolve("dashboard.pid");
    }

    /** The demo traffic of {@code up --demo}: flowctl generate sending to the shipped NetFlow source. */
    public Path demoLog() {
        return logsDir().resolve("demo-generator.log");
    }

    public Path demoPidFile() {
        return pidsDir().resolve("demo-generator.pid");
    }

    /** The demo router of {@code up --demo}: gobgpd, feeding the demo routes over BMP; its config in gobgpd/. */
    public Path gobgpdDir() {
        return home.resolve("gobgpd");
    }

    public Path gobgpdLog() {
        return logsDir().resolve("gobgpd.log");
    }

    public Path gobgpdPidFile() {
        return pidsDir().resolve("gobgpd.pid");
    }

    public Path stateFile() {
        return home.resolve("flowstack.properties");
    }
}
