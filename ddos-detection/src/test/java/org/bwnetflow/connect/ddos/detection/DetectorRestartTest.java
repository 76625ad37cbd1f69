package org.bwnetflow.connect.ddos.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.bwnetflow.connect.ddos.detection.RestartTraffic.FLOOD_FROM;
import static org.bwnetflow.connect.ddos.detection.RestartTraffic.FLOOD_TO;
import static org.bwnetflow.connect.ddos.detection.RestartTraffic.T0;
import static org.bwnetflow.connect.ddos.detection.RestartTraffic.VICTIM_TEXT;
import static org.bwnetflow.connect.ddos.detection.RestartTraffic.WINDOW;

import java.util.List;
import org.bwnetflow.connect.ddos.detection.RestartTraffic.Detector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A detector restarted from the state of another: the flood of {@link RestartTraffic}, the state
 * exported in the middle of it (T0 + 350), a new detector that imports it and reads on. What it
 * reports is compared with a detector that ran through.
 */
class DetectorRestartTest {

    private static final long CUT = FLOOD_FROM + 50;

    private Detector through;
    private Alert start;
    private Alert end;

    @BeforeEach
    void runThrough() {
        through = new Detector().feed(T0, T0 + 500);
        start = through.alerts.get(0);
        end = through.alerts.get(through.alerts.size() - 1);
        assertThat(start.event()).isEqualTo(Alert.START);
        assertThat(start.start()).isBetween(FLOOD_FROM, FLOOD_FROM + 1);
        assertThat(end.event()).isEqualTo(Alert.END);
        assertThat(through.events()).containsOnlyOnce(Alert.START, Alert.END);
    }

    /** The events from second {@code from} on without the top lists (which count from the restart after one). */
    private static List<?> eventsFrom(List<Alert> alerts, long from) {
        return alerts.stream().filter(a -> a.at() >= from)
                .map(a -> tuple(a.event(), a.id(), a.at(), a.start(), a.end(), a.rates(), a.peak())).toList();
    }

    /** The end of an imported alert, after no start (and perhaps updates while it was below). */
    private Alert endOf(Detector restarted) {
        assertThat(restarted.events()).doesNotContain(Alert.START).containsOnlyOnce(Alert.END).endsWith(Alert.END);
        assertThat(restarted.alerts).allSatisfy(a -> assertThat(a.id()).isEqualTo(start.id()));
        return restarted.alerts.get(restarted.alerts.size() - 1);
    }

    @Test
    void aRestartedDetectorCarriesTheOpenAlertOnUnderItsIdWithoutASecondStartAndEndsItWhenTheOtherDid() {
        Detector before = new Detector().feed(T0, CUT);
        assertThat(before.detector.openAlerts()).isOne();
        Detector after = before.restarted();
        assertThat(after.detector.openAlerts()).isOne();
        assertThat(after.detector.watermark()).isEqualTo(CUT - 1);
        after.feed(CUT, T0 + 500);

        assertThat(after.events()).doesNotContain(Alert.START).endsWith(Alert.END).contains(Alert.UPDATE);
        assertThat(after.alerts).allSatisfy(a -> {
            assertThat(a.id()).isEqualTo(VICTIM_TEXT + "@" + start.start()).isEqualTo(start.id());
            assertThat(a.start()).isEqualTo(start.start());
        });
        long warm = CUT + WINDOW - 1; // the first second of a full window after the restart
        assertThat(after.alerts).allSatisfy(a -> assertThat(a.at()).as("nothing while the window fills").isGreaterThanOrEqualTo(warm));
        assertThat(eventsFrom(after.alerts, warm)).isEqualTo(eventsFrom(through.alerts, warm));
        Alert ended = after.alerts.get(after.alerts.size() - 1);
        assertThat(ended.topSources().get(0).address()).isEqualTo("203.0.113.5");
        assertThat(ended.topPorts().get(0)).extracting(Alert.Port::proto, Alert.Port::port).containsExactly(17, 53);
        assertThat(after.detector.openAlerts()).isZero();
        assertThat(after.detector.alertsStarted()).isZero();
        assertThat(after.detector.exportChanges()).contains(new StateRecord("attack/" + VICTIM_TEXT, null));
    }

    @Test
    void flowsReadAgainFromBeforeTheExportFillTheWindowWithoutASecondJudgementOfTheirSeconds() {
        Detector before = new Detector().feed(T0, CUT);
        Detector after = before.restarted().feed(CUT - WINDOW, T0 + 500); // the last 10 s again, as after a rewind
        assertThat(after.detector.lateFlows()).isZero();
        assertThat(after.alerts).allSatisfy(a -> assertThat(a.at()).isGreaterThanOrEqualTo(CUT - 1));
        assertThat(eventsFrom(after.alerts, CUT - 1)).isEqualTo(eventsFrom(through.alerts, CUT - 1)).isNotEmpty();

        Detector older = new Detector().feed(T0, CUT).restarted().feed(CUT - 2 * WINDOW, CUT);
        assertThat(older.detector.lateFlows()).as("older than the window: judged before the restart").isEqualTo(10L * 3);
    }

    @Test
    void anAlertWhoseFloodEndedWhileTheDetectorWasDownEndsOnceTheWarmupIsOverWithItsAttackers() {
        Detector after = new Detector().feed(T0, CUT).restarted();
        long back = FLOOD_TO + 600; // ten minutes after the flood ended
        after.feed(back, back + 100);

        assertThat(endOf(after)).satisfies(a -> {
            assertThat(a.start()).isEqualTo(start.start());
            assertThat(a.end()).as("below from the warmup's end").isEqualTo(back + WINDOW - 1);
            assertThat(a.at()).isEqualTo(a.end() + WINDOW - 1);
            assertThat(a.peak().bitsPerSecond()).isGreaterThan(16e6);
            assertThat(a.topSources().get(0).address()).as("as reported before the restart").isEqualTo("203.0.113.5");
            assertThat(a.topPorts().get(0).port()).isEqualTo(53);
        });
    }

    @Test
    void anAlertWhoseTargetIsNeverSeenAgainEndsAfterTheWarmupAndAWindowOfEventTime() {
        Detector quiet = new Detector().feed(T0, CUT).restarted();
        quiet.feed(CUT, CUT + 100, 0, false); // only the neighbour
        Alert quietEnd = endOf(quiet);
        assertThat(quietEnd).satisfies(a -> {
            assertThat(a.at()).isLessThan(CUT + 2 * WINDOW);
            assertThat(a.rates()).isEqualTo(Rates.ZERO);
            assertThat(a.topSources()).extracting(Alert.Source::address).first().isEqualTo("203.0.113.5");
        });

        Detector idle = new Detector().feed(T0, CUT).restarted(); // no flow at all: the caller moves the clock
        for (long s = CUT; s < CUT + 100; s++) {
            idle.detector.advanceTo(s);
        }
        assertThat(endOf(idle).at()).isEqualTo(quietEnd.at());
    }

    @Test
    void aBaselineLearnedBeforeTheRestartIsUsedAfterIt() {
        long normal = 250_000; // 2 Mbit/s, above the 1 Mbit/s floor
        Detector learned = new Detector(true).feed(T0, T0 + 200, normal, true);
        assertThat(learned.alerts).isEmpty();
        Detector after = new Detector();
        after.importAll(learned.detector.exportState());
        after.feed(T0 + 200, FLOOD_FROM, normal, true);
        assertThat(after.alerts).as("the baseline covers it").isEmpty();

        Detector fresh = new Detector().feed(T0 + 200, FLOOD_FROM, normal, true);
        assertThat(fresh.events()).as("without the baseline only the floor").contains(Alert.START);

        after.feed(FLOOD_FROM, FLOOD_FROM + 20, normal, true);
        assertThat(after.alerts).first().satisfies(a -> {
            assertThat(a.event()).isEqualTo(Alert.START);
            assertThat(a.baseline().bitsPerSecond()).isEqualTo(2_000_000.0);
        });
    }
}
