package org.bwnetflow.connect.influx.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.bwnetflow.connect.influx.aggregate.Point;

/**
 * The ingest health points of one Kafka partition that are not written yet, and how far they let
 * the partition's offsets be committed: to the first unwritten one, so that a crash or a
 * rebalance before the write redelivers it. Points stay until a write succeeds; a failed write
 * leaves them for the retry. Rewriting a point is harmless (same tags and time replace it).
 */
public final class PendingHealth {

    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private long lastOffset = -1;

    private record Entry(long offset, Point point) {
    }

    /**
     * Keeps a record's point until it is written.
     *
     * @return false for a record at or below the last one (Connect redelivers a batch after a retriable failure)
     */
    public boolean add(long offset, Point point) {
        if (offset <= lastOffset) {
            return false;
        }
        lastOffset = offset;
        pending.add(new Entry(offset, point));
        return true;
    }

    /** The points not written yet, oldest first. */
    public List<Point> points() {
        List<Point> points = new ArrayList<>(pending.size());
        pending.forEach(entry -> points.add(entry.point()));
        return points;
    }

    public int size() {
        return pending.size();
    }

    /** The oldest {@code count} points reached the database. */
    public void written(int count) {
        for (int i = 0; i < count && !pending.isEmpty(); i++) {
            pending.removeFirst();
        }
    }

    /** The highest commit offset health allows (the first unwritten point's); empty when none waits. */
    public OptionalLong commitLimit() {
        return pending.isEmpty() ? OptionalLong.empty() : OptionalLong.of(pending.getFirst().offset());
    }
}
