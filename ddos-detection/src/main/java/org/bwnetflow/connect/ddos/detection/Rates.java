package org.bwnetflow.connect.ddos.detection;

/** Traffic rates (also thresholds and baselines): bits and packets per second. */
public record Rates(double bitsPerSecond, double packetsPerSecond) {

    static final Rates ZERO = new Rates(0, 0);

    /** True when either rate is above the other's: a flood may be one of bandwidth or of packets. */
    public boolean exceeds(Rates limit) {
        return bitsPerSecond > limit.bitsPerSecond || packetsPerSecond > limit.packetsPerSecond;
    }

    Rates times(double factor) {
        return new Rates(bitsPerSecond * factor, packetsPerSecond * factor);
    }

    Rates max(Rates other) {
        return new Rates(Math.max(bitsPerSecond, other.bitsPerSecond), Math.max(packetsPerSecond, other.packetsPerSecond));
    }
}
