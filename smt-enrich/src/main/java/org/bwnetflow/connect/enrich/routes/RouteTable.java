package org.bwnetflow.connect.enrich.routes;

import java.util.Arrays;
import org.bwnetflow.connect.enrich.ranges.PrefixColumns;
import org.bwnetflow.connect.enrich.ranges.PrefixRanges;

/**
 * One table of one router (e.g. its Loc-RIB): routes announced and withdrawn as the RIB topic's
 * records arrive, and, for lookups, an immutable longest-prefix snapshot ({@link PrefixRanges})
 * rebuilt from them when asked after a change. The routes sit in an open-addressing hash table
 * of primitive arrays (prefix's 128 bits, length, peer and ADD-PATH path id → attribute set
 * number): no object per route. Where one prefix has several routes (from several peers of an
 * Adj-RIB-In, or ADD-PATH paths), the snapshot takes the one the router would most likely choose
 * ({@link RouteAttributes#preference()}), of equals the lowest peer number, then path id.
 * Single-threaded for changes; snapshots may be read by any thread.
 */
public final class RouteTable {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int IPV4_OFFSET = PrefixColumns.IPV4_OFFSET;
    /** Peers of one table a route can come from (the meta word's 22 free bits). */
    public static final int MAX_PEERS = 1 << 22;
    /** Of equally preferred routes the lowest peer number wins, then the lowest path id: 6 bits each in the rank. */
    private static final int TIE_BITS = 6;
    private static final int TIE_MAX = (1 << TIE_BITS) - 1;

    private final AttributeSets attributes;
    private long[] highs;
    private long[] lows;
    /**
     * IPv4 (bit 63) | peer number << 40 | (prefix length in 128 bits, IPv4 at 96 + its length, + 1) << 32 | path id;
     * 0 marks an empty slot (the length is stored plus one).
     */
    private long[] metas;
    private int[] values;
    private int size;
    private boolean changed = true;
    private volatile PrefixRanges snapshot;

    public RouteTable(AttributeSets attributes, int expectedRoutes) {
        this.attributes = attributes;
        int capacity = Integer.highestOneBit(Math.max(16, expectedRoutes * 4 / 3) - 1) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        highs = new long[capacity];
        lows = new long[capacity];
        metas = new long[capacity];
        values = new int[capacity];
    }

    /**
     * Announces a route (replacing the one of the same prefix and path id).
     *
     * @param prefix the first address, 4 or 16 bytes
     */
    public void announce(byte[] prefix, int length, long pathId, RouteAttributes route) {
        announce(prefix, length, 0, pathId, route);
    }

    /**
     * Announces a route of one peer (replacing that peer's route of the same prefix and path id).
     *
     * @param peer the peer's number in this table, below {@link #MAX_PEERS}
     */
    public void announce(byte[] prefix, int length, int peer, long pathId, RouteAttributes route) {
        int id = attributes.acquire(route);
        long high = high(prefix);
        long low = low(prefix);
        long meta = meta(prefix, length, peer, pathId);
        int slot = find(high, low, meta);
        if (slot >= 0) {
            attributes.release(values[slot]);
            values[slot] = id;
        } else {
            if ((size + 1) * 4L > highs.length * 3L) {
                grow();
            }
            insert(high, low, meta, id);
            size++;
        }
        changed = true;
    }

    /** Withdraws a route; nothing if it is not there. */
    public void withdraw(byte[] prefix, int length, long pathId) {
        withdraw(prefix, length, 0, pathId);
    }

    /** Withdraws a peer's route; nothing if it is not there. */
    public void withdraw(byte[] prefix, int length, int peer, long pathId) {
        int slot = find(high(prefix), low(prefix), meta(prefix, length, peer, pathId));
        if (slot < 0) {
            return;
        }
        attributes.release(values[slot]);
        remove(slot);
        size--;
        changed = true;
    }

    /** Routes in the table. */
    public int size() {
        return size;
    }

    /**
     * The table for lookups: rebuilt now if a route changed since the last one (about 0.3 s for a
     * full table), else the last one. Lookups answer an attribute set number ({@link AttributeSets#get}).
     */
    public PrefixRanges snapshot() {
        if (changed || snapshot == null) {
            snapshot = build();
            changed = false;
        }
        return snapshot;
    }

    /** The last snapshot built, for lookups from other threads (null before the first). */
    public PrefixRanges lastSnapshot() {
        return snapshot;
    }

    private PrefixRanges build() {
        PrefixColumns v4 = new PrefixColumns();
        PrefixColumns v6 = new PrefixColumns();
        for (int slot = 0; slot < metas.length; slot++) {
            long meta = metas[slot];
            if (meta != 0) {
                // the route's rank goes in as the prefix's origin: of several routes the lowest is kept (bestRouteOnly)
                int rank = attributes.preference(values[slot]) << 2 * TIE_BITS | (int) Math.min(peerOf(meta), TIE_MAX) << TIE_BITS
                        | (int) Math.min(meta & 0xFFFF_FFFFL, TIE_MAX);
                (isIpv4(meta) ? v4 : v6).add(highs[slot], lows[slot], lengthInBits(meta), values[slot], rank);
            }
        }
        int[] v4Order = bestRouteOnly(v4, v4.sortedOrder());
        int[] v6Order = bestRouteOnly(v6, v6.sortedOrder());
        return PrefixRanges.of(v4, v4Order, v6, v6Order);
    }

    /** Of the routes of one prefix (they sort next to each other) keeps the one with the lowest rank (the origin). */
    private static int[] bestRouteOnly(PrefixColumns columns, int[] order) {
        int[] kept = new int[order.length];
        int count = 0;
        for (int i = 0; i < order.length; i++) {
            if (count > 0 && columns.samePrefix(kept[count - 1], order[i])) {
                if (Integer.compareUnsigned(columns.origin(order[i]), columns.origin(kept[count - 1])) < 0) {
                    kept[count - 1] = order[i];
                }
                continue;
            }
            kept[count++] = order[i];
        }
        return Arrays.copyOf(kept, count);
    }

    private static boolean isIpv4(long meta) {
        return meta < 0;
    }

    private static int lengthInBits(long meta) {
        return (int) ((meta >>> 32) & 0xFF) - 1;
    }

    private static long peerOf(long meta) {
        return (meta >>> 40) & (MAX_PEERS - 1);
    }

    private static long high(byte[] prefix) {
        if (prefix.length == 4) {
            return 0;
        }
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = h << 8 | prefix[i] & 0xFF;
        }
        return h;
    }

    private static long low(byte[] prefix) {
        long l = 0;
        int from = prefix.length == 4 ? 0 : 8;
        for (int i = from; i < prefix.length; i++) {
            l = l << 8 | prefix[i] & 0xFF;
        }
        return l;
    }

    /** The family bit (63: IPv4), the peer, the length in 128 bits plus one, the path id: never 0. */
    private static long meta(byte[] prefix, int length, int peer, long pathId) {
        if (peer < 0 || peer >= MAX_PEERS) {
            throw new IllegalArgumentException("peer number " + peer + " outside 0.." + (MAX_PEERS - 1));
        }
        boolean ipv4 = prefix.length == 4;
        long inBits = ipv4 ? IPV4_OFFSET + length : length;
        return (ipv4 ? Long.MIN_VALUE : 0) | (long) peer << 40 | (inBits + 1) << 32 | pathId & 0xFFFF_FFFFL;
    }

    private int slotOf(long high, long low, long meta) {
        long h = ((high * GOLDEN + low) * GOLDEN + meta) * GOLDEN;
        return (int) (h ^ h >>> 29) & (metas.length - 1);
    }

    private int find(long high, long low, long meta) {
        int mask = metas.length - 1;
        for (int slot = slotOf(high, low, meta); metas[slot] != 0; slot = (slot + 1) & mask) {
            if (metas[slot] == meta && highs[slot] == high && lows[slot] == low) {
                return slot;
            }
        }
        return -1;
    }

    private void insert(long high, long low, long meta, int value) {
        int mask = metas.length - 1;
        int slot = slotOf(high, low, meta);
        while (metas[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        highs[slot] = high;
        lows[slot] = low;
        metas[slot] = meta;
        values[slot] = value;
    }

    /** Linear probing's deletion: shifts back later entries of the cluster that may no longer be found otherwise. */
    private void remove(int slot) {
        int mask = metas.length - 1;
        int hole = slot;
        metas[hole] = 0;
        for (int next = (hole + 1) & mask; metas[next] != 0; next = (next + 1) & mask) {
            int home = slotOf(highs[next], lows[next], metas[next]);
            // the entry at next may fill the hole unless its home lies cyclically in (hole, next]
            boolean homeBetween = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (!homeBetween) {
                highs[hole] = highs[next];
                lows[hole] = lows[next];
                metas[hole] = metas[next];
                values[hole] = values[next];
                metas[next] = 0;
                hole = next;
            }
        }
    }

    private void grow() {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        long[] oldMetas = metas;
        int[] oldValues = values;
        allocate(oldMetas.length * 2);
        for (int slot = 0; slot < oldMetas.length; slot++) {
            if (oldMetas[slot] != 0) {
                insert(oldHighs[slot], oldLows[slot], oldMetas[slot], oldValues[slot]);
            }
        }
    }
}
