package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.bwnetflow.connect.bgp.speaker.BlackholeRoute;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.table.DdosTables;
import org.bwnetflow.connect.stack.ConnectRestException;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.ConnectorStatus;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.WorkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DDoS sink keeps its mitigation promises when its task changes workers: two Connect workers of their own, in one
 * group, run the shipped DDoS sink (pointed at this test's gobgpd, QuestDB and topics) on a customer topic with normal
 * traffic throughout. A flood at customer 1000 gets its blackhole route at FRR; right then the worker running the task
 * is killed with SIGKILL (no stop, no flush, no commit), and, in the second test, stopped cleanly (a graceful
 * hand-over). Either way the task must come up on the other worker, FRR must hold the route all the while (asked every
 * 100 ms) and lose it only after the flood's end and the hold time; the audit must show the route announced once and
 * withdrawn once, the attacks topic one start and one end under one attack id (updates may come again from the flows
 * the new task reads a second time).
 */
@ExtendWith(LocalStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DdosSinkCrashIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PREFIX = "ddos-crash-" + RUN + "-";
    private static final String SINK = "ddos-crash-sink-" + RUN;
    private static final String AUDIT = PREFIX + "audit";
    private static final String ATTACKS = PREFIX + "attacks";
    private static final long CID = 1000;
    private static final int HOLD_SECONDS = 3;
    private static final List<ConnectWorker> WORKERS = new CopyOnWriteArrayList<>();

    private static Path work;
    private static BgpPeering peering;
    private static QuestDbFixture questDb;
    private static ExecutorService background;
    private static volatile boolean normalTraffic = true;

    @BeforeAll
    static void start() throws Exception {
        work = Path.of("target", "ddos-crash", RUN).toAbsolutePath();
        Files.createDirectories(work);
        background = Executors.newFixedThreadPool(3);
        List<Integer> ports = FreePorts.tcp(2);
        List<Future<ConnectWorker>> starting = List.of(background.submit(() -> startWorker(0, ports.get(0))),
                background.submit(() -> startWorker(1, ports.get(1))));
        peering = BgpPeering.start(work.resolve("bgp"), "127.0.79.1", "127.0.79.2");
        questDb = QuestDbFixture.start(work.resolve("questdb"));
        questDb.exec(DdosTables.createAttacksStatement());
        questDb.exec(DdosTables.createMitigationsStatement());
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            // Before the sink: its pattern subscription finds the topic at once, not at its next metadata refresh.
            admin.createTopics(List.of(new NewTopic(PREFIX + CID, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        for (Future<ConnectWorker> worker : starting) {
            WORKERS.add(worker.get(2, TimeUnit.MINUTES));
        }
        WORKERS.get(0).rest().createOrReplaceConnector(SINK, sinkConfig());
        WORKERS.get(0).rest().awaitRunning(SINK, LocalStack.timeout());
        background.submit(() -> {
            DdosTopics.produceNormal(PREFIX, CID, "10.0.0.1", () -> normalTraffic);
            return null;
        });
    }

    /** A worker of this test's group, which notices a dead member within 6 s and gives its tasks away 2 s later. */
    private static ConnectWorker startWorker(int index, int restPort) {
        String bootstrap = LocalStack.broker().bootstrapServers();
        Map<String, String> overrides = Map.of("group.id", "ddos-crash-" + RUN,
                "config.storage.topic", "_ddos-crash-configs-" + RUN, "offset.storage.topic", "_ddos-crash-offsets-" + RUN,
                "status.storage.topic", "_ddos-crash-status-" + RUN,
                "session.timeout.ms", "6000", "heartbeat.interval.ms", "1000", "scheduled.rebalance.max.delay.ms", "2000",
                // Kafka's default is 60 s; with the shipped worker's 1 s, commits (which write the sink's state too) come
                // so often that a kill right after an announcement rarely finds the state behind the ledger.
                "offset.flush.interval.ms", "10000",
                // The sink's consumer may leave its group as soon, rather than after Kafka's 45 s, once its worker is killed.
                "connector.client.config.override.allowlist", WorkerSettings.CLIENT_OVERRIDE_ALLOWLIST + ",session.timeout.ms");
        return ConnectWorker.start(WorkerSettings.of(work.resolve("connect-" + index), bootstrap, restPort,
                List.of(LocalStack.pluginsDir()), overrides).withEnvironment(StartedStack.kafkaClientEnvironment(bootstrap, null)));
    }

    /** The shipped ddos-sink.json at this test's topics, gobgpd and QuestDB, live, with a short window and hold time. */
    private static Map<String, String> sinkConfig() {
        Map<String, String> config = ShippedConnector.read("ddos-sink.json");
        config.put("topics.regex", PREFIX + "\\d+");
        config.put("state.topic", PREFIX + "state");
        config.put("attacks.topic", ATTACKS);
        config.put("audit.topic", AUDIT);
        config.putAll(Map.of("influx.url", questDb.url(), "influx.org", "bwnetflow", "influx.token", "",
                "influx.username", questDb.user(), "influx.password", questDb.password()));
        config.put("detection.window.seconds", "4");
        config.put("detection.update.interval.seconds", "4");
        config.put("detection.floor.bits.per.second", "20000000");
        config.put("detection.floor.packets.per.second", "5000");
        config.put("mitigation.dry.run", "false");
        config.put("mitigation.policies", CID + ":blackhole");
        config.put("mitigation.hold.seconds", Integer.toString(HOLD_SECONDS));
        config.put("mitigation.reconcile.interval.ms", "2000");
        config.put("mitigation.marker.community", "64512:666:1");
        config.put("mitigation.gobgp.address", "127.0.0.1:" + peering.gobgpd.apiPort());
        config.put("consumer.override.session.timeout.ms", "6000");
        return config;
    }

    @AfterAll
    static void stop() throws Exception {
        normalTraffic = false;
        if (background != null) {
            background.shutdownNow();
        }
        try {
            WORKERS.stream().filter(ConnectWorker::isAlive).findFirst().ifPresent(w -> w.rest().deleteConnector(SINK));
        } finally {
            WORKERS.forEach(ConnectWorker::stop);
            if (peering != null) {
                peering.close();
            }
            if (questDb != null) {
                questDb.close();
            }
        }
    }

    @Test
    @Order(1)
    void aSigkilledWorkersTaskMovesOnAndTheRouteStaysAnnouncedOnceWithdrawnOnce() throws Exception {
        floodAndTakeAwayTheTasksWorker("SIGKILL", "10.0.0.77", 18, ConnectWorker::kill);
    }

    @Test
    @Order(2)
    void aGracefulHandOverKeepsTheRouteAnnouncedOnceWithdrawnOnce() throws Exception {
        for (ConnectWorker worker : WORKERS) {
            if (!worker.isAlive()) {
                worker.restart(); // the one killed before: both workers again, so that the task has somewhere to go
            }
        }
        anyWorker().rest().awaitRunning(SINK, LocalStack.timeout());
        floodAndTakeAwayTheTasksWorker("graceful stop", "10.0.0.78", 14, ConnectWorker::stop);
    }

    /**
     * A flood at {@code target} of {@code floodSeconds}; once its route is at FRR the worker running the task is taken
     * away, and the route must stay until the flood's end plus the hold time, announced and withdrawn once.
     */
    private static void floodAndTakeAwayTheTasksWorker(String how, String target, int floodSeconds,
                                                       Consumer<ConnectWorker> takeAway) throws Exception {
        BlackholeRoute route = BlackholeRoute.of(target + "/32", "192.0.2.1", "64500:666");
        long floodStart = System.currentTimeMillis();
        Future<Long> flood = background.submit(() -> {
            DdosTopics.produceFlood(PREFIX, CID, target, floodSeconds);
            return System.currentTimeMillis();
        });
        BgpPeering.waitFor(peering.frr, route.key(), f -> BgpPeering.present(f, route));
        System.out.printf("DdosSinkCrashIT (%s): flood start -> route at FRR: %d ms%n", how,
                System.currentTimeMillis() - floodStart);
        ConnectWorker leaving = workerOfTheTask();
        ConnectWorker staying = WORKERS.stream().filter(w -> w != leaving).findFirst().orElseThrow();
        long floodEnd;
        long moved;
        RouteWatch watch = RouteWatch.start(peering.frr, route);
        try {
            long away = System.currentTimeMillis();
            takeAway.accept(leaving);
            moved = awaitTaskOn(staying) - away;
            floodEnd = flood.get(60, TimeUnit.SECONDS);
        } finally {
            watch.close();
        }
        System.out.printf("DdosSinkCrashIT (%s): task's worker taken away -> task RUNNING on the other worker: %d ms; "
                + "route at FRR in %d of %d checks over %d ms (from then to the flood's end)%n", how, moved,
                watch.checks() - watch.misses(), watch.checks(), watch.watchedMillis());
        assertThat(watch.misses()).as("checks that found no route at FRR, the first %d ms after the %s", watch.firstMissAfterMillis(),
                how).isZero();
        BgpPeering.waitFor(peering.frr, "withdrawal of " + route.key(), f -> !BgpPeering.present(f, route));
        assertThat(workerOfTheTask()).as("the worker running the task at the end").isSameAs(staying);
        assertAnnouncedOnceWithdrawnOnceAfterTheHold(how, target, floodEnd);
    }

    private static void assertAnnouncedOnceWithdrawnOnceAfterTheHold(String how, String target, long floodEnd) throws Exception {
        List<JsonNode> audit = DdosTopics.recordsSoFar(AUDIT);
        assertThat(DdosTopics.actions(audit, target)).as("audit of %s", target).containsExactly("announce", "withdraw");
        long withdrawn = DdosTopics.time(audit, target, "withdraw");
        List<JsonNode> attacks = DdosTopics.about(DdosTopics.recordsSoFar(ATTACKS), target);
        List<String> ids = attacks.stream().map(r -> r.path("attack").asText()).distinct().toList();
        System.out.printf("DdosSinkCrashIT (%s): flood end -> withdrawal: %d ms (a window of 4 s below the thresholds, then "
                + "%d s hold); route held %d ms; attack %s: %d events%n", how, withdrawn - floodEnd, HOLD_SECONDS,
                withdrawn - DdosTopics.time(audit, target, "announce"), ids, attacks.size());
        assertThat(withdrawn - floodEnd).as("withdrawn after the flood's end plus the hold time").isGreaterThanOrEqualTo(
                HOLD_SECONDS * 1000L);
        assertThat(DdosTopics.events(attacks, target)).as("attack events of %s", target).containsExactly("start", "end");
        assertThat(ids).as("attack ids of %s", target).hasSize(1);
    }

    /** Polls the worker's REST API every 100 ms until it shows the task RUNNING there; the time it did. */
    private static long awaitTaskOn(ConnectWorker worker) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        String last = "no status";
        while (true) {
            try {
                ConnectorStatus.TaskStatus task = worker.rest().connectorStatus(SINK).tasks().get(0);
                if (ConnectorStatus.RUNNING.equals(task.state()) && idOf(worker).equals(task.workerId())) {
                    return System.currentTimeMillis();
                }
                last = task.state() + " on " + task.workerId();
            } catch (ConnectRestException | IndexOutOfBoundsException e) {
                last = e.toString(); // a worker in a rebalance may answer 409, and a connector may be without tasks
            }
            assertThat(System.currentTimeMillis()).as("the task RUNNING on %s within 60 s; last: %s; log: %s", idOf(worker),
                    last, worker.logFile()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static ConnectWorker workerOfTheTask() {
        ConnectorStatus status = anyWorker().rest().awaitRunning(SINK, LocalStack.timeout());
        String id = status.tasks().get(0).workerId();
        return WORKERS.stream().filter(w -> idOf(w).equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("the task runs on " + id + ", none of this test's workers"));
    }

    private static ConnectWorker anyWorker() {
        return WORKERS.stream().filter(ConnectWorker::isAlive).findFirst().orElseThrow();
    }

    /** A worker's id in Connect's status: its advertised REST host and port. */
    private static String idOf(ConnectWorker worker) {
        return worker.restUrl().getHost() + ":" + worker.restUrl().getPort();
    }
}
