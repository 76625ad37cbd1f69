package org.bwnetflow.connect.enrich.ranges;

import java.util.Arrays;

/**
 * The prefixes of one address family as they were read, in primitive columns (no object per
 * prefix): each prefix as a 128-bit first address (IPv4 in the low 32 bits), its length counted
 * in those 128 bits (an IPv4 /24 is 120), its value (a customer, a country's number, an AS
 * number: 32 bits, 0 meaning none) and where it came from (a line, an ordinal). About 25 bytes
 * per prefix, kept only while a table is built.
 */
public final class PrefixColumns {

    /** Where IPv4 prefixes sit in the 128-bit key space: the low 32 bits. */
    public static final int IPV4_OFFSET = 96;
    /** Bits for a prefix's index when IPv4 prefixes are sorted as packed longs: 2^21 > MAX_PREFIXES. */
    private static final int INDEX_BITS = 21;

    private long[] highs = new long[1024];
    private long[] lows = new long[1024];
    private byte[] lengths = new byte[1024];
    private int[] values = new int[1024];
    private int[] lines = new int[1024];
    private int size;

    /**
     * Adds a prefix: its first address's high and low 64 bits, its length in 128 bits, its value
     * (the low 32 bits are kept) and its origin (ties in {@link #sortedOrder()} go by origin).
     */
    public void add(long high, long low, int length, long value, int line) {
        if (size == highs.length) {
            int capacity = size * 2;
            highs = Arrays.copyOf(highs, capacity);
            lows = Arrays.copyOf(lows, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            values = Arrays.copyOf(values, capacity);
            lines = Arrays.copyOf(lines, capacity);
        }
        highs[size] = high;
        lows[size] = low;
        lengths[size] = (byte) length;
        values[size] = (int) value;
        lines[size] = line;
        size++;
    }

    public int size() {
        return size;
    }

    long high(int i) {
        return highs[i];
    }

    long low(int i) {
        return lows[i];
    }

    /** 0 to 128: kept in a byte as its low 8 bits. */
    int length(int i) {
        return lengths[i] & 0xFF;
    }

    /** The value, kept as the int of the same 32 bits (0: none). */
    int value(int i) {
        return values[i];
    }

    /**
     * The prefixes' indexes ordered by first address, the shorter (enclosing) prefix first where
     * two start at the same address, and by line where both are the same. Stable merge sort on
     * ints: sorting objects would cost what the columns save.
     */
    public int[] sortedOrder() {
        if (ipv4Only()) {
            return sortedIpv4Order();
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        int[] scratch = new int[size];
        for (int width = 1; width < size; width *= 2) {
            for (int from = 0; from < size - width; from += 2 * width) {
                merge(order, scratch, from, from + width, Math.min(from + 2 * width, size));
            }
        }
        return order;
    }

    /** Whether every prefix is an IPv4 one (and they are few enough to pack with their index). */
    private boolean ipv4Only() {
        if (size > 1 << INDEX_BITS) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (highs[i] != 0 || lows[i] >>> 32 != 0 || length(i) < IPV4_OFFSET) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same order for IPv4 prefixes, faster: address, length and index packed in one long each
     * (32 + 6 + 21 bits) and sorted as primitives; equal prefixes keep the file order by index.
     */
    private int[] sortedIpv4Order() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = (lows[i] << 6 | length(i) - IPV4_OFFSET) << INDEX_BITS | i;
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) (keys[i] & (1 << INDEX_BITS) - 1);
        }
        return order;
    }

    private void merge(int[] order, int[] scratch, int from, int middle, int to) {
        if (compare(order[middle - 1], order[middle]) <= 0) {
            return; // already in order: sorted input (a list written in order) merges in one pass
        }
        System.arraycopy(order, from, scratch, from, to - from);
        int left = from;
        int right = middle;
        for (int out = from; out < to; out++) {
            if (right >= to || left < middle && compare(scratch[left], scratch[right]) <= 0) {
                order[out] = scratch[left++];
            } else {
                order[out] = scratch[right++];
            }
        }
    }

    private int compare(int a, int b) {
        int byHigh = Long.compareUnsigned(highs[a], highs[b]);
        if (byHigh != 0) {
            return byHigh;
        }
        int byLow = Long.compareUnsigned(lows[a], lows[b]);
        if (byLow != 0) {
            return byLow;
        }
        return lengths[a] != lengths[b] ? Integer.compare(length(a), length(b)) : Integer.compare(lines[a], lines[b]);
    }

    /** Where prefix {@code i} came from (the line or ordinal given to {@link #add}). */
    public int origin(int i) {
        return lines[i];
    }

    /** Whether two indexes name the same prefix. */
    public boolean samePrefix(int a, int b) {
        return highs[a] == highs[b] && lows[a] == lows[b] && lengths[a] == lengths[b];
    }

    /**
     * The first line (in file order) that lists a prefix listed on an earlier line, or 0: where a
     * one-by-one insert into a trie would have failed.
     */
    public int firstRepeatedLine(int[] order) {
        int first = 0;
        for (int i = 1; i < order.length; i++) {
            // equal prefixes sit together ordered by line: the second of a run is its first repeat
            if (samePrefix(order[i - 1], order[i]) && (i < 2 || !samePrefix(order[i - 2], order[i]))) {
                int line = lines[order[i]];
                first = first == 0 ? line : Math.min(first, line);
            }
        }
        return first;
    }
}
