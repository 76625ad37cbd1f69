package org.bwnetflow.connect.ddos.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.ddos.detection.Suspect.Change.ENDED;
import static org.bwnetflow.connect.ddos.detection.Suspect.Change.NONE;
import static org.bwnetflow.connect.ddos.detection.Suspect.Change.RELEASED;
import static org.bwnetflow.connect.ddos.detection.Suspect.Change.STARTED;

import org.bwnetflow.connect.ddos.detection.testing.DetectorFlows;
import org.junit.jupiter.api.Test;

/** The threshold and alert rules: floor against multiple, start, hysteresis end. */
class SuspectTest {

    private static final Rates THRESHOLD = new Rates(1_000, 100);
    private static final Rates QUIET = new Rates(300, 30);
    private static final Rates WATCHED = new Rates(700, 30);
    private static final Prefix SOURCE = Prefix.address(DetectorFlows.ip("198.51.100.1"));

    @Test
    void theThresholdIsTheMultipleOfTheBaselineButNeverBelowTheFloor() {
        Thresholds thresholds = new Thresholds(1_000, 100, 3);
        assertThat(thresholds.of(null)).isEqualTo(new Rates(1_000, 100)); // no baseline: the floor
        assertThat(thresholds.of(new Rates(500, 50))).isEqualTo(new Rates(1_500, 150)); // above the floor
        assertThat(thresholds.of(new Rates(200, 20))).isEqualTo(new Rates(1_000, 100)); // a quiet target: the floor
        assertThat(thresholds.of(new Rates(500, 20))).isEqualTo(new Rates(1_500, 100)); // each rate for itself
    }

    @Test
    void startsWhenEitherRateExceedsItsThresholdOnceItsTopListsHoldAFlowAndAllowed() {
        Suspect bits = new Suspect(100, 10, THRESHOLD);
        assertThat(bits.update(100, new Rates(5_000, 10), THRESHOLD, true)).isEqualTo(NONE); // no flow in its lists yet
        bits.add(SOURCE, 17, 53, 1_000);
        assertThat(bits.update(101, new Rates(5_000, 10), THRESHOLD, false)).isEqualTo(NONE); // warming up
        assertThat(bits.update(102, new Rates(5_000, 10), THRESHOLD, true)).isEqualTo(STARTED);
        assertThat(bits.alerting()).as("the detector begins the alert").isFalse();
        bits.begin(102, new Rates(5_000, 10));
        assertThat(bits.start()).isEqualTo(102);
        assertThat(bits.alerting()).isTrue();

        Suspect packets = watchedWithAFlow(100);
        assertThat(packets.update(100, new Rates(10, 101), THRESHOLD, true)).isEqualTo(STARTED); // the watch's own second
        assertThat(watchedWithAFlow(100).update(101, THRESHOLD, THRESHOLD, true)).isEqualTo(NONE); // at is not above
    }

    @Test
    void keepsTheThresholdOfItsLastDecisionForThePerFlowStart() {
        Suspect suspect = new Suspect(100, 10, THRESHOLD);
        assertThat(suspect.threshold()).isEqualTo(THRESHOLD);
        Rates nextHour = new Rates(3_000, 300);
        suspect.update(100, WATCHED, nextHour, true);
        assertThat(suspect.threshold()).isEqualTo(nextHour);
    }

    @Test
    void endsOnlyAfterAWholeWindowBelowSoAFloodThatPausesIsOneAlert() {
        Suspect suspect = watchedWithAFlow(0);
        assertThat(suspect.update(1, new Rates(9_000, 0), THRESHOLD, true)).isEqualTo(STARTED);
        suspect.begin(1, new Rates(9_000, 0));
        for (long s = 2; s < 11; s++) { // below for 9 seconds: not yet a window
            assertThat(suspect.update(s, QUIET, THRESHOLD, true)).isEqualTo(NONE);
        }
        assertThat(suspect.update(11, new Rates(20_000, 0), THRESHOLD, true)).isEqualTo(NONE); // back: still one alert
        for (long s = 12; s < 21; s++) {
            assertThat(suspect.update(s, QUIET, THRESHOLD, true)).isEqualTo(NONE);
        }
        assertThat(suspect.update(21, Rates.ZERO, THRESHOLD, true)).isEqualTo(ENDED); // 12..21: a whole window
        assertThat(suspect.belowSince()).isEqualTo(12);
        assertThat(suspect.peak()).isEqualTo(new Rates(20_000, 30)); // each rate's own highest
    }

    @Test
    void aWatchNotInAlertIsReleasedBelowHalfItsThreshold() {
        Suspect suspect = watchedWithAFlow(0);
        assertThat(suspect.update(1, WATCHED, THRESHOLD, true)).isEqualTo(NONE);
        assertThat(suspect.update(2, QUIET, THRESHOLD, true)).isEqualTo(RELEASED);
    }

    @Test
    void topListsCoverTheRecentWindowsWhileWatched() {
        Suspect suspect = new Suspect(0, 10, THRESHOLD);
        suspect.add(Prefix.address(DetectorFlows.ip("192.0.2.1")), 17, 53, 1_000);
        suspect.update(10, WATCHED, THRESHOLD, true); // a new generation
        suspect.add(Prefix.address(DetectorFlows.ip("192.0.2.2")), 6, 80, 500);
        assertThat(suspect.sources().top(5)).hasSize(2);
        assertThat(suspect.talkerSeconds(15)).isEqualTo(15);
        suspect.update(20, WATCHED, THRESHOLD, true); // and another: the first is forgotten
        assertThat(suspect.sources().top(5)).extracting(e -> e.getKey().text()).containsExactly("192.0.2.2");
        assertThat(suspect.ports().top(5)).extracting(e -> e.getKey()).containsExactly(6 << 16 | 80);
        assertThat(suspect.talkerSeconds(25)).isEqualTo(15);
    }

    private static Suspect watchedWithAFlow(long second) {
        Suspect suspect = new Suspect(second, 10, THRESHOLD);
        suspect.add(SOURCE, 17, 53, 1_000);
        return suspect;
    }
}
