package org.bwnetflow.connect.influx.window;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import org.apache.kafka.connect.data.Struct;

/**
 * The windows of one Kafka partition, and which of its offsets may be committed.
 *
 * <p>Counting exactly once rests on three rules, all decided by the partition's own records so
 * that a replay from a committed offset decides the same way:
 * <ul>
 *   <li>A record is late when its Kafka timestamp is past its window's end plus the allowed
 *   lateness; it is skipped (and counted by the caller), now and in any replay.</li>
 *   <li>A window is final once the partition's data time (the largest record timestamp seen) has
 *   passed its end plus the lateness plus a margin; never by the wall clock alone. Its points,
 *   like those of open windows, are totals, written at the window start.</li>
 *   <li>The commit offset never splits a window: it stays at or before the first record of every
 *   window that is not final and written, and of every final window with records after it. A
 *   replay from there therefore sees every record of every window it touches and recomputes
 *   the same totals, which overwrite the same points.</li>
 * </ul>
 * Totals are per partition (the caller tags each partition's points), so no window depends on
 * records another task may be replaying.
 */
public final class PartitionWindows<A> {

    private final long windowMillis;
    private final long latenessMillis;
    private final long marginMillis;
    private final LongFunction<A> newWindow;
    private final BiConsumer<A, Struct> adder;
    private final TreeMap<Long, Window<A>> windows = new TreeMap<>();
    private long dataTime = Long.MIN_VALUE;
    private long lastOffset = -1;
    private long newestReleased = Long.MIN_VALUE;
    private boolean addedSinceLastCheck;
    private long lastArrival = Long.MIN_VALUE / 2;

    /**
     * @param marginMillis how far past end + lateness the data time must be before a window is final:
     *                     covers record timestamps that are not quite in order (several producers)
     * @param newWindow    a window's empty totals, given its start
     * @param adder        adds a flow to a window's totals
     */
    public PartitionWindows(long windowMillis, long latenessMillis, long marginMillis, LongFunction<A> newWindow,
                            BiConsumer<A, Struct> adder) {
        this.windowMillis = windowMillis;
        this.latenessMillis = latenessMillis;
        this.marginMillis = marginMillis;
        this.newWindow = newWindow;
        this.adder = adder;
    }

    /** What became of a record. */
    public enum Outcome {
        COUNTED,
        /** Reached Kafka after its window's end plus the lateness. */
        LATE,
        /** On time by its timestamp, but its window was final and written already (timestamps out of order). */
        AFTER_FINAL,
        ALREADY_SEEN
    }

    /**
     * Counts a record's flow into its window.
     *
     * @param offset          the record's offset; records at or below the last one are ignored (Connect
     *                        redelivers a batch after a retriable failure)
     * @param flowTimeMillis  the flow's time (TimeFlowEnd or TimeReceived)
     * @param recordTimestamp the record's Kafka timestamp
     */
    public Outcome add(long offset, long flowTimeMillis, long recordTimestamp, Struct flow) {
        addedSinceLastCheck = true; // a redelivered batch too: the partition is busy, not idle
        if (offset <= lastOffset) {
            return Outcome.ALREADY_SEEN;
        }
        lastOffset = offset;
        dataTime = Math.max(dataTime, recordTimestamp);
        long start = Math.floorDiv(flowTimeMillis, windowMillis) * windowMillis;
        if (recordTimestamp > start + windowMillis + latenessMillis) {
            return Outcome.LATE;
        }
        Window<A> window = windows.get(start);
        if (window == null && start <= newestReleased) {
            // Its window was final, written and forgotten: only a timestamp out of order by more than the
            // margin gets here. Rewriting the window with this flow alone would lose the others.
            return Outcome.AFTER_FINAL;
        }
        if (window == null) {
            window = new Window<>(start, newWindow.apply(start), offset);
            windows.put(start, window);
        }
        adder.accept(window.aggregates, flow);
        window.maxOffset = offset;
        window.dirty = true;
        return Outcome.COUNTED;
    }

    /**
     * A record of the partition that is not a flow (ingest health, written apart): it counts into no
     * window, but the commit offset may pass it once the windows allow. Its timestamp is not data
     * time: only flows finalize windows.
     */
    public void passOver(long offset) {
        lastOffset = Math.max(lastOffset, offset);
    }

    /**
     * Marks final every window whose end + lateness + margin lies before the partition's data time.
     * Only data time makes a window final (its offsets committable): a partition that goes quiet,
     * or whose consumption stalls (a rebalance, a broker outage, failing writes), may still have
     * records for its windows waiting in Kafka, with timestamps that would count them.
     */
    public void finalizeDue(long wallClock) {
        if (addedSinceLastCheck) {
            lastArrival = wallClock;
            addedSinceLastCheck = false;
        }
        for (Window<A> window : windows.values()) {
            if (!window.finalized && dataTime > due(window)) {
                window.finalized = true;
                window.dirty = true;
            }
        }
    }

    private long due(Window<A> window) {
        return window.end(windowMillis) + latenessMillis + marginMillis;
    }

    /**
     * The windows whose points are due: final ones not written since they became final; with
     * {@code includeOpen}, open ones that changed since their last write; and open ones of a
     * partition without new records for {@code idleMillis} whose end + lateness + margin lies that
     * long behind the wall clock (written, but not final: a later record still counts and the
     * window is written again, and the commit stays before it).
     */
    public List<Long> dueWindows(boolean includeOpen, long wallClock, long idleMillis) {
        boolean idle = wallClock - lastArrival >= idleMillis;
        List<Long> starts = new ArrayList<>();
        windows.forEach((start, window) -> {
            boolean idleDue = idle && wallClock - idleMillis > due(window);
            if (window.dirty && (includeOpen || window.finalized || idleDue)) {
                starts.add(start);
            }
        });
        return starts;
    }

    /** Whether the window is final (its total will not change any more). */
    public boolean isFinal(long windowStart) {
        Window<A> window = windows.get(windowStart);
        return window != null && window.finalized;
    }

    public A aggregates(long windowStart) {
        return windows.get(windowStart).aggregates;
    }

    /** The points of these windows reached the database. */
    public void written(List<Long> windowStarts) {
        for (long start : windowStarts) {
            Window<A> window = windows.get(start);
            if (window != null) {
                window.dirty = false;
                window.written = window.finalized;
            }
        }
    }

    /**
     * The offset to commit (the next record to read after a restart), and forgets the final,
     * written windows that lie wholly before it. Empty before the first record.
     */
    public OptionalLong commitOffset() {
        return commitOffset(Long.MAX_VALUE);
    }

    /**
     * {@link #commitOffset()}, held at or below {@code ceiling}: what else of the partition is not
     * written yet (ingest health). Windows are then kept whole on the lower side of the ceiling too.
     */
    public OptionalLong commitOffset(long ceiling) {
        if (lastOffset < 0) {
            return OptionalLong.empty();
        }
        long commit = Math.min(lastOffset + 1, ceiling);
        for (Window<A> window : windows.values()) {
            if (!window.written) {
                commit = Math.min(commit, window.minOffset);
            }
        }
        // A final window with records on both sides of the commit point would be recomputed from
        // only some of them: move the commit point before it, until no window is split.
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Window<A> window : windows.values()) {
                if (window.minOffset < commit && commit <= window.maxOffset) {
                    commit = window.minOffset;
                    moved = true;
                }
            }
        }
        Iterator<Map.Entry<Long, Window<A>>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            Window<A> window = it.next().getValue();
            if (window.written && window.maxOffset < commit) {
                newestReleased = Math.max(newestReleased, window.start);
                it.remove();
            }
        }
        return OptionalLong.of(commit);
    }

    /** Windows held in memory (open, or final and not yet behind the commit point). */
    public int size() {
        return windows.size();
    }

    private static final class Window<A> {
        final long start;
        final A aggregates;
        final long minOffset;
        long maxOffset;
        boolean dirty;
        boolean finalized;
        boolean written;

        Window(long start, A aggregates, long firstOffset) {
            this.start = start;
            this.aggregates = aggregates;
            this.minOffset = firstOffset;
            this.maxOffset = firstOffset;
        }

        long end(long windowMillis) {
            return start + windowMillis;
        }
    }
}
