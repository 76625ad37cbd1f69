package org.bwnetflow.connect.ddos.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.flow;
import static org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.ip;
import static org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.settings;

import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.Run;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;

/** The detector's rules on hand-made traffic: a flow a second per source, volumes chosen to sit clearly on one side. */
class DdosDetectorTest {

    private static final long T0 = 1_772_000_000L; // a multiple of 10: periods of a 10 s window start here
    private static final byte[] VICTIM = ip("192.0.2.10");
    private static final byte[] OTHER = ip("192.0.2.20");
    private static final byte[] ATTACKER = ip("203.0.113.5");
    private static final byte[] CLIENT = ip("198.51.100.7");
    private static final double FLOOR_BPS = 1_000_000;

    /** One second of traffic: {@code victimBytes} to the victim (UDP 53) and a quiet neighbour. */
    private static void second(Run run, long second, long victimBytes) {
        run.detector.accept(flow(second, CLIENT, OTHER, 6, 443, 1_000, 2, 1));
        if (victimBytes > 0) {
            run.detector.accept(flow(second, ATTACKER, VICTIM, 17, 53, victimBytes, victimBytes / 1_000, 1));
        }
    }

    private static void traffic(Run run, long from, long to, long victimBytes) {
        for (long s = from; s < to; s++) {
            second(run, s, victimBytes);
        }
    }

    @Test
    void aFloodThatPausesForLessThanAWindowIsOneAlert() {
        Run run = new Run(settings(10, FLOOR_BPS, 1e9, 32, false));
        traffic(run, T0, T0 + 100, 0);
        traffic(run, T0 + 100, T0 + 130, 1_000_000); // 8 Mbit/s
        traffic(run, T0 + 130, T0 + 142, 0); // the window is below for 3 s
        traffic(run, T0 + 142, T0 + 170, 1_000_000);
        traffic(run, T0 + 170, T0 + 300, 0);

        assertThat(run.events()).containsExactly("start 192.0.2.10", "end 192.0.2.10");
        Alert start = run.alerts.get(0);
        Alert end = run.alerts.get(1);
        assertThat(start.start()).isBetween(T0 + 100, T0 + 110);
        assertThat(start.end()).isEqualTo(-1);
        assertThat(end.start()).isEqualTo(start.start());
        assertThat(end.end()).isBetween(T0 + 170, T0 + 180);
        assertThat(end.peak().bitsPerSecond()).isEqualTo(8_000_000.0); // a full window of flood
        assertThat(start.topPorts()).extracting(Alert.Port::proto, Alert.Port::port).containsExactly(tuple(17, 53));
        assertThat(start.topSources()).extracting(Alert.Source::address).containsExactly("203.0.113.5");
        assertThat(run.detector.openAlerts()).isZero();
    }

    @Test
    void anOpenAlertIsUpdatedEveryIntervalAfterItsStartAndEveryEventCarriesItsId() {
        Run run = new Run(new DetectorSettings(10, 3.0, FLOOR_BPS, 1e9, 10, 32, 128, 100_000, false, 15));
        traffic(run, T0, T0 + 100, 0);
        traffic(run, T0 + 100, T0 + 160, 1_000_000); // 8 Mbit/s
        traffic(run, T0 + 160, T0 + 200, 0);

        Alert start = run.alerts.get(0);
        Alert end = run.alerts.get(run.alerts.size() - 1);
        assertThat(start.event()).isEqualTo(Alert.START);
        assertThat(end.event()).isEqualTo(Alert.END);
        assertThat(start.at()).isEqualTo(start.start());
        assertThat(end.at()).as("a whole window below").isEqualTo(end.end() + 9);
        assertThat(run.alerts).allSatisfy(a -> assertThat(a.id()).isEqualTo("192.0.2.10@" + start.start()));
        List<Alert> updates = run.alerts.subList(1, run.alerts.size() - 1);
        assertThat(updates).isNotEmpty().allSatisfy(update -> {
            assertThat(update.event()).isEqualTo(Alert.UPDATE);
            assertThat(update.start()).isEqualTo(start.start());
            assertThat(update.end()).isEqualTo(-1);
            assertThat(update.peak().bitsPerSecond()).isGreaterThanOrEqualTo(update.rates().bitsPerSecond());
            assertThat(update.topPorts()).extracting(Alert.Port::proto, Alert.Port::port).containsExactly(tuple(17, 53));
            assertThat(update.topSources()).extracting(Alert.Source::address).containsExactly("203.0.113.5");
        });
        for (int i = 0; i < updates.size(); i++) { // every 15 s from the start, until the end
            assertThat(updates.get(i).at()).isEqualTo(start.start() + 15L * (i + 1));
        }
        assertThat(updates.get(updates.size() - 1).at() + 15).isGreaterThan(end.at());
        assertThat(updates.get(0).rates().bitsPerSecond()).isEqualTo(8_000_000.0);
        assertThat(end.peak().bitsPerSecond()).isEqualTo(8_000_000.0);
    }

    @Test
    void windowsInAlertAreNotLearnedButTheQuietOnesBeforeAndAfterAre() {
        Run learn = new Run(settings(10, FLOOR_BPS, 1e9, 32, true));
        traffic(learn, T0, T0 + 600, 250_000); // 2 Mbit/s
        assertThat(learn.alerts).isEmpty(); // learn-only: 2 Mbit/s is above the floor, but no alert
        int hour = learn.baseline.hour(T0 + 300);
        assertThat(learn.baseline.get("192.0.2.10", hour).bitsPerSecond()).isCloseTo(2_000_000, within(1e-6));
        assertThat(learn.baseline.get("192.0.2.20", hour)).isNull(); // 8 kbit/s: the floor decides anyway

        Run run = new Run(settings(10, FLOOR_BPS, 1e9, 32, false), learn.baseline);
        int learned = run.baseline.windows("192.0.2.10", hour);
        traffic(run, T0 + 600, T0 + 700, 250_000);
        traffic(run, T0 + 700, T0 + 800, 2_500_000); // 20 Mbit/s, the threshold is 6
        traffic(run, T0 + 800, T0 + 900, 250_000);

        assertThat(run.events()).containsExactly("start 192.0.2.10", "end 192.0.2.10");
        Alert start = run.alerts.get(0);
        assertThat(start.baseline().bitsPerSecond()).isCloseTo(2_000_000, within(1e-6));
        assertThat(start.threshold().bitsPerSecond()).isCloseTo(6_000_000, within(1e-6));
        assertThat(run.baseline.get("192.0.2.10", hour).bitsPerSecond()).isCloseTo(2_000_000, within(1e-6));
        long alertPeriods = (run.alerts.get(1).end() + 10 - run.alerts.get(0).start()) / 10;
        assertThat(run.baseline.windows("192.0.2.10", hour) - learned)
                .isGreaterThan(0).isLessThanOrEqualTo((int) (30 - alertPeriods + 1));
    }

    @Test
    void noAlertStartsDuringTheWarmupOfOneWindow() {
        Run run = new Run(settings(10, FLOOR_BPS, 1e9, 32, false));
        traffic(run, T0 + 3, T0 + 100, 1_000_000);
        assertThat(run.events()).containsExactly("start 192.0.2.10");
        assertThat(run.alerts.get(0).start()).isEqualTo(T0 + 3 + 10 - 1); // the first window seen in full
        assertThat(run.alerts.get(0).rates().bitsPerSecond()).isEqualTo(8_000_000); // ... so its rate is right
        assertThat(run.detector.openAlerts()).isEqualTo(1);

        Run noWarmup = new Run(new DetectorSettings(10, 3, FLOOR_BPS, 1e9, 0, 32, 128, 100, false));
        traffic(noWarmup, T0 + 3, T0 + 100, 1_000_000);
        // 8 Mbit/s over a 10 s window: 0.8 Mbit/s after the first second (watched), 1.6 after the second (the start).
        assertThat(noWarmup.alerts.get(0).start()).isEqualTo(T0 + 3 + 1);
    }

    @Test
    void anAlertStartsAtTheFlowThatTakesTheWindowAboveTheThresholdNotAtTheEndOfItsSecond() {
        Run run = new Run(new DetectorSettings(10, 3, FLOOR_BPS, 1e9, 0, 32, 128, 100, false));
        traffic(run, T0, T0 + 20, 0);
        // 40 Mbit/s in flows of 0.2 Mbit: the window (10 s) is at half the floor after 25 flows, above it after 50.
        for (int i = 1; i <= 60; i++) {
            run.detector.accept(flow(T0 + 20, ATTACKER, VICTIM, 17, 53, 25_000, 25, 1));
            assertThat(run.alerts).as("after flow %d", i).hasSize(i <= 50 ? 0 : 1);
        }
        Alert start = run.alerts.get(0);
        assertThat(start.event()).isEqualTo(Alert.START);
        assertThat(start.start()).isEqualTo(T0 + 20); // the flood's first second, decided before its end
        assertThat(start.at()).isEqualTo(T0 + 20);
        assertThat(start.rates().bitsPerSecond()).isEqualTo(51 * 25_000 * 8 / 10.0);
        // The watch began at the 26th flow, so the top lists hold the flood's own flows from then on.
        assertThat(start.topSources()).extracting(Alert.Source::address).containsExactly("203.0.113.5");
        assertThat(start.topSources().get(0).bitsPerSecond()).isEqualTo(26 * 25_000 * 8.0);
        assertThat(start.topPorts()).extracting(Alert.Port::proto, Alert.Port::port).containsExactly(tuple(17, 53));

        traffic(run, T0 + 21, T0 + 60, 0);
        assertThat(run.events()).containsExactly("start 192.0.2.10", "end 192.0.2.10");
        assertThat(run.alerts.get(1).start()).isEqualTo(T0 + 20);
    }

    @Test
    void volumeIsScaledByTheSamplingRateUnlessAlreadyNormalized() {
        Run sampled = new Run(settings(10, FLOOR_BPS, 1e9, 32, false));
        Run normalized = new Run(settings(10, FLOOR_BPS, 1e9, 32, false));
        for (long s = T0; s < T0 + 60; s++) {
            sampled.detector.accept(flow(s, ATTACKER, VICTIM, 17, 53, 2_000, 2, 1_000));
            Struct flow = flow(s, ATTACKER, VICTIM, 17, 53, 2_000, 2, 1_000);
            Flows.setEnum(flow, FlowField.NORMALIZED, 1);
            normalized.detector.accept(flow);
        }
        assertThat(sampled.alerts).hasSize(1);
        assertThat(sampled.alerts.get(0).rates()).isEqualTo(new Rates(2_000 * 1_000 * 8, 2 * 1_000));
        assertThat(normalized.alerts).isEmpty(); // 16 kbit/s
    }

    @Test
    void flowsOlderThanTheWindowAreDroppedAndAnExporterClockAheadCannotMoveTheClock() {
        Run run = new Run(settings(10, FLOOR_BPS, 1e9, 32, false));
        traffic(run, T0, T0 + 20, 0);
        run.detector.accept(flow(T0 + 15, CLIENT, OTHER, 6, 443, 1_000, 1, 1)); // late, but in the window
        run.detector.accept(flow(T0 + 9, CLIENT, OTHER, 6, 443, 1_000, 1, 1)); // older than the window
        Struct ahead = flow(T0 + 5_000, CLIENT, OTHER, 6, 443, 1_000, 1, 1);
        Flows.setNumber(ahead, FlowField.TIME_RECEIVED, T0 + 20);
        run.detector.accept(ahead);
        assertThat(run.detector.lateFlows()).isEqualTo(1);
        assertThat(run.detector.watermark()).isEqualTo(T0 + 20);
        assertThat(run.detector.flows()).isEqualTo(23);
        Struct untimed = flow(0, CLIENT, OTHER, 6, 443, 1_000, 1, 1);
        Flows.setNumber(untimed, FlowField.TIME_RECEIVED, 0);
        run.detector.accept(untimed);
        run.detector.accept(flow(T0 + 20, CLIENT, new byte[0], 6, 443, 1_000, 1, 1));
        assertThat(run.detector.skippedFlows()).isEqualTo(2);
    }

    @Test
    void aFloodSpreadOverAPrefixIsFoundWithPrefixTargetsOnly() {
        Run hosts = new Run(settings(10, FLOOR_BPS, 1e9, 32, false));
        Run prefixes = new Run(settings(10, FLOOR_BPS, 1e9, 24, false));
        for (long s = T0; s < T0 + 120; s++) {
            for (int host = 1; host <= 200; host++) { // 200 x 5 kB/s: 8 Mbit/s to the /24, 40 kbit/s each
                Struct flow = flow(s, ATTACKER, new byte[] {(byte) 192, 0, 2, (byte) host}, 17, 123, 5_000, 5, 1);
                hosts.detector.accept(flow);
                prefixes.detector.accept(flow);
            }
        }
        assertThat(hosts.alerts).isEmpty();
        assertThat(prefixes.events()).containsExactly("start 192.0.2.0/24");
        assertThat(prefixes.alerts.get(0).topPorts()).first().extracting(Alert.Port::port).isEqualTo(123);
    }

    @Test
    void aGapInTheTrafficEndsAnAlertAndTheClockJumpsIt() {
        Run run = new Run(settings(10, FLOOR_BPS, 1e9, 32, false));
        traffic(run, T0, T0 + 60, 1_000_000);
        traffic(run, T0 + 86_400, T0 + 86_410, 0); // the next day
        assertThat(run.events()).containsExactly("start 192.0.2.10", "end 192.0.2.10");
        assertThat(run.alerts.get(1).end()).isBetween(T0 + 60, T0 + 70);
        assertThat(run.detector.targets()).isEqualTo(1);
    }

    @Test
    void countersAtLongMaxOrUint64MaxNeverGiveNegativeRates() {
        Run run = new Run(settings(10, FLOOR_BPS, 1e9, 32, false));
        traffic(run, T0, T0 + 30, 0);
        for (long s = T0 + 30; s < T0 + 40; s++) {
            run.detector.accept(flow(s, ATTACKER, VICTIM, 17, 53, Long.MAX_VALUE, Long.MAX_VALUE, 1));
            run.detector.accept(flow(s, CLIENT, VICTIM, 17, 53, -1L, -1L, 1)); // uint64 max
            run.detector.accept(flow(s, CLIENT, VICTIM, 17, 123, Long.MAX_VALUE / 4, 5, 100)); // sampled 1:100
        }
        traffic(run, T0 + 40, T0 + 80, 0);

        assertThat(run.events()).containsExactly("start 192.0.2.10", "end 192.0.2.10");
        assertThat(run.alerts.get(0).rates().bitsPerSecond()).as("the flood, saturated").isPositive();
        for (Alert alert : run.alerts) {
            assertThat(alert.rates().bitsPerSecond()).as(alert.event()).isNotNegative();
            assertThat(alert.rates().packetsPerSecond()).as(alert.event()).isNotNegative();
            assertThat(alert.topSources()).allSatisfy(s -> assertThat(s.bitsPerSecond()).as(s.address()).isPositive());
            assertThat(alert.topPorts()).allSatisfy(p -> assertThat(p.bitsPerSecond()).as("port " + p.port()).isPositive());
        }
        assertThat(run.alerts.get(1).peak().bitsPerSecond()).isPositive();
    }
}
