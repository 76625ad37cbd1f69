package org.bwnetflow.connect.enrich.ranges;

import java.util.Arrays;

/**
 * Nested prefixes flattened into disjoint ranges that cover the whole address space: range i
 * runs from its start to the next range's start, and carries the value of the longest prefix
 * holding it (0 where none does). Neighbours with the same value are merged, so a list of n
 * prefixes gives at most 2n + 1 ranges. Starts are 128-bit (IPv4 in the low 32 bits).
 */
final class FlatRanges {

    private long[] highs;
    private long[] lows;
    private int[] values;
    private int count;
    /** For {@link #appendNetwork}: the last address of the last network appended, and whether there is one. */
    private long lastEndHigh;
    private long lastEndLow;
    private boolean appended;

    private FlatRanges(int capacity) {
        highs = new long[capacity];
        lows = new long[capacity];
        values = new int[capacity];
    }

    /**
     * An empty table that networks are appended to in ascending address order, none overlapping
     * another ({@link #appendNetwork}): the leaves of a search tree walked left to right. Only the
     * ranges are kept, neighbours with one value merged, so no memory goes per network.
     */
    static FlatRanges forAscendingNetworks() {
        FlatRanges ranges = new FlatRanges(1024);
        ranges.open(0, 0, 0);
        return ranges;
    }

    /**
     * Appends a network (its first address, its length counted in 128 bits) after the last one;
     * the addresses between them get no value.
     *
     * @throws IllegalArgumentException if it does not start after the last network's end
     */
    void appendNetwork(long high, long low, int length, int value) {
        if (appended && !before(lastEndHigh, lastEndLow, high, low)) {
            throw new IllegalArgumentException("networks out of order or overlapping at " + Long.toHexString(high) + ":"
                    + Long.toHexString(low) + "/" + length);
        }
        if (appended) {
            openAfter(lastEndHigh, lastEndLow, 0, 128); // a gap after the last network; merged away if none
        }
        open(high, low, value);
        lastEndHigh = lastHigh(high, length);
        lastEndLow = lastLow(low, length);
        appended = true;
    }

    /** Ends a table built by {@link #appendNetwork}: no value after the last network, within the family's {@code bits}. */
    FlatRanges finishAscending(int bits) {
        if (appended) {
            openAfter(lastEndHigh, lastEndLow, 0, bits);
        }
        return this;
    }

    /**
     * Sweeps the prefixes in {@code order} (by first address, enclosing before enclosed; no prefix
     * twice) with a stack of the prefixes holding the current address: a prefix's start opens its
     * value, the address after its end reopens the value of the prefix around it.
     *
     * @param bits the family's address width, 32 or 128
     */
    static FlatRanges of(PrefixColumns prefixes, int[] order, int bits) {
        FlatRanges ranges = new FlatRanges(2 * order.length + 1);
        ranges.open(0, 0, 0);
        long[] endHighs = new long[129];
        long[] endLows = new long[129];
        int[] openValues = new int[129];
        int depth = 0;
        for (int i : order) {
            long high = prefixes.high(i);
            long low = prefixes.low(i);
            while (depth > 0 && before(endHighs[depth - 1], endLows[depth - 1], high, low)) {
                depth--;
                ranges.openAfter(endHighs[depth], endLows[depth], depth > 0 ? openValues[depth - 1] : 0, bits);
            }
            int length = prefixes.length(i);
            endHighs[depth] = lastHigh(high, length);
            endLows[depth] = lastLow(low, length);
            openValues[depth] = prefixes.value(i);
            depth++;
            ranges.open(high, low, prefixes.value(i));
        }
        while (depth > 0) {
            depth--;
            ranges.openAfter(endHighs[depth], endLows[depth], depth > 0 ? openValues[depth - 1] : 0, bits);
        }
        return ranges;
    }

    /** The high 64 bits of the last address of the prefix whose first address has these high bits. */
    private static long lastHigh(long high, int length) {
        return high | (length >= 64 ? 0 : -1L >>> length);
    }

    /** The low 64 bits of the last address of the prefix whose first address has these low bits. */
    private static long lastLow(long low, int length) {
        return low | (length >= 128 ? 0 : length <= 64 ? -1L : -1L >>> (length - 64));
    }

    /** Whether 128-bit a < b, unsigned. */
    private static boolean before(long aHigh, long aLow, long bHigh, long bLow) {
        return aHigh != bHigh ? Long.compareUnsigned(aHigh, bHigh) < 0 : Long.compareUnsigned(aLow, bLow) < 0;
    }

    /** Opens {@code value} at the address after {@code end}, unless end is the family's last address. */
    private void openAfter(long endHigh, long endLow, int value, int bits) {
        long low = endLow + 1;
        long high = low == 0 ? endHigh + 1 : endHigh;
        boolean wrapped = low == 0 && high == 0;
        if (wrapped || bits == 32 && (high != 0 || low >>> 32 != 0)) {
            return;
        }
        open(high, low, value);
    }

    /** Starts a range at the address; a later open at the same address replaces the earlier one. */
    private void open(long high, long low, int value) {
        if (count > 0 && highs[count - 1] == high && lows[count - 1] == low) {
            values[count - 1] = value;
            if (count > 1 && values[count - 2] == value) {
                count--; // the range became its predecessor's continuation
            }
            return;
        }
        if (count > 0 && values[count - 1] == value) {
            return; // continues the range before
        }
        if (count == highs.length) {
            int capacity = count * 2;
            highs = Arrays.copyOf(highs, capacity);
            lows = Arrays.copyOf(lows, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        highs[count] = high;
        lows[count] = low;
        values[count] = value;
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

    int value(int i) {
        return values[i];
    }
}
