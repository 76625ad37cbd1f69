package org.bwnetflow.connect.flowctl.ddos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HourlyBaselineTest {

    @TempDir
    Path tmp;

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

    @Test
    void savesAndLoadsEveryHourAsReadableVersionedJsonLeavingNoTemporaryFile() throws Exception {
        HourlyBaseline baseline = new HourlyBaseline(60, ZoneId.of("Europe/Berlin"), 10);
        baseline.learn("192.0.2.0/24", 0, new Rates(123_456_789.25, 1_234.5));
        baseline.learn("192.0.2.0/24", 23, new Rates(5, 0.125));
        baseline.learn("192.0.2.0/24", 23, new Rates(7, 0.25));
        baseline.learn("2001:db8::/48", 12, new Rates(1e9, 1e5));
        Path file = tmp.resolve("baseline.json");
        BaselineFile.save(baseline, file);
        BaselineFile.save(baseline, file); // over the old one

        HourlyBaseline loaded = new HourlyBaseline(60, ZoneId.of("Europe/Berlin"), 10);
        BaselineFile.load(file, loaded);
        assertThat(loaded.targets()).containsExactlyInAnyOrderElementsOf(baseline.targets());
        for (String target : baseline.targets()) {
            for (int hour = 0; hour < 24; hour++) {
                Rates saved = baseline.get(target, hour);
                Rates read = loaded.get(target, hour);
                if (saved == null) {
                    assertThat(read).isNull();
                } else { // rounded to 0.1 bit/s and 0.001 packet/s in the file
                    assertThat(read.bitsPerSecond()).isCloseTo(saved.bitsPerSecond(), within(0.05));
                    assertThat(read.packetsPerSecond()).isCloseTo(saved.packetsPerSecond(), within(0.0005));
                }
                assertThat(loaded.windows(target, hour)).isEqualTo(baseline.windows(target, hour));
            }
        }
        assertThat(Files.list(tmp)).containsExactly(file);
        String text = Files.readString(file);
        assertThat(text).contains("123456789.3").doesNotContain("E+").contains("\n");
        JsonNode json = DdosJson.MAPPER.readTree(text);
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("window_seconds").asInt()).isEqualTo(60);
        assertThat(json.get("zone").asText()).isEqualTo("Europe/Berlin");
        JsonNode hours = json.get("targets").get("192.0.2.0/24");
        assertThat(hours.get("bits_per_second")).hasSize(24);
        assertThat(hours.get("bits_per_second").get(1).isNull()).isTrue();
        assertThat(hours.get("packets_per_second").get(23).asDouble()).isEqualTo(0.188); // (0.125 + 0.25) / 2
        assertThat(hours.get("windows").get(23).asInt()).isEqualTo(2);
    }

    @Test
    void refusesAFileOfAnotherVersionOrZoneOrNotABaseline() throws Exception {
        Path file = tmp.resolve("b.json");
        HourlyBaseline utc = new HourlyBaseline(60, ZoneOffset.UTC, 10);
        Files.writeString(file, "{\"version\":2,\"zone\":\"UTC\",\"targets\":{}}");
        assertThatThrownBy(() -> BaselineFile.load(file, utc)).hasMessageContaining("version 2");
        Files.writeString(file, "{\"version\":1,\"zone\":\"Europe/Berlin\",\"targets\":{}}");
        assertThatThrownBy(() -> BaselineFile.load(file, utc)).hasMessageContaining("Europe/Berlin");
        Files.writeString(file, "{\"version\":1,\"zone\":\"UTC\",\"targets\":{\"x\":{\"bits_per_second\":[1]}}}");
        assertThatThrownBy(() -> BaselineFile.load(file, utc)).hasMessageContaining("24 entries");
        Files.writeString(file, "[1, 2");
        assertThatThrownBy(() -> BaselineFile.load(file, utc)).hasMessageContaining("not JSON");
        Files.writeString(file, "{\"version\":1,\"zone\":\"Z\",\"targets\":{}}"); // UTC by another name is fine
        BaselineFile.load(file, utc);
    }
}
