package org.bwnetflow.connect.influx.segment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.influx.health.PendingHealth;

/**
 * One Kafka partition's records cut into segments ({@link SegmentTimes}), the totals each segment
 * adds to each window, and the offset that may be committed.
 *
 * <p>Counting exactly once rests on three rules, all decided by the records alone, so that a
 * replay from a committed offset decides exactly as the first run did:
 * <ul>
 *   <li>A record (of any kind) whose timestamp lies in a later segment interval than the open
 *   segment's first flow closes that segment. A flow opens a segment when none is open. Other
 *   records (ingest health, rejected values) belong to the open segment, or to none.</li>
 *   <li>A closed segment never changes: its totals per window are written once, at points of its
 *   own (window start plus the segment's slot), which no other segment writes. A replay writes
 *   the same values to the same points.</li>
 *   <li>Offsets are committed only at the first flow of a segment or where no segment is open:
 *   at the first segment that is not closed and written, and never past an unwritten health
 *   point. A replay therefore starts a segment exactly where the first run started it, with the
 *   same number, and closes it at the same record.</li>
 * </ul>
 * No flow is ever dropped for its time: the clock policy moves a flow whose time cannot be
 * trusted to the window of its record's time. Memory holds the open segment and the closed ones
 * waiting for their write; each spans one write interval of record time and the windows within the
 * tolerance of it.
 *
 * <p>The open segment's totals may be written early (a quiet partition's newest seconds, for the
 * dashboards): its later points replace them with totals of more records, and a replay computes
 * the full segment again. Top-N measurements are not written early (their host rows could change).
 */
public final class PartitionSegments<A> {

    /** What became of a record. */
    public enum Outcome {
        COUNTED,
        /** Counted in the window of its record's time: its own time was beyond the tolerance. */
        CLOCK_CORRECTED,
        /** At or below the last offset seen: a batch Connect delivers again after a retriable failure. */
        ALREADY_SEEN
    }

    private final SegmentTimes times;
    private final LongFunction<A> newWindow;
    private final BiConsumer<A, Struct> adder;
    /** Health records that came while no segment was open, waiting for their write. */
    private final PendingHealth outside = new PendingHealth();
    /** Closed segments not yet written (or whose health points are not), oldest first. */
    private final ArrayDeque<Segment<A>> closed = new ArrayDeque<>();
    private Segment<A> open;
    private long lastOffset = -1;
    private boolean arrivedSinceCheck;
    private long lastArrival = Long.MIN_VALUE / 2;

    /**
     * @param newWindow a window's empty totals, given its start
     * @param adder     adds a flow to a window's totals
     */
    public PartitionSegments(SegmentTimes times, LongFunction<A> newWindow, BiConsumer<A, Struct> adder) {
        this.times = times;
        this.newWindow = newWindow;
        this.adder = adder;
    }

    /**
     * Counts a flow record in its segment's window.
     *
     * @param flowTimeMillis  the flow's time (TimeFlowEnd or TimeReceived; 0 when it has none)
     * @param recordTimestamp the record's Kafka timestamp
     */
    public Outcome addFlow(long offset, long flowTimeMillis, long recordTimestamp, Struct flow) {
        if (!advance(offset, recordTimestamp)) {
            return Outcome.ALREADY_SEEN;
        }
        if (open == null) {
            open = new Segment<>(offset, times.segmentNumber(recordTimestamp));
        }
        long reference = times.reference(recordTimestamp, open.number);
        long windowStart = times.windowOf(flowTimeMillis, reference);
        Window<A> window = open.windows.computeIfAbsent(windowStart, start -> new Window<>(newWindow.apply(start)));
        adder.accept(window.aggregates, flow);
        window.dirty = true;
        return times.isSkewed(flowTimeMillis, reference) ? Outcome.CLOCK_CORRECTED : Outcome.COUNTED;
    }

    /**
     * Keeps an ingest health record's point for the next write, in the open segment if there is one.
     *
     * @return false for a redelivered record
     */
    public boolean addHealth(long offset, long recordTimestamp, Point point) {
        if (!advance(offset, recordTimestamp)) {
            return false;
        }
        (open == null ? outside : open.health).add(offset, point);
        return true;
    }

    /** A record that is neither (rejected, reported to the dead letter queue): the commit passes it with its segment. */
    public void passOver(long offset, long recordTimestamp) {
        advance(offset, recordTimestamp);
    }

    /** Takes a record's offset and closes the open segment when the record lies in a later interval; false when redelivered. */
    private boolean advance(long offset, long recordTimestamp) {
        arrivedSinceCheck = true; // a redelivered batch too: the partition is busy, not idle
        if (offset <= lastOffset) {
            return false;
        }
        lastOffset = offset;
        if (open != null && times.segmentNumber(recordTimestamp) > open.number) {
            open.closed = true;
            closed.addLast(open);
            open = null;
        }
        return true;
    }

    /**
     * Whether no record (new or redelivered) arrived within {@code idleMillis} of the wall clock:
     * the wall clock is read at each check, as the task runs them.
     */
    public boolean isIdle(long wallClock, long idleMillis) {
        if (arrivedSinceCheck) {
            lastArrival = wallClock;
            arrivedSinceCheck = false;
        }
        return wallClock - lastArrival >= idleMillis;
    }

    /** The closed segments waiting for their write, oldest first (some may wait for health points only). */
    public List<Segment<A>> closed() {
        return new ArrayList<>(closed);
    }

    /** The open segment, or null when none is open. */
    public Segment<A> open() {
        return open;
    }

    /** Health points that came while no segment was open. */
    public PendingHealth outsideHealth() {
        return outside;
    }

    /** A closed segment's windows reached the database: it is forgotten once its health points are written too. */
    public void windowsWritten(Segment<A> segment) {
        if (!segment.closed) {
            throw new IllegalStateException("only a closed segment is written for good");
        }
        segment.windowsWritten = true;
        segment.windows.clear(); // written for good: only its health points may still wait
        forgetWritten();
    }

    /** Forgets the closed segments whose windows and health points are written (after the caller marked them). */
    public void forgetWritten() {
        closed.removeIf(Segment::isDone);
    }

    /**
     * The offset to commit (the next record to read after a restart): the start of the first
     * segment that is not closed and written, held at the first unwritten health point outside
     * segments; when nothing is held, the consumer's position, which may lie past records Connect
     * skipped before the task saw them (values its converter could not read, sent to the dead
     * letter queue): they open no segment in any run. Empty before anything was consumed.
     *
     * @param consumedPosition the consumer's position in the partition as Connect reports it, or -1
     */
    public OptionalLong commitOffset(long consumedPosition) {
        long commit = Long.MAX_VALUE;
        for (Segment<A> segment : closed) {
            commit = Math.min(commit, segment.startOffset);
        }
        if (open != null) {
            commit = Math.min(commit, open.startOffset);
        }
        commit = Math.min(commit, outside.commitLimit().orElse(Long.MAX_VALUE));
        if (commit == Long.MAX_VALUE) {
            commit = Math.max(lastOffset + 1, consumedPosition);
        }
        return commit <= 0 && lastOffset < 0 ? OptionalLong.empty() : OptionalLong.of(commit);
    }

    /** Windows held in memory, over all segments. */
    public int windowsHeld() {
        int held = open == null ? 0 : open.windows.size();
        for (Segment<A> segment : closed) {
            held += segment.windows.size();
        }
        return held;
    }

    /** A segment of the partition: its first flow's offset and number, its totals per window, its health points. */
    public static final class Segment<A> {
        private final long startOffset;
        private final long number;
        private final TreeMap<Long, Window<A>> windows = new TreeMap<>();
        private final PendingHealth health = new PendingHealth();
        private boolean closed;
        private boolean windowsWritten;

        Segment(long startOffset, long number) {
            this.startOffset = startOffset;
            this.number = number;
        }

        public long startOffset() {
            return startOffset;
        }

        public long number() {
            return number;
        }

        public boolean isClosed() {
            return closed;
        }

        /** The window starts this segment adds to, in order. */
        public List<Long> windowStarts() {
            return new ArrayList<>(windows.keySet());
        }

        public A aggregates(long windowStart) {
            return windows.get(windowStart).aggregates;
        }

        /** Whether the window changed since {@link #markClean}. */
        public boolean isDirty(long windowStart) {
            return windows.get(windowStart).dirty;
        }

        /** The window's totals so far were written (early, while the segment is open). */
        public void markClean(long windowStart) {
            windows.get(windowStart).dirty = false;
        }

        public PendingHealth health() {
            return health;
        }

        boolean isDone() {
            return closed && windowsWritten && health.size() == 0;
        }
    }

    private static final class Window<A> {
        final A aggregates;
        boolean dirty;

        Window(A aggregates) {
            this.aggregates = aggregates;
        }
    }
}
