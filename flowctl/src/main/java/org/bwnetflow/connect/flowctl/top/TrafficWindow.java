package org.bwnetflow.connect.flowctl.top;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.TIME_RECEIVED;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.Counters;
import org.bwnetflow.connect.model.Flows;

/**
 * The last {@code capacitySeconds} of traffic in one-second buckets, by the flows' own receive
 * time, so that a backlog read at full speed shows the rates it had when it arrived.
 *
 * <p>The window ends at the newest second seen (the watermark); flows older than the capacity
 * behind it are dropped and counted as late.
 */
final class TrafficWindow {

    private final int capacitySeconds;
    private final NavigableMap<Long, Bucket> buckets = new TreeMap<>();
    private long watermark = Long.MIN_VALUE;
    private long firstSecond = Long.MAX_VALUE;
    private long late;

    TrafficWindow(int capacitySeconds) {
        this.capacitySeconds = capacitySeconds;
    }

    void add(Struct flow) {
        long second = Flows.number(flow, TIME_RECEIVED);
        if (second > watermark) {
            watermark = second;
            buckets.headMap(watermark - capacitySeconds, true).clear();
        }
        if (second <= watermark - capacitySeconds) {
            late++;
            return;
        }
        firstSecond = Math.min(firstSecond, second);
        long factor = Flows.samplingFactor(flow);
        buckets.computeIfAbsent(second, s -> new Bucket()).add(flow, Counters.scale(Flows.number(flow, BYTES), factor),
                Counters.scale(Flows.number(flow, PACKETS), factor));
    }

    /** The newest second seen, or {@code Long.MIN_VALUE} before the first flow. */
    long watermark() {
        return watermark;
    }

    long late() {
        return late;
    }

    /**
     * The traffic of the {@code seconds} seconds ending at {@code clock}; rates are per second of
     * the window, or of the time since the first flow when that is shorter (a view just started).
     */
    WindowTotals totals(long clock, int seconds) {
        Volume total = new Volume();
        Map<Dimension, Map<String, Volume>> split = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            split.put(dimension, new HashMap<>());
        }
        if (clock == Long.MIN_VALUE) { // no flow yet
            return new WindowTotals(total, split, seconds);
        }
        for (Bucket bucket : buckets.subMap(clock - seconds, false, clock, true).values()) {
            total.add(bucket.total);
            bucket.split.forEach((dimension, labels) -> labels.forEach((label, volume) ->
                    split.get(dimension).computeIfAbsent(label, l -> new Volume()).add(volume)));
        }
        long covered = firstSecond == Long.MAX_VALUE ? seconds : Math.min(seconds, clock - firstSecond + 1);
        return new WindowTotals(total, split, Math.max(1, covered));
    }

    /** One second of traffic: the total and the split by every dimension. */
    private static final class Bucket {
        final Volume total = new Volume();
        final Map<Dimension, Map<String, Volume>> split = new EnumMap<>(Dimension.class);

        void add(Struct flow, long bytes, long packets) {
            total.add(bytes, packets, 1);
            for (Dimension dimension : Dimension.values()) {
                split.computeIfAbsent(dimension, d -> new HashMap<>())
                        .computeIfAbsent(dimension.labelOf(flow), l -> new Volume()).add(bytes, packets, 1);
            }
        }
    }
}
