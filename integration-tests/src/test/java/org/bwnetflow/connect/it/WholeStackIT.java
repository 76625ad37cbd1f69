package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.stack.ConnectRestClient;
import org.bwnetflow.connect.stack.ConnectorStatus;
import org.bwnetflow.connect.stack.QuestDbLogin;
import org.bwnetflow.connect.stack.QuestDbServer;
import org.bwnetflow.connect.dashboard.testing.HeadlessChromium;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.StackState;
import org.bwnetflow.connect.stack.watch.PipelineSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The whole pipeline on the stack {@code bin/flowstack up} starts (broker, Connect worker with
 * the plugin bundle, QuestDB, the shipped source with its enrichment chain and tenant router,
 * the shipped Influx sink), on its default ports, driven through the script as an operator
 * would: faults are a SIGKILL or SIGTERM of a process named by its pid file, recovery is
 * {@code bin/flowstack up} again.
 *
 * <p>Each test sends generated NetFlow v9 from three simulated routers (127.0.0.10-12) whose
 * totals per customer are known from the generator's seed and the demo prefix list, and
 * compares three readings taken before and after: the ground truth, the tenant topics, and the
 * database. The tests run in order on one stack; the last one adds a second worker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@UsesFlowstackDefaultPorts
class WholeStackIT {

    private static final String BOOTSTRAP = "127.0.0.1:9092";
    private static final String QUESTDB = "http://127.0.0.1:9000";
    private static final String DASHBOARD = "http://127.0.0.1:8090";
    private static final String TARGET = "127.0.0.1:2055";
    private static final int FLOWS_PER_DATAGRAM = 24;
    private static final int EXPORTERS = 3;

    private static FlowstackScript flowstack;
    private static final Instant STARTED = Instant.now();
    private static final ExecutorService GENERATORS = Executors.newCachedThreadPool();

    @BeforeAll
    static void startTheStackAsTheReadmeSays() throws Exception {
        Path home = Path.of("target", "flowstack-e2e").toAbsolutePath();
        flowstack = new FlowstackScript(home);
        if (Files.exists(home)) {
            flowstack.run("down"); // what an interrupted earlier run may have left running
            deleteRecursively(home);
        }
        requireDefaultPortsFree();
        String up = flowstack.run("up");
        assertThat(up).contains("connector netflow-source: RUNNING").contains("connector sflow-source: RUNNING")
                .contains("connector influx-sink: RUNNING").contains("flowstack: dashboard http://127.0.0.1:8090");
        // Where the dashboard's passwords are, never the passwords; they, and the users file, readable by the owner only.
        Path dashboard = flowstack.home().resolve("dashboard");
        assertThat(up).contains(dashboard.resolve("passwords") + "/<login>")
                .doesNotContain(dashboardPassword("noc")).doesNotContain(dashboardPassword("customer-1000"));
        try (Stream<Path> files = Files.list(dashboard.resolve("passwords"))) {
            assertThat(Stream.concat(files, Stream.of(dashboard.resolve("users"))).map(WholeStackIT::permissions))
                    .hasSize(6).containsOnly("rw-------");
        }
        assertThat(permissions(dashboard.resolve("passwords"))).isEqualTo("rwx------");
    }

    private static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopTheStack() {
        GENERATORS.shutdownNow();
        if (flowstack != null) {
            flowstack.run("down"); // data and logs stay in target/ for a look after a failure
        }
    }

    @Test
    @Order(1)
    void knownTrafficLandsInTheTenantTopicsAndTheDatabaseTotalsEqualTheTruth() throws Exception {
        awaitDatabaseCaughtUp();
        CustomerTotals kafkaBefore = CustomerTotals.inTenantTopics(BOOTSTRAP);
        CustomerTotals dbBefore = CustomerTotals.inDatabase(QUESTDB, questDbLogin());
        IngestTotals ingestBefore = IngestTotals.inDatabase(QUESTDB, questDbLogin(), "netflow-source");
        int flows = 7_200;
        FlowCtlRun sent = generate(101, flows, 2_000).get(2, TimeUnit.MINUTES);
        assertThat(sent.lastJson().get("flows").asLong()).isEqualTo(flows);
        CustomerTotals truth = CustomerTotals.generated(101, EXPORTERS, flows);

        CustomerTotals inKafka = await(() -> CustomerTotals.inTenantTopics(BOOTSTRAP).minus(kafkaBefore), truth, 60);
        assertThat(inKafka.toString()).as("per customer in the tenant topics").isEqualTo(truth.toString());
        assertThat(inKafka.misrouted()).as("records in another customer's topic").isZero();
        assertDatabaseConverges(dbBefore, truth);

        // The source's ingest health, through the sink into the database: every flow counted at its
        // exporter and in the task's own row, each of the generator's exporters with a row, nothing lost.
        IngestTotals ingest = await(() -> IngestTotals.inDatabase(QUESTDB, questDbLogin(), "netflow-source").minus(ingestBefore),
                grown -> grown.flows(IngestTotals.TASK_ROW) >= flows && grown.exporterFlows() >= flows, 60);
        report("ingest health", ingest.toString());
        assertThat(ingest.exporterFlows()).as("flows in the exporters' health rows").isEqualTo(flows);
        assertThat(ingest.flows(IngestTotals.TASK_ROW)).as("flows in the task's health row").isEqualTo(flows);
        assertThat(ingest.exporterDatagrams()).as("datagrams").isEqualTo(sent.lastJson().get("datagrams").asLong());
        assertThat(ingest.exporters()).as("exporters with rows").isEqualTo(EXPORTERS);
        assertThat(ingest.missing()).as("lost before the source").isZero();
        // The operator's dashboard shows the same per exporter; a customer may not ask for it.
        assertThat(IngestTotals.inDashboard(DASHBOARD, "noc", dashboardPassword("noc")).toString())
                .as("ingest health on the operator's dashboard")
                .isEqualTo(IngestTotals.inDatabase(QUESTDB, questDbLogin(), "netflow-source").exportersOnly().toString());
        assertThat(DashboardApi.get(DASHBOARD, "/api/ingest", "customer-1000", dashboardPassword("customer-1000"))
                .status()).as("a customer asking for the ingest health").isEqualTo(403);
        FlowCtlRun healthTail = FlowCtlRun.run("tail", "_ingest-health", "--bootstrap-server", BOOTSTRAP, "--from-beginning",
                "--max", "5", "--timeout", "30", "--format", "json");
        assertThat(healthTail.jsonLines()).as(healthTail.err).hasSize(5).allSatisfy(line -> {
            assertThat(line.get("Connector").asText()).isIn("netflow-source", "sflow-source");
            assertThat(line.get("IntervalMs").asLong()).isPositive();
        });

        // The dashboard flowstack started shows the database's numbers: all of them to the operator,
        // only its own to a customer.
        CustomerTotals inDatabase = CustomerTotals.inDatabase(QUESTDB, questDbLogin());
        assertThat(CustomerTotals.inDashboard(DASHBOARD, "noc", dashboardPassword("noc")))
                .as("the operator's dashboard").isEqualTo(inDatabase);
        assertThat(CustomerTotals.inDashboard(DASHBOARD, "customer-1000", dashboardPassword("customer-1000")))
                .as("customer 1000's dashboard").isEqualTo(inDatabase.only(1000));

        // And in a browser that reaches nothing but 127.0.0.1: the page's total for customer 1000 over
        // the time since the stack started is the database's, its charts drawn from the local ECharts.
        try (HeadlessChromium chromium = HeadlessChromium.offline()) {
            chromium.login(DASHBOARD, "noc", dashboardPassword("noc"));
            chromium.open(DASHBOARD + "/?from=" + (STARTED.getEpochSecond() - 60) + "&to="
                    + (Instant.now().getEpochSecond() + 60) + "&cid=1000");
            assertThat(chromium.value("total-bytes")).as("customer 1000 on the operator's page")
                    .isEqualTo(inDatabase.bytes(1000));
            assertThat(chromium.charts()).as("a chart per panel, by neighbour AS and by community too").isEqualTo(10);
            assertThat(chromium.rows("ingest-exporters")).as("exporters in the page's ingest health")
                    .containsAll(ingest.exportersOnly().byExporter().keySet());
            chromium.assertEveryRequestWentTo(DASHBOARD);
            chromium.screenshot(Path.of("target", "screenshots", "whole-stack-operator.png"));
        }
    }

    private static String dashboardPassword(String user) throws IOException {
        return Files.readString(flowstack.home().resolve("dashboard/passwords/" + user)).strip();
    }

    @Test
    @Order(2)
    void killedWorkerComesBackWithItsTemplatesAndTheTotalsStayExact() throws Exception {
        awaitDatabaseCaughtUp();
        CustomerTotals kafkaBefore = CustomerTotals.inTenantTopics(BOOTSTRAP);
        CustomerTotals dbBefore = CustomerTotals.inDatabase(QUESTDB, questDbLogin());
        int flows = 43_200;
        // Templates in each router's first datagram only: after the restart, data decodes only with saved templates.
        Future<FlowCtlRun> generating = generate(102, flows, 720, "--template-interval", "1000000");
        TimeUnit.SECONDS.sleep(10);
        flowstack.kill("connect");
        TimeUnit.SECONDS.sleep(3);
        flowstack.run("up");
        long restartedPid = flowstack.process("connect").pid();
        FlowCtlRun sent = generating.get(3, TimeUnit.MINUTES);
        assertThat(sent.lastJson().get("flows").asLong()).isEqualTo(flows);

        PipelineSnapshot restarted = PipelineSnapshot.read(List.of(restartedPid));
        report("kill -9 of the worker", "restarted worker: " + restarted);
        assertThat(restarted.datagrams()).as("datagrams received after the restart").isPositive();
        assertThat(restarted.templateMisses()).as("data sets without a known template after the restart").isZero();
        assertThat(restarted.flows()).as("every datagram after the restart decoded in full")
                .isEqualTo(FLOWS_PER_DATAGRAM * restarted.datagrams());

        CustomerTotals truth = CustomerTotals.generated(102, EXPORTERS, flows);
        CustomerTotals inKafka = settled(kafkaBefore);
        report("kill -9 of the worker", "sent " + truth.flows() + " flows, in Kafka " + inKafka.flows() + ", lost while "
                + "no worker listened " + (truth.flows() - inKafka.flows()) + " (sequence numbers said "
                + FLOWS_PER_DATAGRAM * restarted.sequenceMissing() + ")");
        assertNoMoreThan(inKafka, truth);
        assertThat(inKafka.misrouted()).isZero();
        assertDatabaseConverges(dbBefore, inKafka);
    }

    @Test
    @Order(3)
    void brokerOutageLosesOnlyOnTheUdpSideAndTheSourceReportsIt() throws Exception {
        awaitDatabaseCaughtUp();
        CustomerTotals kafkaBefore = CustomerTotals.inTenantTopics(BOOTSTRAP);
        CustomerTotals dbBefore = CustomerTotals.inDatabase(QUESTDB, questDbLogin());
        IngestTotals ingestBefore = IngestTotals.inDatabase(QUESTDB, questDbLogin(), "netflow-source");
        long workerPid = flowstack.process("connect").pid();
        PipelineSnapshot atStart = PipelineSnapshot.read(List.of(workerPid));
        // 90 s of traffic: 10 s before the outage, 30 s of outage, and enough after it for Connect to restart the
        // source task while datagrams still arrive. Only a datagram after the restart shows the gap in the exporters'
        // sequence numbers; a task restarted after the last one could not count the loss (ci on 0b4e9a5: the
        // restart took longer than the 20 s of traffic that were left).
        int flows = 64_800;
        Future<FlowCtlRun> generating = generate(103, flows, 720);
        TimeUnit.SECONDS.sleep(10);
        PipelineSnapshot beforeOutage = PipelineSnapshot.read(List.of(workerPid));
        flowstack.stop("broker");
        TimeUnit.SECONDS.sleep(30);
        flowstack.run("up");
        long brokerBack = System.nanoTime();
        PipelineSnapshot listening = await(() -> PipelineSnapshot.read(List.of(workerPid)),
                s -> s.lastSourceStart() > beforeOutage.lastSourceStart() && s.datagrams() > 0, 60);
        report("broker stopped 30 s", "source task receiving again " + (System.nanoTime() - brokerBack) / 1_000_000_000
                + " s after the broker was back (restarted: " + (listening.lastSourceStart() > beforeOutage.lastSourceStart())
                + ", traffic still running: " + !generating.isDone() + ")");
        FlowCtlRun sent = generating.get(3, TimeUnit.MINUTES);
        assertThat(sent.lastJson().get("flows").asLong()).isEqualTo(flows);
        assertThat(flowstack.process("connect").pid()).as("the worker process rode out the outage").isEqualTo(workerPid);

        CustomerTotals truth = CustomerTotals.generated(103, EXPORTERS, flows);
        CustomerTotals inKafka = settled(kafkaBefore);
        PipelineSnapshot atEnd = PipelineSnapshot.read(List.of(workerPid));
        long lost = truth.flows() - inKafka.flows();
        // Connect stops a worker's tasks once the group coordinator is unreachable for heartbeat.interval.ms
        // (so that no task runs outside the group); the restarted task's counters start at zero. The exporters'
        // sequence numbers, restored with the templates, then count what never reached Kafka.
        boolean restarted = atEnd.lastSourceStart() > beforeOutage.lastSourceStart();
        long missing = restarted ? beforeOutage.sequenceMissing() - atStart.sequenceMissing() + atEnd.sequenceMissing()
                : atEnd.sequenceMissing() - atStart.sequenceMissing();
        report("broker stopped 30 s", "sent " + truth.flows() + " flows, in Kafka " + inKafka.flows() + ", lost " + lost
                + "; source task " + (restarted ? "stopped by Connect and restarted" : "kept running")
                + "; sequence-missing " + missing + " datagrams = " + FLOWS_PER_DATAGRAM * missing + " flows, kernel-drops "
                + atEnd.kernelDrops() + ", template misses " + atEnd.templateMisses());
        assertNoMoreThan(inKafka, truth);
        assertThat(inKafka.misrouted()).isZero();
        assertThat(FLOWS_PER_DATAGRAM * missing).as("the source's sequence-missing covers every lost flow")
                .isGreaterThanOrEqualTo(lost);
        // It may count more: datagrams in Kafka after the source's last offset commit before the outage (commits
        // every second) are missed again by the restored sequence numbers. Two seconds of traffic at most.
        assertThat(FLOWS_PER_DATAGRAM * missing - lost).as("sequence-missing minus lost").isLessThanOrEqualTo(2 * 720);
        if (!restarted) {
            assertThat(inKafka.flows()).as("every decoded flow reached Kafka").isEqualTo(atEnd.flows() - atStart.flows());
        }
        assertThat(atEnd.templateMisses()).as("the restarted task decodes with restored templates").isZero();
        assertDatabaseConverges(dbBefore, inKafka);
        // The operator sees the loss in the ingest health: what the exporters' rows say was missing covers it.
        IngestTotals ingest = await(() -> IngestTotals.inDatabase(QUESTDB, questDbLogin(), "netflow-source").minus(ingestBefore),
                grown -> FLOWS_PER_DATAGRAM * grown.missing() >= lost, 60);
        report("broker stopped 30 s", "ingest health: " + ingest);
        assertThat(FLOWS_PER_DATAGRAM * ingest.missing()).as("flows the ingest health says were lost")
                .isGreaterThanOrEqualTo(lost);
    }

    @Test
    @Order(4)
    void databaseOutageOfThirtySecondsKeepsTheTotalsExact() throws Exception {
        awaitDatabaseCaughtUp();
        CustomerTotals kafkaBefore = CustomerTotals.inTenantTopics(BOOTSTRAP);
        CustomerTotals dbBefore = CustomerTotals.inDatabase(QUESTDB, questDbLogin());
        int flows = 36_000;
        Future<FlowCtlRun> generating = generate(104, flows, 720);
        TimeUnit.SECONDS.sleep(10);
        flowstack.stop("questdb");
        TimeUnit.SECONDS.sleep(30);
        flowstack.run("up");
        assertThat(generating.get(3, TimeUnit.MINUTES).lastJson().get("flows").asLong()).isEqualTo(flows);

        CustomerTotals truth = CustomerTotals.generated(104, EXPORTERS, flows);
        CustomerTotals inKafka = await(() -> CustomerTotals.inTenantTopics(BOOTSTRAP).minus(kafkaBefore), truth, 60);
        assertThat(inKafka.toString()).as("the source does not depend on the database").isEqualTo(truth.toString());
        assertDatabaseConverges(dbBefore, truth);
        ConnectorStatus sink = new ConnectRestClient(state().restUrl()).connectorStatus("influx-sink");
        assertThat(sink.isRunning()).as(sink.summary()).isTrue();
    }

    @Test
    @Order(5)
    void twoWorkersShareThePortAndOneSurvivesTheOthersDeath() throws Exception {
        // A second worker joins the group; it may reassign a dead worker's tasks after 10 s instead of 5 minutes.
        flowstack.run("up", "--workers", "2", "--worker-property", "scheduled.rebalance.max.delay.ms=10000");
        ConnectRestClient second = new ConnectRestClient(state().restUrl(2));
        Map<String, String> source = ShippedConnector.read("netflow-source.json");
        source.put("tasks.max", "4");
        second.createOrReplaceConnector("netflow-source", source);
        ConnectorStatus placed = await(() -> second.connectorStatus("netflow-source"),
                s -> s.isRunning() && s.tasks().size() == 4 && workersOf(s).size() == 2, 90);
        report("two workers", "source tasks " + placed.placement());

        awaitDatabaseCaughtUp();
        CustomerTotals kafkaBefore = CustomerTotals.inTenantTopics(BOOTSTRAP);
        CustomerTotals dbBefore = CustomerTotals.inDatabase(QUESTDB, questDbLogin());
        long firstPid = flowstack.process("connect").pid();
        long secondPid = flowstack.process("connect-2").pid();
        PipelineSnapshot secondBefore = PipelineSnapshot.read(List.of(secondPid));
        int exporters = 12;
        int flows = 57_600;
        Future<FlowCtlRun> generating = GENERATORS.submit(() -> FlowCtlRun.run("generate", "--target", TARGET, "--rate",
                "960", "--count", Integer.toString(flows), "--exporters", Integer.toString(exporters), "--seed", "105"));
        TimeUnit.SECONDS.sleep(15);
        PipelineSnapshot firstShare = PipelineSnapshot.read(List.of(firstPid));
        PipelineSnapshot secondShare = PipelineSnapshot.read(List.of(secondPid));
        report("two workers", "after 15 s: worker 1 received " + firstShare.datagrams() + " datagrams, worker 2 "
                + (secondShare.datagrams() - secondBefore.datagrams()));
        assertThat(secondShare.datagrams() - secondBefore.datagrams()).as("worker 2 takes a share").isPositive();

        flowstack.kill("connect");
        long killed = System.nanoTime();
        ConnectorStatus moved = await(() -> second.connectorStatus("netflow-source"),
                s -> s.isRunning() && s.tasks().size() == 4 && workersOf(s).equals(List.of("127.0.0.1:8084")), 120);
        report("two workers", String.format("worker 1 killed; all source tasks on worker 2 after %.0f s: %s",
                (System.nanoTime() - killed) / 1e9, moved.placement()));
        FlowCtlRun sent = generating.get(3, TimeUnit.MINUTES);
        assertThat(sent.lastJson().get("flows").asLong()).isEqualTo(flows);

        CustomerTotals inKafka = settled(kafkaBefore);
        long lost = flows - inKafka.flows();
        report("two workers", "sent " + flows + " flows from " + exporters + " exporters, in Kafka " + inKafka.flows()
                + ", lost " + lost + String.format(" (%.2f%%)", 100.0 * lost / flows));
        assertThat(inKafka.flows()).as("flows kept arriving on the surviving worker").isGreaterThan(flows * 9L / 10);
        assertThat(inKafka.misrouted()).isZero();
        assertDatabaseConverges(dbBefore, inKafka);
    }

    /**
     * Two routers with a wrong clock (a year ahead; in 1970), one with the right one: the source
     * counts exactly each router's flows as clock-skewed, in the ingest rows the sink writes to
     * QuestDB, on the operator's /api/ingest and in the page's ingest table, marked there. And the
     * sink's clock policy loses none of their traffic: the customers' totals grow by exactly what
     * was generated, and no point lies a year ahead or in 1970.
     */
    @Test
    @Order(6)
    void routersWithAWrongClockShowTheirSkewedFlowsInTheIngestHealthAndLoseNoTraffic() throws Exception {
        awaitDatabaseCaughtUp();
        CustomerTotals dbBefore = CustomerTotals.inDatabase(QUESTDB, questDbLogin());
        IngestTotals before = IngestTotals.inDatabase(QUESTDB, questDbLogin(), "netflow-source");
        long yearAhead = 365L * 86_400;
        long in1970 = -(Instant.now().getEpochSecond() - 7_200); // the router's clock two hours after the epoch
        int flows = 7_200;
        FlowCtlRun sent = generate(106, flows, 2_000, "--clock-offset", "2=" + yearAhead, "--clock-offset", "3=" + in1970)
                .get(2, TimeUnit.MINUTES);
        Map<String, Long> sentBy = new HashMap<>();
        sent.lastJson().get("exporters").forEach(e -> sentBy.put(e.get("exporter").asText(), e.get("flows").asLong()));
        long skewedSent = sentBy.get("127.0.0.11") + sentBy.get("127.0.0.12");

        IngestTotals grown = await(() -> IngestTotals.inDatabase(QUESTDB, questDbLogin(), "netflow-source").minus(before),
                g -> g.clockSkewed(IngestTotals.TASK_ROW) >= skewedSent, 60);
        report("wrong clocks", "sent " + sentBy + "; ingest health grew by " + grown);
        assertThat(grown.clockSkewed("127.0.0.11")).as("a year ahead").isEqualTo(sentBy.get("127.0.0.11"));
        assertThat(grown.clockSkewed("127.0.0.12")).as("in 1970").isEqualTo(sentBy.get("127.0.0.12"));
        assertThat(grown.clockSkewed("127.0.0.10")).as("the right clock").isZero();
        assertThat(grown.clockSkewed(IngestTotals.TASK_ROW)).as("the tasks' own rows").isEqualTo(skewedSent);

        assertDatabaseConverges(dbBefore, CustomerTotals.generated(106, EXPORTERS, flows));
        JsonNode times = new ObjectMapper().readTree(QuestDbServer.exec(QUESTDB, questDbLogin(),
                "SELECT min(timestamp) first, max(timestamp) last FROM flows")).path("dataset").get(0);
        report("wrong clocks", "points of the flows table from " + times.get(0).asText() + " to " + times.get(1).asText());
        assertThat(Instant.parse(times.get(0).asText())).as("no point in 1970").isAfter(STARTED.minus(Duration.ofMinutes(5)));
        assertThat(Instant.parse(times.get(1).asText())).as("no point a year ahead")
                .isBefore(Instant.now().plus(Duration.ofMinutes(5)));

        IngestTotals inDatabase = IngestTotals.inDatabase(QUESTDB, questDbLogin(), "netflow-source").exportersOnly();
        assertThat(IngestTotals.inDashboard(DASHBOARD, "noc", dashboardPassword("noc")).toString())
                .as("ingest health on the operator's dashboard").isEqualTo(inDatabase.toString());
        try (HeadlessChromium chromium = HeadlessChromium.offline()) {
            chromium.login(DASHBOARD, "noc", dashboardPassword("noc"));
            chromium.open(DASHBOARD + "/?from=" + (STARTED.getEpochSecond() - 60) + "&to="
                    + (Instant.now().getEpochSecond() + 60));
            for (String exporter : List.of("127.0.0.10", "127.0.0.11", "127.0.0.12")) {
                assertThat((long) chromium.cell("ingest-exporters", exporter, "clockSkewed")).as(exporter + " on the page")
                        .isEqualTo(inDatabase.clockSkewed(exporter));
                String css = "#ingest-exporters tr[data-key='" + exporter + "'] td[data-field='clockSkewed']";
                assertThat(chromium.driver().findElement(By.cssSelector(css)).getAttribute("class"))
                        .as(exporter + " marked").satisfies(c -> assertThat(c.contains("trouble"))
                                .isEqualTo(!exporter.equals("127.0.0.10")));
            }
            chromium.assertEveryRequestWentTo(DASHBOARD);
            chromium.screenshot(Path.of("target", "screenshots", "whole-stack-wrong-clocks.png"));
        }
    }

    // ---- helpers ----

    private static Future<FlowCtlRun> generate(long seed, int flows, int rate, String... extra) {
        List<String> args = new ArrayList<>(List.of("generate", "--target", TARGET, "--rate", Integer.toString(rate),
                "--count", Integer.toString(flows), "--exporters", Integer.toString(EXPORTERS), "--seed",
                Long.toString(seed)));
        args.addAll(List.of(extra));
        return GENERATORS.submit(() -> {
            FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
            assertThat(run.exitCode).as(run.err).isZero();
            return run;
        });
    }

    /**
     * The stack's QuestDB answers nobody without the stack's password: no SQL, no DDL over GET, no writes. The
     * sink, the dashboard and {@code flowstack sql} log in with it (the tests before this one read and wrote
     * through them); it lives in an owner-only file, and is on no command line, in no log and not in what
     * Connect's REST API shows of the sink's config.
     */
    @Test
    @Order(7)
    void theDatabaseAnswersOnlyWithTheStacksPasswordWhichStaysInItsFile() throws Exception {
        QuestDbLogin login = questDbLogin();
        String password = login.password();
        HttpClient http = HttpClient.newHttpClient();
        for (String sql : List.of("SELECT count() FROM flows", "CREATE TABLE intruder (x LONG)", "DROP TABLE flows")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(QUESTDB + "/exec?query="
                    + URLEncoder.encode(sql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("GET /exec of %s without the password", sql).isEqualTo(401);
        }
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(QUESTDB + "/api/v2/write?precision=s"))
                .POST(HttpRequest.BodyPublishers.ofString("flows,cid=1000 bytes=1i 1700000000\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).as("a write without the password").isEqualTo(401);

        String sql = flowstack.run("sql", "SELECT table_name FROM tables() WHERE table_name IN ('flows', 'intruder')");
        assertThat(sql.lines().toList()).as("flowstack sql, logged in as the stack").containsExactly("table_name", "flows");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(login.passwordFile()))).isEqualTo("rw-------");
        // the home holds every customer's flows (Kafka's and QuestDB's data) and the logs
        for (Path dir : List.of(flowstack.layout().home(), flowstack.layout().secretsDir(),
                flowstack.layout().questDbDir())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as("mode of %s", dir)
                    .isEqualTo("rwx------");
        }
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(flowstack.layout().pidsDir())) {
            pidFiles = files.filter(f -> f.toString().endsWith(".pid")).toList();
        }
        List<String> checked = new ArrayList<>();
        for (Path pidFile : pidFiles) {
            Path cmdline = Path.of("/proc", Files.readString(pidFile).strip(), "cmdline");
            if (Files.exists(cmdline)) {
                assertThat(Files.readString(cmdline)).as("command line of %s", pidFile.getFileName()).doesNotContain(password);
                checked.add(pidFile.getFileName().toString());
            }
        }
        // An earlier test killed the first worker: a worker's pid file is connect.pid or connect-N.pid.
        assertThat(checked).contains("broker.pid", "questdb.pid", "dashboard.pid")
                .anySatisfy(name -> assertThat(name).matches("connect(-\\d+)?\\.pid"));
        try (Stream<Path> logs = Files.list(flowstack.layout().logsDir())) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log)).as("log %s", log.getFileName()).doesNotContain(password);
            }
        }
        // Test 5 killed worker 1; the last worker started is still in the group.
        JsonNode sinkConfig = new ConnectRestClient(state().restUrl(state().workers())).get("/connectors/influx-sink/config");
        assertThat(sinkConfig.path("influx.password").asText()).isEqualTo("${env:FLOWSTACK_INFLUX_PASSWORD}");
        assertThat(sinkConfig.toString()).doesNotContain(password);
    }

    private static QuestDbLogin questDbLogin() {
        return QuestDbLogin.read(flowstack.layout().secretsDir());
    }

    private static StackState state() {
        return StackState.read(flowstack.layout().stateFile()).orElseThrow();
    }

    private static List<String> workersOf(ConnectorStatus status) {
        return status.tasks().stream().map(ConnectorStatus.TaskStatus::workerId).distinct().sorted().toList();
    }

    /** The tenant topics' growth since {@code before}, once it has stopped growing (UDP losses make the end unknown). */
    private static CustomerTotals settled(CustomerTotals before) throws InterruptedException {
        CustomerTotals last = CustomerTotals.inTenantTopics(BOOTSTRAP).minus(before);
        for (int quiet = 0; quiet < 3; ) {
            TimeUnit.SECONDS.sleep(3);
            CustomerTotals now = CustomerTotals.inTenantTopics(BOOTSTRAP).minus(before);
            quiet = now.equals(last) ? quiet + 1 : 0;
            last = now;
        }
        return last;
    }

    /** The sink's totals grow by exactly {@code expected} within 3 minutes, and are still that 10 s later. */
    private static void assertDatabaseConverges(CustomerTotals dbBefore, CustomerTotals expected) throws Exception {
        CustomerTotals written = await(() -> CustomerTotals.inDatabase(QUESTDB, questDbLogin()).minus(dbBefore), expected, 180);
        assertThat(written.toString()).as("per customer in QuestDB, written by the Influx sink")
                .isEqualTo(expected.toString());
        TimeUnit.SECONDS.sleep(10);
        assertThat(CustomerTotals.inDatabase(QUESTDB, questDbLogin()).minus(dbBefore).toString()).as("and nothing is counted again later")
                .isEqualTo(expected.toString());
    }

    /**
     * Waits until the database holds exactly what the tenant topics hold (everything ever sent through the
     * stack), so that one test's writes still on their way never count as the next test's.
     */
    private static void awaitDatabaseCaughtUp() throws InterruptedException {
        CustomerTotals inKafka = CustomerTotals.inTenantTopics(BOOTSTRAP);
        await(() -> CustomerTotals.inDatabase(QUESTDB, questDbLogin()), inKafka, 180);
    }

    private static void assertNoMoreThan(CustomerTotals found, CustomerTotals truth) {
        // Nothing in Kafka that was not sent, nothing twice: adding the truth to what is missing gives the truth.
        assertThat(found.flows()).as("flows in Kafka, of %d sent", truth.flows()).isLessThanOrEqualTo(truth.flows());
        assertThat(truth.minus(found).toString()).as("sent minus found has no negative number")
                .doesNotContain(": -").doesNotContain(", -");
    }

    private static CustomerTotals await(Supplier<CustomerTotals> reading, CustomerTotals expected, int seconds)
            throws InterruptedException {
        return await(reading, found -> found.equals(expected), seconds);
    }

    private static <T> T await(Supplier<T> reading, java.util.function.Predicate<T> done, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        T value = reading.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            TimeUnit.SECONDS.sleep(1);
            value = reading.get();
        }
        return value;
    }

    private static void report(String scenario, String line) {
        System.out.println("[WholeStackIT] " + scenario + ": " + line);
    }

    private static void requireDefaultPortsFree() throws IOException {
        for (Map.Entry<Integer, String> port : Map.of(9092, "Kafka", 9093, "KRaft controller", 8083, "Connect REST",
                8084, "second worker's REST", 9000, "QuestDB", 8090, "dashboard").entrySet()) {
            FreePorts.requireFree(port.getKey(), "bin/flowstack's default " + port.getValue());
        }
        for (int udp : new int[] {2055, 6343}) { // the shipped NetFlow and sFlow sources' ports
            try (DatagramSocket socket = new DatagramSocket(null)) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udp));
            } catch (IOException e) {
                throw new IOException("udp 127.0.0.1:" + udp + " (a shipped source's port) is in use: is a flowstack "
                        + "running? Stop it (bin/flowstack down) before the end-to-end tests", e);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
