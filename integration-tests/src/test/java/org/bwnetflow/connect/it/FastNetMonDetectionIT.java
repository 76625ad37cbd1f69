package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * FastNetMon (Debian's fastnetmon 1.2.4, {@link FastNetMon}) as the reference our flood detection is compared with,
 * on {@code flowctl generate}'s NetFlow v9 over loopback: two exporters whose customers are 10.0.0.0/20 and
 * 10.1.0.0/20 (FastNetMon's networks list), per-host thresholds of 5,000 packets/s and 50 Mbit/s over its 5 s
 * average. Floods of 4× and 2× the packet threshold are banned (its notify script called for the target) and the
 * time from the first attack datagram sent to the notification is measured and printed; a flood of half the
 * threshold and the normal hosts around them are not banned. The compressed day of normal traffic runs in
 * {@link DetectorComparisonIT}, into FastNetMon and our DDoS sink at once.
 */
class FastNetMonDetectionIT {

    static final List<String> NETWORKS = List.of("10.0.0.0/20", "10.1.0.0/20");
    static final FastNetMon.Thresholds THRESHOLDS = new FastNetMon.Thresholds(5_000, 50, 0, 5);
    static final int EXPORTERS = 2;
    static final int NORMAL_RATE = 1_500;
    static final int FLOOD_START = 8;
    static final int FLOOD_SECONDS = 15;
    /** Target, protocol, port, packets/s, bytes per packet: 4× the pps threshold (82 Mbit/s, also above 50). */
    static final String STRONG = "10.0.3.7,17,53,20000,512";
    /** 2× the pps threshold, 4.8 Mbit/s: found by its packet rate only. */
    static final String SYN = "10.1.5.9,6,80,10000,60";
    /** Half the pps threshold, 20 Mbit/s: below both thresholds. */
    static final String WEAK = "10.0.9.9,17,123,2500,1000";

    private static final ExecutorService GENERATOR = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fastnetmon-it-generator");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stopGenerator() {
        GENERATOR.shutdownNow();
    }

    @Test
    void floodsAboveTheThresholdsAreBannedAndTheTimeToTheNotificationMeasured() throws Exception {
        try (FastNetMon fastnetmon = FastNetMon.start(work("attack"), NETWORKS, THRESHOLDS)) {
            int seconds = FLOOD_START + FLOOD_SECONDS;
            Future<FlowCtlRun> generating = generate(fastnetmon, "--rate", Integer.toString(NORMAL_RATE), "--duration",
                    Integer.toString(seconds), "--seed", "21", "--flood", flood(STRONG), "--flood", flood(SYN), "--flood",
                    flood(WEAK));
            Optional<FastNetMon.Notification> strong = fastnetmon.awaitBan("10.0.3.7", seconds + 10);
            Optional<FastNetMon.Notification> syn = fastnetmon.awaitBan("10.1.5.9", 10);
            FlowCtlRun run = generating.get(seconds + 60, TimeUnit.SECONDS);
            assertThat(run.exitCode).as(run.err).isZero();
            Thread.sleep(2_000); // what the last seconds bring
            fastnetmon.assertAlive();
            JsonNode floods = run.lastJson().get("floods");

            assertThat(strong).as("ban of 10.0.3.7 (4x threshold_pps); FastNetMon's log:\n%s", fastnetmon.log()).isPresent();
            assertThat(syn).as("ban of 10.1.5.9 (2x threshold_pps); FastNetMon's log:\n%s", fastnetmon.log()).isPresent();
            long strongMillis = strong.get().epochMillis() - floods.get(0).get("firstDatagramMillis").asLong();
            long synMillis = syn.get().epochMillis() - floods.get(1).get("firstDatagramMillis").asLong();
            System.out.printf("FastNetMonDetectionIT: FastNetMon 1.2.4 banned %s %d ms after the flood's first datagram "
                    + "(20,000 pkt/s of 512 B, 4x threshold_pps %d, average_calculation_time %d s; it said %d pps %s)%n",
                    "10.0.3.7", strongMillis, THRESHOLDS.pps(), THRESHOLDS.averageSeconds(), strong.get().pps(),
                    strong.get().direction());
            System.out.printf("FastNetMonDetectionIT: FastNetMon 1.2.4 banned %s %d ms after the flood's first datagram "
                    + "(10,000 pkt/s SYN of 60 B, 2x threshold_pps; it said %d pps %s)%n", "10.1.5.9", synMillis,
                    syn.get().pps(), syn.get().direction());
            assertThat(strongMillis).as("time to the ban of the 4x flood").isBetween(0L, 10_000L);
            assertThat(synMillis).as("time to the ban of the 2x flood").isBetween(0L, 15_000L);
            assertThat(strong.get().direction()).isEqualTo("incoming");
            assertThat(fastnetmon.attackType("10.0.3.7")).as("FastNetMon's attack type").contains("udp_flood");
            assertThat(fastnetmon.attackType("10.1.5.9")).as("FastNetMon's attack type").contains("syn_flood");
            assertThat(floods.get(0).get("packets").asLong()).isEqualTo(20_000L * FLOOD_SECONDS);

            List<String> banned = fastnetmon.notifications().stream().filter(n -> n.action().equals("ban"))
                    .map(FastNetMon.Notification::ip).toList();
            assertThat(banned).as("bans: the two floods' targets, not the half-threshold flood's nor a normal host")
                    .containsExactlyInAnyOrder("10.0.3.7", "10.1.5.9");
        }
    }

    /** The flood from {@link #FLOOD_START} for {@link #FLOOD_SECONDS}. */
    static String flood(String spec) {
        return spec + "," + FLOOD_START + "," + FLOOD_SECONDS;
    }

    private static Future<FlowCtlRun> generate(FastNetMon fastnetmon, String... options) {
        List<String> args = new ArrayList<>(List.of("generate", "--target", fastnetmon.target(), "--exporters",
                Integer.toString(EXPORTERS)));
        args.addAll(List.of(options));
        return GENERATOR.submit(() -> FlowCtlRun.run(args.toArray(String[]::new)));
    }

    static Path work(String name) {
        return Paths.get(System.getProperty("bwnetflow.work.dir", "target/it-stack"))
                .resolve("fastnetmon-" + name + "-" + System.currentTimeMillis());
    }
}
