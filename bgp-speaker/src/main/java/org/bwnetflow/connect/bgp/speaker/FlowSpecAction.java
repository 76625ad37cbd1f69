package org.bwnetflow.connect.bgp.speaker;

/**
 * What a FlowSpec rule does to the traffic it matches: both are the traffic-rate extended community (RFC 8955
 * section 7.3, bytes per second as a 32-bit IEEE float), discard being rate 0.
 */
public sealed interface FlowSpecAction permits FlowSpecAction.Discard, FlowSpecAction.RateLimit {

    /** The traffic-rate in bytes per second this action announces. */
    float bytesPerSecond();

    static FlowSpecAction discard() {
        return new Discard();
    }

    static FlowSpecAction rateLimit(float bytesPerSecond) {
        return new RateLimit(bytesPerSecond);
    }

    /** The action of a traffic-rate: 0 is discard. */
    static FlowSpecAction ofRate(float bytesPerSecond) {
        return bytesPerSecond == 0f ? new Discard() : new RateLimit(bytesPerSecond);
    }

    /** Drop all matching traffic (traffic-rate 0). */
    record Discard() implements FlowSpecAction {
        @Override
        public float bytesPerSecond() {
            return 0f;
        }

        @Override
        public String toString() {
            return "discard";
        }
    }

    /** Limit matching traffic to {@code bytesPerSecond} (above 0; a 32-bit float, as BGP carries it). */
    record RateLimit(float bytesPerSecond) implements FlowSpecAction {
        public RateLimit {
            if (!(bytesPerSecond > 0f) || Float.isInfinite(bytesPerSecond)) {
                throw new IllegalArgumentException("a rate limit is a finite number of bytes per second above 0 (0 is discard), not "
                        + bytesPerSecond);
            }
        }

        @Override
        public String toString() {
            return "rate-limit " + (bytesPerSecond == Math.rint(bytesPerSecond) && bytesPerSecond < 1e15f
                    ? Long.toString((long) bytesPerSecond) : Float.toString(bytesPerSecond)) + " bytes/s";
        }
    }
}
