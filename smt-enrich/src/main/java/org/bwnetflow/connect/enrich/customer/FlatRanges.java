package org.bwnetflow.connect.enrich.customer;

/**
 * Nested prefixes flattened into disjoint ranges that cover the whole address space: range i
 * runs from its start to the next range's start, and carries the customer of the longest prefix
 * holding it (0 where none does). Neighbours with the same customer are merged, so a list of n
 * prefixes gives at most 2n + 1 ranges. Starts are 128-bit (IPv4 in the low 32 bits).
 */
final class FlatRanges {

    private final long[] highs;
    private final long[] lows;
    private final int[] cids;
    private int count;

    private FlatRanges(int capacity) {
        highs = new long[capacity];
        lows = new long[capacity];
        cids = new int[capacity];
    }

    /**
     * Sweeps the prefixes in {@code order} (by first address, enclosing before enclosed; no prefix
     * twice) with a stack of the prefixes holding the current address: a prefix's start opens its
     * customer, the address after its end reopens the customer of the prefix around it.
     *
     * @param bits the family's address width, 32 or 128
     */
    static FlatRanges of(PrefixColumns prefixes, int[] order, int bits) {
        FlatRanges ranges = new FlatRanges(2 * order.length + 1);
        ranges.open(0, 0, 0);
        long[] endHighs = new long[129];
        long[] endLows = new long[129];
        int[] openCids = new int[129];
        int depth = 0;
        for (int i : order) {
            long high = prefixes.high(i);
            long low = prefixes.low(i);
            while (depth > 0 && before(endHighs[depth - 1], endLows[depth - 1], high, low)) {
                depth--;
                ranges.openAfter(endHighs[depth], endLows[depth], depth > 0 ? openCids[depth - 1] : 0, bits);
            }
            int length = prefixes.length(i);
            endHighs[depth] = high | (length >= 64 ? 0 : -1L >>> length);
            endLows[depth] = low | (length >= 128 ? 0 : length <= 64 ? -1L : -1L >>> (length - 64));
            openCids[depth] = prefixes.cid(i);
            depth++;
            ranges.open(high, low, prefixes.cid(i));
        }
        while (depth > 0) {
            depth--;
            ranges.openAfter(endHighs[depth], endLows[depth], depth > 0 ? openCids[depth - 1] : 0, bits);
        }
        return ranges;
    }

    /** Whether 128-bit a < b, unsigned. */
    private static boolean before(long aHigh, long aLow, long bHigh, long bLow) {
        return aHigh != bHigh ? Long.compareUnsigned(aHigh, bHigh) < 0 : Long.compareUnsigned(aLow, bLow) < 0;
    }

    /** Opens {@code cid} at the address after {@code end}, unless end is the family's last address. */
    private void openAfter(long endHigh, long endLow, int cid, int bits) {
        long low = endLow + 1;
        long high = low == 0 ? endHigh + 1 : endHigh;
        boolean wrapped = low == 0 && high == 0;
        if (wrapped || bits == 32 && (high != 0 || low >>> 32 != 0)) {
            return;
        }
        open(high, low, cid);
    }

    /** Starts a range at the address; a later open at the same address replaces the earlier one. */
    private void open(long high, long low, int cid) {
        if (count > 0 && highs[count - 1] == high && lows[count - 1] == low) {
            cids[count - 1] = cid;
            if (count > 1 && cids[count - 2] == cid) {
                count--; // the range became its predecessor's continuation
            }
            return;
        }
        if (count > 0 && cids[count - 1] == cid) {
            return; // continues the range before
        }
        highs[count] = high;
        lows[count] = low;
        cids[count] = cid;
        count++;
    }

    int count() {
        return count;
    }

    long high(int i) {
        return highs[i];
    }

    long low(int i) {
        return lows[i];
    }

    int cid(int i) {
        return cids[i];
    }
}
