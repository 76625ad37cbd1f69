package org.bwnetflow.connect.influx.segment;

import org.bwnetflow.connect.model.FlowClock;

/**
 * The time arithmetic of segments: which segment a record timestamp starts, which window a flow
 * counts in (the clock policy, relative to its segment), and at which millisecond of its window
 * a segment's point lies.
 *
 * <p>A segment of a partition starts with a flow record and takes the following records until a
 * flow whose timestamp lies in a later segment interval ({@code segmentMillis}, the write
 * interval) than the segment's first flow. Its number is that interval's ({@code timestamp /
 * segmentMillis}), so the segments of a partition have increasing numbers, and a segment's number
 * depends only on its own first record.
 *
 * <p>A flow counts in the window of its own time when the clock policy trusts it against its
 * reference, else in the window of the reference. The reference is the record's timestamp (the
 * source sets it to the receive time), or the segment's start when the record's timestamp is
 * older (a record far out of order): so every window a segment adds to lies within the tolerance
 * of the segment, and the numbers of the segments that add to one window lie within a span of
 * {@link #slotSpan} numbers.
 *
 * <p>Each segment writes its own totals of each window at the window start plus its slot: its
 * number minus the window start's number, modulo the window length, in milliseconds. Within one
 * window of one partition the slots of different segments differ (the span is shorter than the
 * window in milliseconds, which the config validation ensures), so no segment's point replaces
 * another's; a dashboard sums them as it sums the partitions.
 */
public final class SegmentTimes {

    private final long windowMillis;
    private final long segmentMillis;
    private final FlowClock clock;

    public SegmentTimes(long windowMillis, long segmentMillis, FlowClock clock) {
        if (windowMillis <= 0 || segmentMillis <= 0) {
            throw new IllegalArgumentException("window and segment must be positive: " + windowMillis + ", " + segmentMillis);
        }
        this.windowMillis = windowMillis;
        this.segmentMillis = segmentMillis;
        this.clock = clock;
        long span = slotSpan(windowMillis, segmentMillis, clock.toleranceMillis());
        if (span > windowMillis) {
            throw new IllegalArgumentException("a window would take points from " + span + " segments, more than its "
                    + windowMillis + " milliseconds");
        }
    }

    /**
     * How many segment numbers can add to one window: those from the tolerance before the window
     * to the tolerance after it, one more on each side for the rounding. At most the window's
     * length in milliseconds, else two segments' points of a window could share a millisecond.
     */
    public static long slotSpan(long windowMillis, long segmentMillis, long toleranceMillis) {
        long after = ceilDiv(toleranceMillis + windowMillis, segmentMillis); // window starts this long before its segment
        long before = 1 + toleranceMillis / segmentMillis;                  // or this long after it
        return after + before + 1;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    public long windowMillis() {
        return windowMillis;
    }

    public long segmentMillis() {
        return segmentMillis;
    }

    /** The number of the segment interval a record timestamp lies in. */
    public long segmentNumber(long timestampMillis) {
        return Math.floorDiv(timestampMillis, segmentMillis);
    }

    /** The reference time of a record in a segment: its timestamp, or the segment's start if that is later. */
    public long reference(long recordTimestamp, long segmentNumber) {
        return Math.max(recordTimestamp, segmentNumber * segmentMillis);
    }

    /** Whether the clock policy distrusts the flow's time against its reference. */
    public boolean isSkewed(long flowTimeMillis, long reference) {
        return clock.isSkewed(flowTimeMillis, reference);
    }

    /** The start of the window a flow counts in, given its time and reference. */
    public long windowOf(long flowTimeMillis, long reference) {
        return Math.floorDiv(clock.timeOf(flowTimeMillis, reference), windowMillis) * windowMillis;
    }

    /** Where a segment's point of a window lies: the window start plus the segment's slot in milliseconds. */
    public long pointTime(long windowStart, long segmentNumber) {
        long relative = segmentNumber - Math.floorDiv(windowStart, segmentMillis);
        return windowStart + Math.floorMod(relative, windowMillis);
    }
}
