package org.bwnetflow.connect.flowctl.ddos;

/**
 * A target's threshold: a multiple of its baseline for the hour, never below the floor. The floor
 * alone applies where there is no baseline (a new target, an hour never seen), and it keeps a quiet
 * target's small baseline from turning ordinary bursts into alerts.
 */
record Thresholds(double floorBitsPerSecond, double floorPacketsPerSecond, double multiple) {

    Rates floor() {
        return new Rates(floorBitsPerSecond, floorPacketsPerSecond);
    }

    /** The threshold for a baseline, or the floor for none (null). */
    Rates of(Rates baseline) {
        return baseline == null ? floor() : baseline.times(multiple).max(floor());
    }
}
