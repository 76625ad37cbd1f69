package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.it.RoutedFlowExport.flow;
import static org.bwnetflow.connect.it.RoutedFlowExport.send;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.netflow.encode.ExportFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.ConnectorStatus;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.WorkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing table lives in Kafka, not in a worker: two Connect workers share the connector
 * whose task enriches flows with Routes; the worker running the task is killed with SIGKILL, the
 * task starts on the other one, reads the compacted RIB topic to its end before its first flow,
 * and every flow that reaches the topic before and after is enriched: no miss.
 */
@ExtendWith(LocalStack.class)
class RoutesFailoverIT {

    private static final int PREFIXES = 20_000;

    @TempDir
    Path tmp;

    @Test
    void theSurvivingWorkerEnrichesTheNextFlowsWithNoMiss() throws Exception {
        List<MrtTableDump.Entry> entries = new ArrayList<>();
        for (int i = 0; i < PREFIXES; i++) {
            entries.add(new MrtTableDump.Entry(new byte[] {20, (byte) (i >> 8), (byte) i, 0}, 24,
                    new long[] {64_600, originOf(i)}, new long[0], new byte[] {(byte) 192, 0, 2, 1}));
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ShippedBmpConnector bmp = ShippedBmpConnector.start("bmp-failover");
                Gobgpd router = Gobgpd.start(tmp.resolve("router"), 65_000, "127.0.0.71", FreePorts.tcp(), List.of(), bmp.port());
                RibTopic rib = new RibTopic(LocalStack.broker().clientConfig(), bmp.topic());
                ConnectWorker first = worker("a", run);
                ConnectWorker second = worker("b", run)) {
            Path mrt = tmp.resolve("table.mrt");
            MrtTableDump.write(mrt, new byte[] {127, 0, 0, 9}, 64_600, entries);
            router.injectMrt(mrt, PREFIXES);
            long deadline = System.currentTimeMillis() + 120_000;
            while (rib.read().keySet().stream().filter(k -> k.table() == RibTable.LOC_RIB).count() < PREFIXES) {
                assertThat(System.currentTimeMillis()).as("the %d routes in the RIB topic", PREFIXES).isLessThan(deadline);
                Thread.sleep(500);
            }

            int port = FreePorts.udp();
            String flowTopic = "flows-failover-" + run;
            String connector = "routes-failover-" + run;
            first.rest().createOrReplaceConnector(connector,
                    RoutedFlowExport.netflowWithRoutes(port, flowTopic, bmp.topic(), "127.0.0.72=127.0.0.1"));
            ConnectorStatus status = first.rest().awaitRunning(connector, LocalStack.timeout());
            ConnectWorker running = status.tasks().get(0).workerId().endsWith(":" + first.restUrl().getPort()) ? first : second;
            ConnectWorker survivor = running == first ? second : first;

            Random random = new Random(2512);
            try (DatagramSocket exporter = new DatagramSocket(0, InetAddress.getByName("127.0.0.72"));
                    FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), flowTopic)) {
                FlowExportEncoder encoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 11,
                        System.currentTimeMillis() - 60_000);
                int before = sendUntil(exporter, port, encoder, random, flows, 200, Duration.ofSeconds(60));
                assertThat(before).as("flows through the first worker").isGreaterThanOrEqualTo(200);

                long killed = System.currentTimeMillis();
                running.kill();
                int after = sendUntil(exporter, port, encoder, random, flows, before + 200, Duration.ofSeconds(120));
                long failover = System.currentTimeMillis() - killed;
                assertThat(after).as("flows through the surviving worker").isGreaterThanOrEqualTo(before + 200);
                assertThat(survivor.rest().connectorStatus(connector).tasks().get(0).workerId())
                        .endsWith(":" + survivor.restUrl().getPort());

                List<Struct> all = flows.awaitFlows(after, LocalStack.timeout());
                long misses = all.stream().filter(f -> Flows.number(f, DST_AS) != expectedOrigin(f)).count();
                assertThat(misses).as("flows not enriched with their route's origin AS, of %d", all.size()).isZero();
                System.out.printf("RoutesFailoverIT: %d flows before the kill, %d after; 200 flows through the survivor "
                        + "%d ms after the kill; 0 misses%n", before, all.size() - before, failover);
            }
            survivor.rest().deleteConnector(connector);
        }
    }

    /** Sends a batch of 10 flows every 50 ms until the topic holds {@code count} flows; how many it holds then. */
    private static int sendUntil(DatagramSocket exporter, int port, FlowExportEncoder encoder, Random random, FlowTopic flows,
            int count, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        boolean templates = true;
        int read = 0;
        while (read < count && System.currentTimeMillis() < deadline) {
            List<ExportFlow> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int prefix = random.nextInt(PREFIXES);
                batch.add(flow("10.0.0.1", "20." + (prefix >> 8 & 0xFF) + "." + (prefix & 0xFF) + "." + (1 + random.nextInt(254))));
            }
            send(exporter, port, encoder, templates, batch);
            templates = random.nextInt(10) == 0; // a restarted task needs the templates again
            read = flows.awaitFlows(count, Duration.ofMillis(50)).size();
        }
        return read;
    }

    private static long originOf(int prefix) {
        return 4_200_000_000L + prefix;
    }

    private static long expectedOrigin(Struct flow) {
        byte[] dst = Flows.bytes(flow, DST_ADDR);
        return originOf((dst[1] & 0xFF) << 8 | dst[2] & 0xFF);
    }

    /** A worker of a two-worker cluster of its own, that moves a dead worker's tasks at once (no scheduled delay). */
    private ConnectWorker worker(String name, String run) {
        return ConnectWorker.start(WorkerSettings.of(tmp.resolve("worker-" + name), LocalStack.broker().bootstrapServers(),
                FreePorts.tcp(), List.of(LocalStack.pluginsDir()), Map.of("group.id", "routes-failover-" + run,
                        "config.storage.topic", "_failover-configs-" + run, "offset.storage.topic", "_failover-offsets-" + run,
                        "status.storage.topic", "_failover-status-" + run, "scheduled.rebalance.max.delay.ms", "0",
                        "session.timeout.ms", "6000", "heartbeat.interval.ms", "1000")));
    }
}
