package org.bwnetflow.connect.ddos.detection;

/**
 * What the detector is told: the window, the thresholds, the warmup (event-time seconds after the
 * first flow before an alert may start), how targets are formed, whether it only learns, and how
 * often an open alert is reported between its start and its end (event-time seconds, 0: never).
 */
public record DetectorSettings(int windowSeconds, double multiple, double floorBitsPerSecond,
                               double floorPacketsPerSecond, long warmupSeconds, int prefixLengthV4,
                               int prefixLengthV6, int maxTargets, boolean learnOnly, int updateIntervalSeconds) {

    public DetectorSettings {
        if (updateIntervalSeconds < 0) {
            throw new IllegalArgumentException("updateIntervalSeconds must be 0 (no updates) or more, got "
                    + updateIntervalSeconds);
        }
    }

    /** Settings without updates: an alert's start and end only. */
    public DetectorSettings(int windowSeconds, double multiple, double floorBitsPerSecond, double floorPacketsPerSecond,
                            long warmupSeconds, int prefixLengthV4, int prefixLengthV6, int maxTargets, boolean learnOnly) {
        this(windowSeconds, multiple, floorBitsPerSecond, floorPacketsPerSecond, warmupSeconds, prefixLengthV4,
                prefixLengthV6, maxTargets, learnOnly, 0);
    }

    public Thresholds thresholds() {
        return new Thresholds(floorBitsPerSecond, floorPacketsPerSecond, multiple);
    }
}
