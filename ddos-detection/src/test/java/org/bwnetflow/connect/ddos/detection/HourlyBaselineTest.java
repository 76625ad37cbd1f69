package org.bwnetflow.connect.ddos.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HourlyBaselineTest {

    @Test
    void learnsTheMeanOfEachHoursWindowsAndNothingForOtherHours() {
        HourlyBaseline baseline = new HourlyBaseline(60, ZoneOffset.UTC, 10);
        baseline.learn("192.0.2.1", 10, new Rates(100, 10));
        baseline.learn("192.0.2.1", 10, new Rates(200, 20));
        baseline.learn("192.0.2.1", 10, new Rates(600, 30));
        assertThat(baseline.get("192.0.2.1", 10)).isEqualTo(new Rates(300, 20));
        assertThat(baseline.windows("192.0.2.1", 10)).isEqualTo(3);
        assertThat(baseline.get("192.0.2.1", 11)).isNull();
        assertThat(baseline.get("192.0.2.2", 10)).isNull();
    }

    @Test
    void anHourNeverLearnedBorrowsTheTargetsHighestLearnedHour() {
        HourlyBaseline baseline = new HourlyBaseline(60, ZoneOffset.UTC, 10);
        baseline.learn("192.0.2.1", 9, new Rates(100, 50));
        baseline.learn("192.0.2.1", 10, new Rates(300, 20));
        assertThat(baseline.reference("192.0.2.1", 10)).as("its own hour").isEqualTo(new Rates(300, 20));
        assertThat(baseline.reference("192.0.2.1", 11)).as("highest of each rate").isEqualTo(new Rates(300, 50));
        assertThat(baseline.reference("192.0.2.2", 11)).as("never learned: floors only").isNull();
    }

    @Test
    void afterAWeekOfAnHoursWindowsANewWindowWeighsOneWeeksShare() {
        HourlyBaseline baseline = new HourlyBaseline(3600, ZoneOffset.UTC, 10); // one window an hour: 7 a week
        for (int day = 0; day < 30; day++) {
            baseline.learn("t", 3, new Rates(100, 1));
        }
        baseline.learn("t", 3, new Rates(800, 1));
        assertThat(baseline.windows("t", 3)).isEqualTo(7);
        assertThat(baseline.get("t", 3).bitsPerSecond()).isEqualTo(100 + 700 / 7.0);
    }

    @Test
    void hoursAreOfTheChosenZone() {
        long noonUtc = Instant.parse("2026-07-01T12:30:00Z").getEpochSecond();
        assertThat(new HourlyBaseline(60, ZoneOffset.UTC, 10).hour(noonUtc)).isEqualTo(12);
        assertThat(new HourlyBaseline(60, ZoneId.of("Europe/Berlin"), 10).hour(noonUtc)).isEqualTo(14); // summer time
        assertThat(new HourlyBaseline(60, ZoneId.of("Europe/Berlin"), 10)
                .hour(Instant.parse("2026-01-01T12:30:00Z").getEpochSecond())).isEqualTo(13);
    }

    @Test
    void targetsBeyondTheCapAreNotLearned() {
        HourlyBaseline baseline = new HourlyBaseline(60, ZoneOffset.UTC, 2);
        baseline.learn("a", 0, new Rates(1, 1));
        baseline.learn("b", 0, new Rates(1, 1));
        baseline.learn("c", 0, new Rates(1, 1));
        assertThat(baseline.targets()).containsExactlyInAnyOrder("a", "b");
    }
}
