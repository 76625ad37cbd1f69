package org.bwnetflow.connect.flowctl.ddos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.bwnetflow.connect.ddos.detection.HourlyBaseline;
import org.bwnetflow.connect.ddos.detection.Rates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline file of --baseline (what the baseline learns is tested with HourlyBaseline in ddos-detection). */
class BaselineFileTest {

    @TempDir
    Path tmp;

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
