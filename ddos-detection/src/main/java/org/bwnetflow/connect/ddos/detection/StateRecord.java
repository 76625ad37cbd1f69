package org.bwnetflow.connect.ddos.detection;

import java.util.Arrays;

/**
 * One record of a detector's state, as a compacted Kafka topic holds it: a key and a value, or a
 * null value (a tombstone) for state that is gone, an ended attack or an evicted baseline. Keys are
 * {@value #CLOCK_KEY}, {@value #BASELINE_PREFIX}{@code <target>} and {@value #ATTACK_PREFIX}{@code <target>},
 * relative to one detector: a connector that keeps several detectors in one topic puts its own
 * prefix in front (e.g. the customer). Values are binary, begin with the format version
 * ({@value #VERSION}) and stay far below a kilobyte each (docs/ddos-detection.md has the layout).
 */
public record StateRecord(String key, byte[] value) {

    /** The format version, the first byte of every value. */
    public static final int VERSION = 1;
    /** The detector's clock: its watermark and the zone of its baseline's hours. */
    public static final String CLOCK_KEY = "clock";
    /** One target's baseline, all 24 hours of day. */
    public static final String BASELINE_PREFIX = "baseline/";
    /** One target's open attack. */
    public static final String ATTACK_PREFIX = "attack/";

    public StateRecord {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a state record needs a key");
        }
    }

    /** A deletion: what the key named is gone. */
    public boolean tombstone() {
        return value == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateRecord r && r.key.equals(key) && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key + (value == null ? " (tombstone)" : " (" + value.length + " bytes)");
    }
}
