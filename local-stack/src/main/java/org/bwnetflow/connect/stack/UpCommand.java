package org.bwnetflow.connect.stack;

import java.io.IOException;
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

import picocli.CommandLine;
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
        description = {"Start the broker, the Connect worker(s) and QuestDB (if not running) and submit connectors.",
            "From bin/flowstack also the checkout's plugin bundle and shipped connectors, the web dashboard and, with "
                + "--demo, demo traffic; every process is tracked by a pid file in <home>/pids and stopped by down."})
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

    @Option(names = "--questdb-pg-port", defaultValue = "8812",
            description = "PostgreSQL wire port of the embedded QuestDB, on 127.0.0.1 only (default: ${DEFAULT-VALUE}): "
                    + "user " + QuestDbLogin.USER + " with the HTTP password, and the read-only user "
                    + QuestDbLogin.READONLY_USER + " (password in <home>/secrets/" + QuestDbLogin.READONLY_PASSWORD_FILE
                    + ") that the dashboard's explorer reads as.")
    int questDbPgPort;

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

    @Option(names = "--demo", description = "Also send demo traffic (flowctl generate: 3 routers, 200 flows/s to udp "
            + "127.0.0.1:" + DemoTraffic.NETFLOW_PORT + ", until down), start a demo router (gobgpd, Debian package "
            + "gobgpd) whose routes for that traffic reach the BMP source on tcp 127.0.0.1:" + DemoRoutes.BMP_PORT
            + ", and show the first flows, the counters and 30 s "
            + "of live status. Needs bin/flowstack (its checkout's flowctl).")
    boolean demo;

    @Option(names = "--dashboard-port", defaultValue = "" + Dashboard.DEFAULT_PORT,
            description = "Port of the web dashboard bin/flowstack starts (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--influx-url", paramLabel = "URL", description = "Have the Influx sink write to this InfluxDB 2 "
            + "(bucket flows) instead of the stack's QuestDB, which is then not started.")
    String influxUrl;

    @Option(names = "--influx-org", paramLabel = "ORG", defaultValue = InfluxTarget.DEFAULT_ORG,
            description = "Organisation of --influx-url (default: ${DEFAULT-VALUE}).")
    String influxOrg;

    @Option(names = "--influx-token-file", paramLabel = "FILE", description = "File holding the token of --influx-url.")
    Path influxTokenFile;

    @Option(names = "--raw-retention-hours", paramLabel = "HOURS",
            description = "How long the raw flows sink keeps every flow in QuestDB's table " + RawFlows.TABLE
                    + " (its TTL; default: the shipped raw-flows-sink.json's, 48). Applied when the connector "
                    + "(re)starts, so running up again with another value changes it.")
    Integer rawRetentionHours;

    @Spec
    CommandSpec spec;

    /** The checkout bin/flowstack runs from: its plugins, connectors, tables, flowctl and dashboard. */
    private final Optional<Checkout> checkout = Checkout.ofLauncher();

    @Override
    public Integer call() {
        addShippedDefaults();
        List<ConnectorDefinition> connectors = checkOptions();
        RawFlows.checkRetention(rawRetentionHours, spec.commandLine());
        DemoRoutes.Tools gobgp = demoRouterTools();
        PrometheusAgent prometheus = prometheusPort == null ? null : PrometheusAgent.built(prometheusPort, prometheusConfig);
        List<String> initSql = tsdbInit == null ? List.of() : QuestDbServer.readSqlFile(tsdbInit);
        StackLayout layout = home.layout();
        ownerOnlyHome(layout);
        PrintWriter out = spec.commandLine().getOut();
        out.println("flowstack home: " + layout.home());

        StackState state = resolveState(layout);
        StackSecurity security = secure ? prepareSecurity(layout, out) : null;

        startBroker(layout, state, security, out);
        state.write(layout.stateFile());
        QuestDbLogin questDbLogin = state.questDbPort() == 0 ? null : QuestDbLogin.prepare(layout.secretsDir());
        startQuestDb(layout, state, questDbLogin, initSql, out);
        Map<String, String> workerEnvironment = workerEnvironment(state, questDbLogin, security);
        for (int n = 1; n <= state.workers(); n++) {
            startWorker(layout, state, n, security, workerEnvironment, prometheus, out);
        }
        state.write(layout.stateFile());

        RibTopics.ensureCompacted(state.bootstrapServers(), security, RibTopics.of(connectors))
                .forEach(line -> out.println("topic " + line));
        connectors = RawFlows.adjust(connectors, state.questDbPort() > 0, rawRetentionHours, out);
        submit(connectors, new ConnectRestClient(state.restUrl(), security == null ? null : security.rest().login()), out);
        out.println(whereToLook(layout, state));
        out.flush();
        if (checkout.isPresent()) {
            startDashboard(layout, state, checkout.get(), out);
            if (demo) {
                startDemo(layout, state, checkout.get(), gobgp, out);
                return 0;
            }
        }
        out.println("flowstack: live status: bin/flowstack watch");
        out.flush();
        return 0;
    }

    /** The home holds every customer's flows (Kafka's and QuestDB's data) and the logs: its owner's only. */
    private static void ownerOnlyHome(StackLayout layout) {
        try {
            OwnerOnly.createDirectory(layout.home());
        } catch (IOException e) {
            throw new StackException("cannot create " + layout.home() + " (owner-only): " + e.getMessage(), e);
        }
    }

    /** With --demo, gobgpd and its CLI, checked before anything starts: they are a Debian package of their own. */
    private DemoRoutes.Tools demoRouterTools() {
        return demo && checkout.isPresent() ? DemoRoutes.requireInstalled() : null;
    }

    /** The secure mode's secrets and certificates, made or reused, and where they are. */
    private static StackSecurity prepareSecurity(StackLayout layout, PrintWriter out) {
        StackSecurity security = StackSecurity.prepare(layout.secretsDir());
        out.println("secure mode: SASL_SSL/SCRAM-SHA-512, operator '" + StackSecurity.OPERATOR
                + "', client config " + security.clientConfigFile() + "; Connect REST requires the login in "
                + security.rest().netrcFile() + " (curl --netrc-file)");
        out.println(tlsLine(security.tls()));
        return security;
    }

    private void submit(List<ConnectorDefinition> connectors, ConnectRestClient rest, PrintWriter out) {
        for (ConnectorDefinition connector : connectors) {
            rest.createOrReplaceConnector(connector.name(), connector.config());
            restartFailed(rest, connector.name(), out);
            out.println("connector " + connector.name() + ": submitted, waiting until it runs");
            out.flush();
            ConnectorStatus status = rest.awaitRunning(connector.name(), Duration.ofSeconds(connectorTimeoutSeconds));
            out.println("connector " + connector.name() + ": " + status.summary());
        }
    }

    /** From bin/flowstack: the checkout's plugin bundle, shipped connectors and QuestDB tables, before the options'. */
    private void addShippedDefaults() {
        if (influxUrl != null) {
            noTsdb = true; // the sink writes to the operator's InfluxDB
        }
        if (checkout.isEmpty()) {
            if (demo) {
                throw new ParameterException(spec.commandLine(), "--demo needs bin/flowstack (the checkout's flowctl)");
            }
            return;
        }
        pluginPath.addAll(0, checkout.get().pluginDirs());
        connectorFiles.addAll(0, checkout.get().connectorFiles());
        if (tsdbInit == null && !noTsdb) {
            tsdbInit = checkout.get().questDbTables();
        }
    }

    /**
     * The sink's database and login, the broker and login of the connectors' own Kafka clients (BMP source, Routes),
     * and the checkout the shipped configs name their files by.
     */
    private Map<String, String> workerEnvironment(StackState state, QuestDbLogin questDbLogin, StackSecurity security) {
        Map<String, String> environment = new LinkedHashMap<>(sinkEnvironment(questDbLogin));
        if (questDbLogin != null) {
            environment.putAll(questDbLogin.rawSinkEnvironment(state.questDbUrl()));
        }
        environment.putAll(KafkaClientEnvironment.of(state.bootstrapServers(), security));
        environment.putAll(influxTarget(state).environment(System.getenv()));
        checkout.ifPresent(c -> environment.put(Checkout.ROOT_ENV, c.root().toString()));
        return environment;
    }

    private InfluxTarget influxTarget(StackState state) {
        return influxUrl != null ? new InfluxTarget(influxUrl, influxOrg, influxTokenFile)
                : InfluxTarget.questDb(state, System.getenv());
    }

    private void startDashboard(StackLayout layout, StackState state, Checkout from, PrintWriter out) {
        Dashboard.Database database = state.questDbPort() > 0 ? Dashboard.Database.questDb(state, layout)
                : Dashboard.Database.influx(influxTarget(state));
        long pid = Dashboard.start(layout, from.dashboardJar(), dashboardPort, database);
        // Where the passwords are, never the passwords: terminals, CI logs and screen shares keep what is printed.
        out.println("flowstack: dashboard http://" + BrokerSettings.HOST + ":" + dashboardPort + " (pid " + pid
                + ")  logins: noc (operator), customer-1000 (customer 1000); each password in "
                + layout.dashboardDir().resolve("passwords") + "/<login> (readable by you only)");
        out.flush();
    }

    private void startDemo(StackLayout layout, StackState state, Checkout from, DemoRoutes.Tools gobgp,
                           PrintWriter out) {
        DemoRoutes.Started router = DemoRoutes.start(layout, gobgp);
        out.println("flowstack: demo router: gobgpd (AS " + DemoRoutes.ROUTER_AS + ", pid " + router.pid() + ", log "
                + layout.gobgpdLog() + ") " + (router.alreadyRunning() ? "already running, with its routes"
                        : "with " + router.routes() + " routes") + ", reporting them over BMP to tcp "
                + BrokerSettings.HOST + ":" + DemoRoutes.BMP_PORT + " (connector bmp-source, topic bgp-rib): the "
                + "Routes transform gives the demo flows AS paths and communities");
        long pid = DemoTraffic.start(layout, from.flowctlJar());
        out.println("flowstack: demo traffic: 3 exporters, 200 flows/s to udp " + BrokerSettings.HOST + ":"
                + DemoTraffic.NETFLOW_PORT + " (pid " + pid + ")");
        out.println("flowstack: flows arriving in the per-customer topics flows-<cid> (first 20, decoded from "
                + "FlowMessage protobuf):");
        out.flush();
        pause(3_000); // the first flows create the per-customer topics; the tail then reads all of them
        DemoTraffic.showFirstFlows(state, layout, from.flowctlJar(), out);
        out.println();
        if (state.questDbPort() > 0) {
            showCounters(state, layout, out);
        } else {
            out.println("flowstack: the Influx sink writes to " + influxTarget(state).url() + " (org "
                    + influxTarget(state).org() + ", bucket flows)");
        }
        out.println("flowstack: status: bin/flowstack status   stop: bin/flowstack down");
        out.println();
        out.println("flowstack: live status for 30 s (bin/flowstack watch follows it for as long as you like):");
        out.flush();
        CommandLine watch = spec.root().commandLine().getSubcommands().get("watch");
        watch.setOut(out);
        watch.setErr(spec.commandLine().getErr());
        watch.execute("--home", layout.home().toString(), "--duration", "30");
    }

    /** The Influx sink's counters per customer, once it has written some (it finds new topics within 10 s). */
    private static void showCounters(StackState state, StackLayout layout, PrintWriter out) {
        out.println("flowstack: counters per customer in QuestDB (the Influx sink's 'flows' table; windows of 10 s, "
                + "written as they change):");
        String query = "SELECT cid, sum(flows) flows, sum(bytes) bytes FROM flows GROUP BY cid ORDER BY cid";
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 30 && lines.size() <= 1; attempt++) {
            try {
                lines = SqlCommand.lines(state.questDbUrl(), QuestDbLogin.read(layout.secretsDir()), query);
            } catch (IOException | RuntimeException e) {
                lines = List.of(); // the table is created by the sink's first write
            }
            if (lines.size() <= 1) {
                pause(3_000);
            }
        }
        lines.forEach(out::println);
        out.println();
        out.println("flowstack: QuestDB web console and SQL: " + state.questDbUrl() + "  (tables flows, "
                + "flows_by_country, flows_by_as, top_hosts, flows_by_neighbor_as, flows_by_community; user "
                + QuestDbLogin.USER + ", password in "
                + layout.secretsDir().resolve(QuestDbLogin.PASSWORD_FILE) + ")");
        out.println("flowstack: more with:  bin/flowctl tail 'flows-.*' --pattern [--format json]"
                + (state.secure() ? " --command-config " + DemoTraffic.operatorConfig(layout) : ""));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
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
        int questDbPg = noTsdb ? 0 : questDbPgPort;
        int workerCount = workers != null ? workers : previous.map(StackState::workers).orElse(1);
        StackState saved = previous.orElse(new StackState(brokerPort, controllerPort, restPort, secure, questDb, questDbPg,
                1));
        boolean brokerRuns = running(layout.brokerPidFile()).isPresent();
        boolean anyWorkerRuns = anyWorkerRuns(layout, Math.max(workerCount, saved.workers()));
        return new StackState(
                brokerRuns ? saved.brokerPort() : brokerPort,
                brokerRuns ? saved.controllerPort() : controllerPort,
                anyWorkerRuns ? saved.restPort() : restPort,
                secure,
                running(layout.questDbPidFile()).isPresent() ? saved.questDbPort() : questDb,
                running(layout.questDbPidFile()).isPresent() ? saved.questDbPgPort() : questDbPg,
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
        QuestDbServer server = QuestDbServer.start(layout.questDbDir(), state.questDbPort(), state.questDbPgPort(), login,
                layout.questDbLog(), layout.questDbPidFile(), true, initSql);
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
