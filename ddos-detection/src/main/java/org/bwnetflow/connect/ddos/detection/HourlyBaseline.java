package org.bwnetflow.connect.ddos.detection;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Per target and hour of day (in {@code zone}), the typical bits/s and packets/s of a window.
 *
 * <p>Each window folded into an hour counts with weight 1/n, n being the windows that hour has
 * seen, but n stops growing at a week's worth of that hour's windows (7 x 3600 / window): so the
 * first week gives a plain mean, and from then on an exponentially weighted one that follows slow
 * change over about a week while one odd day moves it little. Hours never seen have no baseline
 * of their own and borrow the target's highest ({@link #reference}).
 * What is folded in, and what not (floods), the detector decides.
 *
 * <p>At most {@code maxTargets} targets are kept; windows of further new targets are not learned
 * (counted: {@link #refused}). Targets whose last window was learned long ago can be evicted
 * ({@link #evictNotLearnedSince}). The detector's state export takes the targets changed since the
 * last export and those evicted from here; nothing in here is thread-safe.
 */
public final class HourlyBaseline {

    /** Hours of a day: the length of every per-hour array. */
    public static final int HOURS = 24;

    private final int windowSeconds;
    private final ZoneId zone;
    private final int maxTargets;
    private final int maxWeight;
    private final Map<String, Hours> targets = new HashMap<>();
    private final Set<String> changed = new HashSet<>();
    private final Set<String> evicted = new HashSet<>();
    private long refused;

    public HourlyBaseline(int windowSeconds, ZoneId zone, int maxTargets) {
        this.windowSeconds = windowSeconds;
        this.zone = zone;
        this.maxTargets = maxTargets;
        this.maxWeight = 7 * Math.max(1, 3600 / windowSeconds);
    }

    /** The window the baseline's rates were learned over, in seconds. */
    public int windowSeconds() {
        return windowSeconds;
    }

    /** The zone of the hours of day. */
    public ZoneId zone() {
        return zone;
    }

    /** The hour of day (0-23) of a unix second, in this baseline's zone. */
    public int hour(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).getHour();
    }

    public boolean knows(String target) {
        return targets.containsKey(target);
    }

    /** The baseline of a target for an hour, null when never learned. */
    public Rates get(String target, int hour) {
        Hours h = targets.get(target);
        return h == null || h.windows[hour] == 0 ? null : new Rates(h.bitsPerSecond[hour], h.packetsPerSecond[hour]);
    }

    /**
     * What a target's window is compared with in an hour: that hour's baseline; for an hour never
     * learned, the highest of the target's learned hours (each rate on its own), so that a target
     * learned for a few hours does not alert at the first window of every other hour; null for a
     * target never learned (only the floors apply).
     */
    public Rates reference(String target, int hour) {
        Rates learned = get(target, hour);
        Hours h = targets.get(target);
        if (learned != null || h == null) {
            return learned;
        }
        double bits = -1;
        double packets = -1;
        for (int other = 0; other < HOURS; other++) {
            if (h.windows[other] > 0) {
                bits = Math.max(bits, h.bitsPerSecond[other]);
                packets = Math.max(packets, h.packetsPerSecond[other]);
            }
        }
        return bits < 0 ? null : new Rates(bits, packets);
    }

    /** Folds one window's rates into the target's hour, without its time (the last learned second stays). */
    public void learn(String target, int hour, Rates window) {
        learn(target, hour, window, 0);
    }

    /** Folds one window's rates into the target's hour; the window ended with unix second {@code second}. */
    public void learn(String target, int hour, Rates window, long second) {
        Hours h = hours(target);
        if (h != null) {
            int n = Math.min(h.windows[hour] + 1, maxWeight);
            h.windows[hour] = n;
            h.bitsPerSecond[hour] += (window.bitsPerSecond() - h.bitsPerSecond[hour]) / n;
            h.packetsPerSecond[hour] += (window.packetsPerSecond() - h.packetsPerSecond[hour]) / n;
            h.lastLearned = Math.max(h.lastLearned, second);
            changed.add(target);
        }
    }

    /** The windows learned for a target's hour (capped at a week's worth). */
    public int windows(String target, int hour) {
        Hours h = targets.get(target);
        return h == null ? 0 : h.windows[hour];
    }

    /** Sets a target's hour, e.g. as read from a file. */
    public void put(String target, int hour, Rates rates, int windows) {
        Hours h = hours(target);
        if (h != null) {
            h.windows[hour] = Math.min(windows, maxWeight);
            h.bitsPerSecond[hour] = rates.bitsPerSecond();
            h.packetsPerSecond[hour] = rates.packetsPerSecond();
            changed.add(target);
        }
    }

    /** The targets with a baseline (a live view: do not learn while iterating). */
    public Set<String> targets() {
        return targets.keySet();
    }

    /**
     * Forgets the targets whose last window was learned before unix second {@code second} (targets with
     * no learned time, put in from a file, count as learned at 0); the next state export has a tombstone
     * for each. Returns how many were evicted.
     */
    public int evictNotLearnedSince(long second) {
        int count = 0;
        for (Iterator<Map.Entry<String, Hours>> it = targets.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Hours> e = it.next();
            if (e.getValue().lastLearned < second) {
                it.remove();
                changed.remove(e.getKey());
                evicted.add(e.getKey());
                count++;
            }
        }
        return count;
    }

    /** How often a window or an hour of a new target was not taken because the baseline held {@code maxTargets}. */
    public long refused() {
        return refused;
    }

    /** The target's baseline as exported (copies), null if it has none. */
    BaselineEntry entry(String target) {
        Hours h = targets.get(target);
        return h == null ? null : new BaselineEntry(target, h.lastLearned, h.bitsPerSecond.clone(),
                h.packetsPerSecond.clone(), h.windows.clone());
    }

    /** Takes a target's baseline as imported from the state, replacing what it had; not a change to export. */
    void restore(BaselineEntry entry) {
        Hours h = hours(entry.target());
        if (h != null) {
            for (int hour = 0; hour < HOURS; hour++) {
                h.windows[hour] = Math.min(entry.windows()[hour], maxWeight);
                h.bitsPerSecond[hour] = entry.bitsPerSecond()[hour];
                h.packetsPerSecond[hour] = entry.packetsPerSecond()[hour];
            }
            h.lastLearned = entry.lastLearned();
            changed.remove(entry.target());
            evicted.remove(entry.target());
        }
    }

    /** Forgets a target as a tombstone in the state says; not a change to export. */
    void forget(String target) {
        targets.remove(target);
        changed.remove(target);
        evicted.remove(target);
    }

    /** The targets learned or put since the last call (their current baseline is to be exported), and forgets them. */
    Set<String> takeChanged() {
        return take(changed);
    }

    /** The targets evicted since the last call (a tombstone each), and forgets them. */
    Set<String> takeEvicted() {
        return take(evicted);
    }

    private static Set<String> take(Set<String> set) {
        Set<String> taken = new HashSet<>(set);
        set.clear();
        return taken;
    }

    private Hours hours(String target) {
        Hours h = targets.get(target);
        if (h == null) {
            if (targets.size() >= maxTargets) {
                refused++;
                return null;
            }
            h = new Hours();
            targets.put(target, h);
            evicted.remove(target);
        }
        return h;
    }

    /** One target's 24 hours; windows 0 means the hour has no baseline. */
    private static final class Hours {
        final double[] bitsPerSecond = new double[HOURS];
        final double[] packetsPerSecond = new double[HOURS];
        final int[] windows = new int[HOURS];
        long lastLearned;
    }
}
