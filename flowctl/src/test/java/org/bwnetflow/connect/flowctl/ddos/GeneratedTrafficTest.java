package org.bwnetflow.connect.flowctl.ddos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bwnetflow.connect.ddos.detection.Alert;
import org.bwnetflow.connect.ddos.detection.DdosDetector;
import org.bwnetflow.connect.ddos.detection.DetectorSettings;
import org.bwnetflow.connect.ddos.detection.HourlyBaseline;
import org.bwnetflow.connect.flowctl.testing.FloodTraffic;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detector on generated traffic, as it is meant to be used: two hours of normal traffic learned
 * with learn-only into a baseline file; the next day the same hours again from that file, with
 * traffic that fluctuates (a 20-minute wave of +-25 %, each second's flow count between half and
 * one and a half of that, flows ending up to 5 s before they arrive), and a flood injected for five
 * minutes: many spoofed sources and one dominant one, UDP to one port of one customer address.
 * Per destination address and per /20 (where the customer prefix's baseline sets the threshold).
 */
class GeneratedTrafficTest {

    private static final int WINDOW = 60;
    private static final long DAY1 = Instant.parse("2026-03-02T10:00:00Z").getEpochSecond();
    private static final long DAY2 = DAY1 + 86_400;
    private static final long FLOOD_FROM = DAY2 + FloodTraffic.FLOOD_FROM_OFFSET;
    private static final long FLOOD_TO = FLOOD_FROM + FloodTraffic.FLOOD_SECONDS;
    private static final int FLOOD_PORT = FloodTraffic.FLOOD_PORT;
    private static final double FLOOD_BPS = FloodTraffic.FLOOD_BPS;

    @TempDir
    Path tmp;

    /**
     * Targets and floors. Per address the floor decides (no address carries much). Per /20 the customer
     * prefix (all of 10.0.0-15.x) carries about 400 flows a window, enough that 3 x its baseline sits above
     * its fluctuation and above the floor; a /24 with a sixteenth of that swings to near 3 x its baseline
     * within two hours, which is what the floor is for.
     */
    record Mode(int prefixV4, int prefixV6, double floorBps, double floorPps, String victim) {
        DetectorSettings settings(boolean learnOnly) {
            return new DetectorSettings(WINDOW, 3.0, floorBps, floorPps, WINDOW, prefixV4, prefixV6, 100_000, learnOnly);
        }
    }

    static Stream<Mode> modes() {
        return Stream.of(new Mode(32, 128, 10e6, 5_000, "10.0.3.77"), new Mode(20, 48, 20e6, 5_000, "10.0.0.0/20"));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void anInjectedFloodIsOneAlertNamingItsTargetPortAndDominantSource(Mode mode) throws IOException {
        Path file = learn(mode);
        List<Alert> alerts = run(mode, file, DAY2, DAY2 + 90 * 60, false, true);

        assertThat(alerts).extracting(Alert::event, Alert::target)
                .containsExactly(tuple(Alert.START, mode.victim()), tuple(Alert.END, mode.victim()));
        Alert start = alerts.get(0);
        Alert end = alerts.get(1);
        assertThat(start.start()).isBetween(FLOOD_FROM, FLOOD_FROM + WINDOW);
        assertThat(end.start()).isEqualTo(start.start());
        assertThat(end.end()).isBetween(FLOOD_TO, FLOOD_TO + WINDOW);
        assertThat(start.rates().exceeds(start.threshold())).isTrue();
        assertThat(start.threshold()).isEqualTo(mode.settings(false).thresholds().of(start.baseline()));
        if (mode.prefixV4() < 32) {
            assertThat(start.baseline()).as("the customer prefix was learned").isNotNull();
            assertThat(start.threshold().bitsPerSecond()).as("set by the baseline").isGreaterThan(mode.floorBps());
        }
        for (Alert alert : alerts) {
            // A start comes at the flow that crossed the threshold, its top lists hold part of a second counted as one:
            // lower bounds. The end's cover the alert.
            double least = alert == start ? 0 : 0.5;
            assertThat(alert.topPorts().get(0)).extracting(Alert.Port::proto, Alert.Port::port).containsExactly(17, FLOOD_PORT);
            assertThat(alert.topPorts().get(0).bitsPerSecond()).isStrictlyBetween(FLOOD_BPS * least, FLOOD_BPS * 1.5);
            assertThat(alert.topSources().get(0).address()).isEqualTo(FloodTraffic.DOMINANT_SOURCE);
            assertThat(alert.topSources().get(0).bitsPerSecond()).isStrictlyBetween(FLOOD_BPS / 2 * least, FLOOD_BPS / 2 * 1.5);
        }
        assertThat(end.peak().bitsPerSecond()).isBetween(FLOOD_BPS, FLOOD_BPS * 1.1); // a window of flood + normal

        JsonNode json = DdosJson.MAPPER.readTree(AlertJson.toJson(start));
        assertThat(json.get("event").asText()).isEqualTo("start");
        assertThat(json.get("target").asText()).isEqualTo(mode.victim());
        assertThat(json.get("start").asText()).isEqualTo(Instant.ofEpochSecond(start.start()).toString());
        assertThat(json.get("end").isNull()).isTrue();
        assertThat(json.get("top_ports").get(0).get("port").asInt()).isEqualTo(FLOOD_PORT);
        assertThat(json.has("baseline_bits_per_second") && json.has("threshold_packets_per_second")).isTrue();
        JsonNode ended = DdosJson.MAPPER.readTree(AlertJson.toJson(end));
        assertThat(ended.get("end").asText()).isEqualTo(Instant.ofEpochSecond(end.end()).toString());
        assertThat(ended.get("peak_bits_per_second").asDouble()).isGreaterThanOrEqualTo(FLOOD_BPS);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void theSameFluctuatingTrafficWithoutTheFloodRaisesNoAlert(Mode mode) throws IOException {
        Path file = learn(mode);
        assertThat(run(mode, file, DAY2, DAY2 + 90 * 60, false, false)).isEmpty();
    }

    /** Day one, 10:00 to 12:00: learn-only into a baseline file. */
    private Path learn(Mode mode) throws IOException {
        Path file = tmp.resolve("baseline.json");
        assertThat(run(mode, file, DAY1, DAY1 + 2 * 3600, true, false)).isEmpty();
        assertThat(file).exists();
        return file;
    }

    /** Traffic from {@code from} to {@code to} through a detector with the baseline of {@code file}, saved after. */
    private static List<Alert> run(Mode mode, Path file, long from, long to, boolean learnOnly, boolean flood)
            throws IOException {
        HourlyBaseline baseline = new HourlyBaseline(WINDOW, ZoneOffset.UTC, 100_000);
        if (Files.exists(file)) {
            BaselineFile.load(file, baseline);
        }
        List<Alert> alerts = new ArrayList<>();
        DdosDetector detector = new DdosDetector(mode.settings(learnOnly), baseline, alerts::add);
        FloodTraffic.generate(from, to, flood, detector::accept);
        assertThat(detector.lateFlows()).isZero();
        BaselineFile.save(baseline, file);
        return alerts;
    }
}
