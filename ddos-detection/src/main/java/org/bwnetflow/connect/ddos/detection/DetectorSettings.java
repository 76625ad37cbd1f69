package org.bwnetflow.connect.ddos.detection;

/**
 * What the detector is told: the window, the thresholds, the warmup (event-time seconds after the
 * first flow before an alert may start), how targets are formed, and whether it only learns.
 */
public record DetectorSettings(int windowSeconds, double multiple, double floorBitsPerSecond,
                               double floorPacketsPerSecond, long warmupSeconds, int prefixLengthV4,
                               int prefixLengthV6, int maxTargets, boolean learnOnly) {

    public Thresholds thresholds() {
        return new Thresholds(floorBitsPerSecond, floorPacketsPerSecond, multiple);
    }
}
