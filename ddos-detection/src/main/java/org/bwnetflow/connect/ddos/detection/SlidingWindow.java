package org.bwnetflow.connect.ddos.detection;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.bwnetflow.connect.model.Counters;

/**
 * Per target, the traffic of the last {@code seconds} seconds in per-second buckets (a ring) with
 * running sums, so a rate costs nothing. Memory is bounded: a target whose window holds nothing is
 * dropped, and at most {@code maxTargets} are tracked; flows of new targets beyond that are refused
 * (counted: {@link #refusedFlows}), since a scan of a large address space must not exhaust the heap. Each
 * target costs about 20 bytes per second of window. Volumes saturate at Long.MAX_VALUE (a hostile
 * exporter's counters), so a rate is never negative.
 */
final class SlidingWindow {

    private final int seconds;
    private final int maxTargets;
    private final Map<Prefix, Ring> rings = new HashMap<>();
    private long refusedFlows;

    SlidingWindow(int seconds, int maxTargets) {
        this.seconds = seconds;
        this.maxTargets = maxTargets;
    }

    /**
     * Adds a flow's volume at its second; false when refused: a new target beyond the cap, or a second
     * already out of the target's window (the caller keeps the clock, so that is a late flow).
     */
    boolean add(Prefix target, long second, long bytes, long packets) {
        Ring ring = rings.get(target);
        if (ring == null) {
            if (rings.size() >= maxTargets) {
                refusedFlows++;
                return false;
            }
            ring = new Ring(seconds, second);
            rings.put(target, ring);
        }
        return ring.add(second, bytes, packets);
    }

    /** Moves every window to end with {@code second}, dropping the targets left without traffic. */
    void advance(long second) {
        rings.values().removeIf(ring -> {
            ring.advance(second);
            return ring.flows == 0;
        });
    }

    /** The targets with traffic in their window; do not add flows while iterating. */
    Set<Prefix> targets() {
        return rings.keySet();
    }

    boolean contains(Prefix target) {
        return rings.containsKey(target);
    }

    /** The target's rates over the window (the sums divided by the window's length), zero if unknown. */
    Rates rates(Prefix target) {
        Ring ring = rings.get(target);
        return ring == null ? Rates.ZERO : new Rates(ring.bytes * 8.0 / seconds, (double) ring.packets / seconds);
    }

    /** Whether the target's window rates are above {@code limit} in either rate; no allocation (called per flow). */
    boolean exceeds(Prefix target, Rates limit) {
        Ring ring = rings.get(target);
        return ring != null && ring.above(seconds, limit);
    }

    /**
     * Whether the target's window is above {@code limit} now, true at most once per second per target: a per-flow test
     * whose follow-up (a baseline lookup) should cost at most once a second for a busy target. No allocation.
     */
    boolean firstAboveIn(Prefix target, long second, Rates limit) {
        Ring ring = rings.get(target);
        if (ring == null || ring.aboveSecond == second || !ring.above(seconds, limit)) {
            return false;
        }
        ring.aboveSecond = second;
        return true;
    }

    double flowsPerSecond(Prefix target) {
        Ring ring = rings.get(target);
        return ring == null ? 0 : (double) ring.flows / seconds;
    }

    int size() {
        return rings.size();
    }

    /** Flows not counted because the target cap was reached. */
    long refusedFlows() {
        return refusedFlows;
    }

    /** One target's buckets: slot {@code second mod seconds} holds that second while it is in the window. */
    private static final class Ring {
        private final long[] bucketBytes;
        private final long[] bucketPackets;
        private final int[] bucketFlows;
        private long newest;
        private long bytes;
        private long packets;
        private long flows;
        private long aboveSecond = Long.MIN_VALUE;

        Ring(int seconds, long newest) {
            bucketBytes = new long[seconds];
            bucketPackets = new long[seconds];
            bucketFlows = new int[seconds];
            this.newest = newest;
        }

        boolean above(int seconds, Rates limit) {
            return bytes * 8.0 / seconds > limit.bitsPerSecond() || (double) packets / seconds > limit.packetsPerSecond();
        }

        boolean add(long second, long addBytes, long addPackets) {
            advance(second);
            if (second <= newest - bucketBytes.length) {
                return false;
            }
            int slot = (int) Math.floorMod(second, (long) bucketBytes.length);
            bucketBytes[slot] = Counters.add(bucketBytes[slot], addBytes);
            bucketPackets[slot] = Counters.add(bucketPackets[slot], addPackets);
            bucketFlows[slot]++;
            bytes = Counters.add(bytes, addBytes);
            packets = Counters.add(packets, addPackets);
            flows++;
            return true;
        }

        /**
         * Empties the slots of the seconds that leave the window when it ends with {@code second}. A
         * saturated sum no longer says what its buckets add up to: it is added up again from them.
         */
        void advance(long second) {
            long steps = Math.min(second - newest, bucketBytes.length);
            boolean saturated = bytes == Long.MAX_VALUE || packets == Long.MAX_VALUE;
            for (long s = second - steps + 1; s <= second; s++) {
                int slot = (int) Math.floorMod(s, (long) bucketBytes.length);
                bytes -= bucketBytes[slot];
                packets -= bucketPackets[slot];
                flows -= bucketFlows[slot];
                bucketBytes[slot] = 0;
                bucketPackets[slot] = 0;
                bucketFlows[slot] = 0;
            }
            if (saturated && steps > 0) {
                bytes = 0;
                packets = 0;
                for (int slot = 0; slot < bucketBytes.length; slot++) {
                    bytes = Counters.add(bytes, bucketBytes[slot]);
                    packets = Counters.add(packets, bucketPackets[slot]);
                }
            }
            newest = Math.max(newest, second);
        }
    }
}
