package org.bwnetflow.connect.ddos.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.ddos.detection.RestartTraffic.FLOOD_FROM;
import static org.bwnetflow.connect.ddos.detection.RestartTraffic.FLOOD_TO;
import static org.bwnetflow.connect.ddos.detection.RestartTraffic.T0;
import static org.bwnetflow.connect.ddos.detection.RestartTraffic.VICTIM_TEXT;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bwnetflow.connect.ddos.detection.RestartTraffic.Detector;
import org.junit.jupiter.api.Test;

/** The state records: what they hold, round trips, what counts as changed, and records that cannot be taken. */
class DetectorStateTest {

    private static final String BASELINE_KEY = "baseline/" + VICTIM_TEXT;
    private static final String ATTACK_KEY = "attack/" + VICTIM_TEXT;

    private static Detector midFlood() {
        return new Detector().feed(T0, FLOOD_FROM + 50);
    }

    private static byte[] value(List<StateRecord> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().value();
    }

    @Test
    void anExportImportedIntoANewDetectorExportsTheSameInAnyOrder() {
        List<StateRecord> exported = midFlood().detector.exportState();
        assertThat(exported).extracting(StateRecord::key).containsExactly("clock", BASELINE_KEY, ATTACK_KEY);
        assertThat(exported).allSatisfy(r -> {
            assertThat(r.value()[0]).as(r.key() + ": version first").isEqualTo((byte) StateRecord.VERSION);
            assertThat(r.value().length).as(r.key()).isLessThan(1024);
        });

        Detector imported = new Detector();
        imported.importAll(exported);
        assertThat(imported.detector.exportChanges()).as("an import is no change").isEmpty();
        assertThat(imported.detector.exportState()).isEqualTo(exported);

        List<StateRecord> reversed = new ArrayList<>(exported);
        Collections.reverse(reversed);
        Detector other = new Detector();
        other.importAll(reversed);
        assertThat(other.detector.exportState()).isEqualTo(exported);
        assertThat(other.baseline.get(VICTIM_TEXT, other.baseline.hour(T0))).isEqualTo(new Rates(480_000, 60));
        assertThat(other.detector.openAlerts()).isOne();
    }

    @Test
    void onlyWhatChangedSinceTheLastExportIsExportedAndWhatIsGoneAsATombstone() {
        Detector run = new Detector().feed(T0, T0 + 100);
        run.detector.exportState();
        assertThat(run.detector.exportChanges()).isEmpty();

        run.feed(T0 + 100, T0 + 101); // closes T0 + 99, the last second of a window period: learned
        assertThat(run.detector.exportChanges()).extracting(StateRecord::key).containsExactly("clock", BASELINE_KEY);
        run.feed(T0 + 101, T0 + 106); // no period ends
        assertThat(run.detector.exportChanges()).extracting(StateRecord::key).containsExactly("clock");
        run.feed(T0 + 106, T0 + 111);
        assertThat(run.detector.exportChanges()).extracting(StateRecord::key).containsExactly("clock", BASELINE_KEY);

        run.baseline.learn("192.0.2.99", 6, new Rates(5e6, 500), T0 - 86_400);
        run.feed(T0 + 110, FLOOD_FROM + 20);
        List<StateRecord> changes = run.detector.exportChanges();
        assertThat(changes).extracting(StateRecord::key).containsExactly("clock", BASELINE_KEY, "baseline/192.0.2.99", ATTACK_KEY);
        assertThat(run.baseline.evictNotLearnedSince(T0)).isOne();
        run.feed(FLOOD_FROM + 20, FLOOD_TO + 100);
        changes = run.detector.exportChanges();
        assertThat(changes).extracting(StateRecord::key).containsExactly("clock", BASELINE_KEY, ATTACK_KEY, "baseline/192.0.2.99");
        assertThat(changes).filteredOn(StateRecord::tombstone).extracting(StateRecord::key)
                .containsExactly(ATTACK_KEY, "baseline/192.0.2.99");

        Detector restarted = midFlood().restarted(); // a tombstone read back removes what it names
        restarted.detector.importState(ATTACK_KEY, null);
        restarted.detector.importState(BASELINE_KEY, null);
        assertThat(restarted.detector.openAlerts()).isZero();
        assertThat(restarted.detector.exportState()).extracting(StateRecord::key).containsExactly("clock");
    }

    @Test
    void aRecordOfAnotherVersionCutShortOrCorruptIsRefusedNamingItsKey() {
        List<StateRecord> exported = midFlood().detector.exportState();
        byte[] baseline = value(exported, BASELINE_KEY);
        byte[] attack = value(exported, ATTACK_KEY);

        byte[] future = baseline.clone();
        future[0] = 9;
        refused(BASELINE_KEY, future, "version 9, this detector reads version 1");
        refused(BASELINE_KEY, Arrays.copyOf(baseline, baseline.length / 2), "cut short");
        refused(ATTACK_KEY, Arrays.copyOf(attack, attack.length - 3), "cut short");
        refused(BASELINE_KEY, new byte[0], "cut short");
        refused(BASELINE_KEY, Arrays.copyOf(baseline, baseline.length + 1), "1 bytes after the end");
        refused(BASELINE_KEY, attack, "kind 'A'");
        refused("baseline/192.0.2.11", baseline, "holds the state of " + VICTIM_TEXT);
        refused("attack/192.0.2.11", attack, "holds the state of " + VICTIM_TEXT);
        byte[] negative = baseline.clone();
        negative[negative.length - 12] = (byte) 0xC0; // the last hour's packets/s: -2.x
        refused(BASELINE_KEY, negative, "a rate of -");
        refused("flows/1", baseline, "not a key of the detector's state");

        HourlyBaseline otherZone = new HourlyBaseline(10, ZoneId.of("Europe/Berlin"), 10);
        DdosDetector detector = new DdosDetector(RestartTraffic.settings(false), otherZone, a -> { });
        assertThatThrownBy(() -> detector.importState("clock", value(exported, "clock")))
                .isInstanceOf(InvalidStateException.class).hasMessageContaining("state record clock")
                .hasMessageContaining("hours are of zone Z").hasMessageContaining("Europe/Berlin");

        Detector fed = new Detector().feed(T0, T0 + 1);
        assertThatThrownBy(() -> fed.detector.importState(BASELINE_KEY, baseline)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the first flow");
    }

    private static void refused(String key, byte[] value, String why) {
        Detector detector = new Detector();
        assertThatThrownBy(() -> detector.detector.importState(key, value)).as(why)
                .isInstanceOfSatisfying(InvalidStateException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageStartingWith("state record " + key + ": ").hasMessageContaining(why);
    }
}
