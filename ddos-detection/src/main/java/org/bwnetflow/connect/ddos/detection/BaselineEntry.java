package org.bwnetflow.connect.ddos.detection;

/**
 * One target's baseline as exported and imported: per hour of day the rates and the windows learned
 * (0: the hour has no baseline, its rates mean nothing), and the second its last window was learned
 * (0 when unknown, e.g. for a target read from a flowctl baseline file). The arrays are copies.
 */
record BaselineEntry(String target, long lastLearned, double[] bitsPerSecond, double[] packetsPerSecond, int[] windows) {
}
