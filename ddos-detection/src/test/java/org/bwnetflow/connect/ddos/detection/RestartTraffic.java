package org.bwnetflow.connect.ddos.detection;

import static org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.flow;
import static org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.ip;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The traffic of the state and restart tests: a flow a second to a quiet neighbour (which keeps the
 * clock going), a customer address with normal traffic it learns, and a flood to it from T0 + 300 to
 * T0 + 400 (a 10 s window, a warmup of one window, updates every 5 s).
 */
final class RestartTraffic {

    static final long T0 = 1_772_000_000L; // a multiple of 10; hour 6 UTC until T0 + 2800
    static final long FLOOD_FROM = T0 + 300;
    static final long FLOOD_TO = T0 + 400;
    static final int WINDOW = 10;
    static final String VICTIM_TEXT = "192.0.2.10";
    static final byte[] VICTIM = ip(VICTIM_TEXT);
    static final byte[] OTHER = ip("192.0.2.20");
    static final byte[] ATTACKER = ip("203.0.113.5");
    static final byte[] CLIENT = ip("198.51.100.7");
    static final double FLOOR_BPS = 1_000_000;
    static final long NORMAL_BYTES = 60_000; // 480 kbit/s: learned (above floor / 3), threshold 1.44 Mbit/s
    static final long FLOOD_BYTES = 2_000_000; // 16 Mbit/s

    private RestartTraffic() {
    }

    static DetectorSettings settings(boolean learnOnly) {
        return new DetectorSettings(WINDOW, 3.0, FLOOR_BPS, 1e9, WINDOW, 32, 128, 100_000, learnOnly, 5);
    }

    /** A detector of the test's settings with its alerts in a list and an empty baseline. */
    static final class Detector {
        final List<Alert> alerts = new ArrayList<>();
        final HourlyBaseline baseline = new HourlyBaseline(WINDOW, ZoneOffset.UTC, 100_000);
        final DdosDetector detector;

        Detector(boolean learnOnly) {
            detector = new DdosDetector(settings(learnOnly), baseline, alerts::add);
        }

        Detector() {
            this(false);
        }

        /** A new detector that imports this one's whole state first. */
        Detector restarted() {
            Detector next = new Detector();
            next.importAll(detector.exportState());
            return next;
        }

        void importAll(List<StateRecord> records) {
            records.forEach(r -> detector.importState(r.key(), r.value()));
        }

        /** The traffic of seconds {@code from} to {@code to} (exclusive): normal, and the flood when in its time. */
        Detector feed(long from, long to) {
            return feed(from, to, NORMAL_BYTES, true);
        }

        Detector feed(long from, long to, long normalBytes, boolean victim) {
            for (long s = from; s < to; s++) {
                detector.accept(flow(s, CLIENT, OTHER, 6, 443, 1_000, 2, 1));
                if (victim) {
                    detector.accept(flow(s, CLIENT, VICTIM, 6, 443, normalBytes, normalBytes / 1_000, 1));
                }
                if (victim && s >= FLOOD_FROM && s < FLOOD_TO) {
                    detector.accept(flow(s, ATTACKER, VICTIM, 17, 53, FLOOD_BYTES, FLOOD_BYTES / 1_000, 1));
                }
            }
            return this;
        }

        List<String> events() {
            return alerts.stream().map(Alert::event).toList();
        }
    }
}
