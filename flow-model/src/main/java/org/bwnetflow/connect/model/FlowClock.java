package org.bwnetflow.connect.model;

/**
 * The clock policy: when a flow's own time (TimeFlowEnd, set by the exporter's clock) can be
 * trusted, and what replaces it when not.
 *
 * <p>A flow time further than the tolerance from a reference time that our side set (the record's
 * Kafka timestamp, which the NetFlow source sets to the datagram's receive time) comes from a
 * router with a wrong clock: no NTP, a wrong time zone, an uptime counter that wrapped. Such a time
 * is not trusted; the reference replaces it. So a flow is never dropped for its time and never
 * windowed or filed a year away from when it was seen; the exporter's clock error shows up as a
 * count ({@code ClockSkewed} in the source's ingest health) instead of as lost or stalled traffic.
 *
 * <p>A flow time of 0 means the exporter sent none: the reference is used, and that is no skew.
 */
public final class FlowClock {

    /** One minute: flows exported within an inactive timeout of their end are trusted, in both directions. */
    public static final long DEFAULT_TOLERANCE_MILLIS = 60_000;

    private final long toleranceMillis;

    /** @param toleranceMillis how far a flow time may lie from the reference, in either direction; at least 0 */
    public FlowClock(long toleranceMillis) {
        if (toleranceMillis < 0) {
            throw new IllegalArgumentException("tolerance must be 0 or more, got " + toleranceMillis);
        }
        this.toleranceMillis = toleranceMillis;
    }

    public long toleranceMillis() {
        return toleranceMillis;
    }

    /** Whether the flow carries a time that lies more than the tolerance from the reference. */
    public boolean isSkewed(long flowTimeMillis, long referenceMillis) {
        if (flowTimeMillis <= 0) {
            return false;
        }
        long distance = flowTimeMillis >= referenceMillis ? flowTimeMillis - referenceMillis : referenceMillis - flowTimeMillis;
        return distance < 0 || distance > toleranceMillis; // negative: the difference overflowed, far apart
    }

    /** The time to window or file the flow by: its own when it has one and it is trusted, else the reference. */
    public long timeOf(long flowTimeMillis, long referenceMillis) {
        return flowTimeMillis <= 0 || isSkewed(flowTimeMillis, referenceMillis) ? referenceMillis : flowTimeMillis;
    }

    /**
     * A flow's TimeFlowEnd (uint64 seconds) in milliseconds, saturating instead of overflowing (a
     * hostile exporter may send any 64-bit value); 0 when the flow has none.
     */
    public static long secondsToMillis(long seconds) {
        if (seconds <= 0) {
            return seconds == 0 ? 0 : Long.MAX_VALUE; // uint64 beyond Long.MAX reads as negative
        }
        return seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
    }
}
