package org.bwnetflow.connect.ddos.detection;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.model.Counters;

/**
 * The heaviest keys (sources, ports) by bytes in bounded memory, with Space-Saving (Metwally et
 * al.): at most {@code capacity} counters; a new key takes over the smallest, inheriting its count
 * as its possible error. Any key with more than 1/capacity of the bytes is kept, and count minus
 * error is a guaranteed lower bound, which is what is reported: a dominant flood source or port
 * comes out right, the many small ones of a spoofed flood come out small rather than invented.
 * Two generations, so the lists follow recent traffic: {@link #rotate} starts a new one and
 * forgets the one before the current. Counts saturate at Long.MAX_VALUE (a hostile exporter's counters).
 */
final class TopTalkers<K> {

    private final int capacity;
    private Map<K, long[]> current = new HashMap<>();
    private Map<K, long[]> previous = Map.of();

    TopTalkers(int capacity) {
        this.capacity = capacity;
    }

    void add(K key, long bytes) {
        long[] counter = current.get(key);
        if (counter != null) {
            counter[0] = Counters.add(counter[0], bytes);
            return;
        }
        if (current.size() < capacity) {
            current.put(key, new long[] {bytes, 0});
            return;
        }
        Map.Entry<K, long[]> smallest = null;
        for (Map.Entry<K, long[]> e : current.entrySet()) {
            if (smallest == null || e.getValue()[0] < smallest.getValue()[0]) {
                smallest = e;
            }
        }
        long floor = smallest.getValue()[0];
        current.remove(smallest.getKey());
        current.put(key, new long[] {Counters.add(floor, bytes), floor});
    }

    void rotate() {
        previous = current;
        current = new HashMap<>();
    }

    /** The n heaviest keys over both generations with their guaranteed bytes, heaviest first; none at 0. */
    List<Map.Entry<K, Long>> top(int n) {
        Map<K, Long> merged = new HashMap<>();
        previous.forEach((key, counter) -> merged.merge(key, counter[0] - counter[1], Counters::add));
        current.forEach((key, counter) -> merged.merge(key, counter[0] - counter[1], Counters::add));
        return merged.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<K, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(n)
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }
}
