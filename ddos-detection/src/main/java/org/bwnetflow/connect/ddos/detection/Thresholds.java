package org.bwnetflow.connect.ddos.detection;

/**
 * A target's threshold: a multiple of its baseline for the hour, never below the floor. The floor
 * alone applies where there is no baseline (a new target, an hour never seen), and it keeps a quiet
 * target's small baseline from turning ordinary bursts into alerts.
 */
public record Thresholds(double floorBitsPerSecond, double floorPacketsPerSecond, double multiple) {

    public Rates floor() {
        return new Rates(floorBitsPerSecond, floorPacketsPerSecond);
    }

    /** The threshold for a baseline, or the floor for none (null). */
    public Rates of(Rates baseline) {
        return baseline == null ? floor() : baseline.times(multiple).max(floor());
    }
}
