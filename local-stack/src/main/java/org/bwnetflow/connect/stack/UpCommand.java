package org.bwnetflow.connect.stack;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flowstack up}: starts whatever of broker and worker is not running yet (detached, so
 * they outlive this command), then submits the given connectors and waits until they run.
 * Running it again is harmless: running processes are left alone, connectors are replaced.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the broker and the Connect worker (if not running) and submit connectors.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--broker-port", defaultValue = "9092", description = "Kafka client port (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--controller-port", defaultValue = "9093",
            description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--rest-port", defaultValue = "8083", description = "Connect REST port (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(names = "--plugin-path", paramLabel = "DIR", description = "Connect plugin directory or archive; repeatable.")
    List<Path> pluginPath = new ArrayList<>();

    @Option(names = "--connector", paramLabel = "FILE.json",
            description = "Connector to submit, as {\"name\": ..., \"config\": {...}}; repeatable.")
    List<Path> connectorFiles = new ArrayList<>();

    @Option(names = "--heap", defaultValue = JvmSpec.DEFAULT_MAX_HEAP,
            description = "-Xmx of each server JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--secure", description = "SASL_SSL + SCRAM-SHA-512 listeners (TLS with a certificate authority of "
            + "the home's own: clients check the broker with <home>/secrets/ca.crt or truststore.p12), the "
            + "StandardAuthorizer and an operator super-user that the worker logs in as; Connect REST requires the "
            + "operator's login (Kafka's BasicAuthSecurityRestExtension); credentials in <home>/secrets (owner-only). A "
            + "home keeps the mode it was first started with.")
    boolean secure;

    @Option(names = "--questdb-port", defaultValue = "9000",
            description = "HTTP port of the embedded QuestDB: InfluxDB v2 write API, SQL, web console (default: "
                    + "${DEFAULT-VALUE}); it requires user " + QuestDbLogin.USER + " and the password in "
                    + "<home>/secrets/" + QuestDbLogin.PASSWORD_FILE + " (generated, owner-only).")
    int questDbPort;

    @Option(names = "--tsdb-init", paramLabel = "FILE.sql",
            description = "SQL run when QuestDB starts, e.g. the sink's tables with deduplication (idempotent statements).")
    Path tsdbInit;

    @Option(names = "--no-tsdb", description = "Do not start the embedded QuestDB (the sink then needs another database).")
    boolean noTsdb;

    @Option(names = "--workers", paramLabel = "N",
            description = "Connect workers in one group on this machine, REST ports --rest-port, +1, ... (default: as "
                    + "the home last ran, else 1). Source tasks on several workers share the UDP port (SO_REUSEPORT).")
    Integer workers;

    @Option(names = "--worker-property", paramLabel = "KEY=VALUE",
            description = "Worker property for workers started now, e.g. scheduled.rebalance.max.delay.ms=10000; repeatable.")
    Map<String, String> workerProperties = new LinkedHashMap<>();

    @Option(names = "--prometheus", paramLabel = "PORT",
            description = "Attach the Prometheus JMX exporter to the workers started now: worker 1 serves "
                    + "http://127.0.0.1:PORT/metrics, worker 2 PORT+1, and so on (see docs/monitoring.md).")
    Integer prometheusPort;

    @Option(names = "--prometheus-config", paramLabel = "FILE.yml",
            description = "The JMX exporter's rules for --prometheus (default: connect-configs/prometheus/jmx-exporter.yml).")
    Path prometheusConfig;

    @Option(names = "--connector-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for each connector to run (default: ${DEFAULT-VALUE}).")
    int connectorTimeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ConnectorDefinition> connectors = checkOptions();
        PrometheusAgent prometheus = prometheusPort == null ? null : PrometheusAgent.built(prometheusPort, prometheusConfig);
        List<String> initSql = tsdbInit == null ? List.of() : QuestDbServer.readSqlFile(tsdbInit);
        StackLayout layout = home.layout();
        PrintWriter out = spec.commandLine().getOut();
        out.println("flowstack home: " + layout.home());

        StackState state = resolveState(layout);
        StackSecurity security = secure ? StackSecurity.prepare(layout.secretsDir()) : null;
        if (security != null) {
            out.println("secure mode: SASL_SSL/SCRAM-SHA-512, operator '" + StackSecurity.OPERATOR
                    + "', client config " + security.clientConfigFile() + "; Connect REST requires the login in "
                    + security.rest().netrcFile() + " (curl --netrc-file)");
            out.println(tlsLine(security.tls()));
        }

        startBroker(layout, state, security, out);
        state.write(layout.stateFile());
        QuestDbLogin questDbLogin = state.questDbPort() == 0 ? null : QuestDbLogin.prepare(layout.secretsDir());
        startQuestDb(layout, state, questDbLogin, initSql, out);
        for (int n = 1; n <= state.workers(); n++) {
            startWorker(layout, state, n, security, sinkEnvironment(questDbLogin), prometheus, out);
        }
        state.write(layout.stateFile());

        ConnectRestClient rest = new ConnectRestClient(state.restUrl(), security == null ? null : security.rest().login());
        for (ConnectorDefinition connector : connectors) {
            rest.createOrReplaceConnector(connector.name(), connector.config());
            restartFailed(rest, connector.name(), out);
            out.println("connector " + connector.name() + ": submitted, waiting until it runs");
            out.flush();
            ConnectorStatus status = rest.awaitRunning(connector.name(), Duration.ofSeconds(connectorTimeoutSeconds));
            out.println("connector " + connector.name() + ": " + status.summary());
        }
        out.println(whereToLook(layout, state));
        out.flush();
        return 0;
    }

    /** Where clients find the CA certificate, and whether the ones they have still fit. */
    private static String tlsLine(StackTls tls) {
        String line = "TLS: the broker's certificate (for localhost and " + BrokerSettings.HOST + ") is signed by this "
                + "home's own CA; clients check it with " + tls.caCertificateFile() + " (PEM, for customers) or "
                + tls.truststoreFile();
        return switch (tls.outcome()) {
            case NEW_CERTIFICATE_AUTHORITY -> line + "; a NEW certificate authority was made: hand the new "
                    + StackTls.CA_CERTIFICATE + " to every client";
            case NEW_BROKER_CERTIFICATE -> line + "; the broker's certificate was renewed (same CA)";
            case REUSED -> line;
        };
    }

    /** A task that gave up (e.g. on a database that was down) runs again, as up is how the stack recovers. */
    private static void restartFailed(ConnectRestClient rest, String name, PrintWriter out) {
        try {
            if (rest.connectorStatus(name).failure().isEmpty()) {
                return;
            }
            rest.restartConnector(name, true, true);
            out.println("connector " + name + ": restarting what had FAILED");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (rest.connectorStatus(name).failure().isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        } catch (ConnectRestException e) {
            if (e.status() != 404) { // 404: a new connector, nothing to restart
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while restarting connector " + name, e);
        }
    }

    /** Every input is checked before anything is started; returns the connectors to submit. */
    private List<ConnectorDefinition> checkOptions() {
        List<ConnectorDefinition> connectors = connectorFiles.stream().map(ConnectorDefinition::read)
                .collect(Collectors.toList());
        for (Path entry : pluginPath) {
            if (!Files.exists(entry)) {
                throw new ParameterException(spec.commandLine(), "--plugin-path does not exist: " + entry);
            }
        }
        if (workers != null && (workers < 1 || workers > 16)) {
            throw new ParameterException(spec.commandLine(), "--workers must be between 1 and 16, got " + workers);
        }
        if (prometheusPort != null && (prometheusPort < 1 || prometheusPort > 65535 - 16)) {
            throw new ParameterException(spec.commandLine(), "--prometheus must be a port between 1 and 65519, got "
                    + prometheusPort);
        }
        if (prometheusConfig != null && prometheusPort == null) {
            throw new ParameterException(spec.commandLine(), "--prometheus-config needs --prometheus PORT");
        }
        return connectors;
    }

    private static String whereToLook(StackLayout layout, StackState state) {
        return "stack is up: Kafka " + state.bootstrapServers() + ", Connect REST " + state.restUrl()
                + (state.workers() > 1 ? " (" + state.workers() + " workers, REST ports " + state.restPort(1) + "-"
                        + state.restPort(state.workers()) + ")" : "")
                + (state.questDbPort() > 0 ? ", QuestDB " + state.questDbUrl() + " (web console; InfluxDB v2 write API; "
                        + "user " + QuestDbLogin.USER + ", password in " + layout.secretsDir().resolve(QuestDbLogin.PASSWORD_FILE)
                        + ")" : "")
                + ", logs in " + layout.logsDir();
    }

    /** Ports of what already runs, the options' ports for the rest; the mode must match the home's. */
    private StackState resolveState(StackLayout layout) {
        Optional<StackState> previous = StackState.read(layout.stateFile());
        if (previous.isPresent() && previous.get().secure() != secure && KafkaBroker.isFormatted(
                BrokerSettings.of(layout.kafkaDir(), brokerPort, controllerPort).logDir())) {
            throw new ParameterException(spec.commandLine(), "the stack in " + layout.home() + " was created "
                    + (previous.get().secure() ? "with" : "without") + " --secure; start it the same way, or use "
                    + "another --home");
        }
        int questDb = noTsdb ? 0 : questDbPort;
        int workerCount = workers != null ? workers : previous.map(StackState::workers).orElse(1);
        StackState saved = previous.orElse(new StackState(brokerPort, controllerPort, restPort, secure, questDb, 1));
        boolean brokerRuns = running(layout.brokerPidFile()).isPresent();
        boolean anyWorkerRuns = anyWorkerRuns(layout, Math.max(workerCount, saved.workers()));
        return new StackState(
                brokerRuns ? saved.brokerPort() : brokerPort,
                brokerRuns ? saved.controllerPort() : controllerPort,
                anyWorkerRuns ? saved.restPort() : restPort,
                secure,
                running(layout.questDbPidFile()).isPresent() ? saved.questDbPort() : questDb,
                workerCount);
    }

    /**
     * The variables the shipped influx-sink.json reads through the worker's env provider: the stack's QuestDB login,
     * else what this command was given (an InfluxDB of the operator's), else empty: a variable the worker lacks would
     * stay an unresolved ${env:...} in the config.
     */
    private static Map<String, String> sinkEnvironment(QuestDbLogin login) {
        if (login != null) {
            return login.sinkEnvironment();
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of(QuestDbLogin.USER_ENV, QuestDbLogin.PASSWORD_ENV)) {
            env.put(name, System.getenv().getOrDefault(name, ""));
        }
        return env;
    }

    private void startQuestDb(StackLayout layout, StackState state, QuestDbLogin login, List<String> initSql,
                              PrintWriter out) {
        if (state.questDbPort() == 0) {
            return;
        }
        Optional<ProcessHandle> running = running(layout.questDbPidFile());
        if (running.isPresent()) {
            out.println("questdb: already running (pid " + running.get().pid() + ") at " + state.questDbUrl());
            return;
        }
        out.println("questdb: starting on " + state.questDbUrl() + " (log " + layout.questDbLog() + ")");
        out.flush();
        long started = System.nanoTime();
        QuestDbServer server = QuestDbServer.start(layout.questDbDir(), state.questDbPort(), login, layout.questDbLog(),
                layout.questDbPidFile(), true, initSql);
        out.println("questdb: ready (pid " + server.pid() + ") after " + seconds(started)
                + (initSql.isEmpty() ? "" : ", " + initSql.size() + " SQL statement(s) run"));
    }

    private void startBroker(StackLayout layout, StackState state, StackSecurity security, PrintWriter out) {
        Optional<ProcessHandle> running = running(layout.brokerPidFile());
        if (running.isPresent()) {
            out.println("broker: already running (pid " + running.get().pid() + ") at " + state.bootstrapServers());
            return;
        }
        out.println("broker: starting on " + state.bootstrapServers() + " (log " + layout.brokerLog() + ")");
        out.flush();
        long started = System.nanoTime();
        BrokerSettings settings = BrokerSettings.of(layout.kafkaDir(), state.brokerPort(), state.controllerPort())
                .withLogFile(layout.brokerLog())
                .withPidFile(layout.brokerPidFile())
                .withMaxHeap(heap)
                .withDetached(true)
                .withSecurity(security);
        KafkaBroker broker = KafkaBroker.start(settings);
        out.println("broker: ready (pid " + broker.pid() + ") after " + seconds(started));
    }

    private void startWorker(StackLayout layout, StackState state, int n, StackSecurity security,
                             Map<String, String> environment, PrometheusAgent prometheus, PrintWriter out) {
        String name = StackLayout.workerName(n);
        Optional<ProcessHandle> running = running(layout.workerPidFile(n));
        if (running.isPresent()) {
            out.println(name + ": already running (pid " + running.get().pid() + ") at " + state.restUrl(n));
            if (!pluginPath.isEmpty()) {
                out.println(name + ": --plugin-path ignored; run flowstack down first to change it");
            }
            if (prometheus != null) {
                out.println(name + ": --prometheus applies to workers started now; run flowstack down first");
            }
            return;
        }
        KafkaRuntime runtime = KafkaRuntime.load();
        if (prometheus != null) {
            // Checked here: an agent that cannot bind its port stops the worker's JVM before it logs anything useful.
            FreePorts.requireFree(prometheus.port(n), name + " Prometheus metrics");
            runtime = runtime.withJvmOptions(List.of(prometheus.jvmOption(n)));
        }
        out.println(name + ": starting, REST " + state.restUrl(n) + " (log " + layout.workerLog(n) + ")");
        out.flush();
        long started = System.nanoTime();
        WorkerSettings settings = WorkerSettings.of(layout.connectDir(n), state.bootstrapServers(), state.restPort(n),
                        pluginPath, workerProperties)
                .withLogFile(layout.workerLog(n))
                .withPidFile(layout.workerPidFile(n))
                .withMaxHeap(heap)
                .withDetached(true)
                .withSecurity(security)
                .withEnvironment(environment);
        ConnectWorker worker = ConnectWorker.start(settings, runtime);
        out.println(name + ": ready (pid " + worker.pid() + ") after " + seconds(started));
        if (prometheus != null) {
            out.println(name + ": Prometheus metrics at " + prometheus.metricsUrl(n) + " (rules " + prometheus.config()
                    + ")");
        }
    }

    private static boolean anyWorkerRuns(StackLayout layout, int workers) {
        for (int n = 1; n <= workers; n++) {
            if (running(layout.workerPidFile(n)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<ProcessHandle> running(Path pidFile) {
        return StackProcess.findRunning(pidFile);
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
