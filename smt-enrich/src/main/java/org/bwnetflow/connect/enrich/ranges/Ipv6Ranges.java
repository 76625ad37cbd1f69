package org.bwnetflow.connect.enrich.ranges;

/**
 * Longest-prefix match for IPv6 over disjoint ranges: each start as two longs (high and low 64
 * bits) in two sorted arrays, the values in a third (20 bytes per range), and an index by the
 * address's top 16 bits that narrows the binary search. No object per range, none per lookup.
 */
final class Ipv6Ranges {

    private static final int INDEX_BITS = 16;

    /** Range starts with the sign bits flipped, so that signed order is unsigned address order. */
    private final long[] highs;
    private final long[] lows;
    private final int[] values;
    /** For each block of the top 16 bits (and one past the last): the range holding its first address. */
    private final int[] blockFirst;

    Ipv6Ranges(FlatRanges ranges) {
        int count = ranges.count();
        highs = new long[count];
        lows = new long[count];
        values = new int[count];
        for (int i = 0; i < count; i++) {
            highs[i] = ranges.high(i) ^ Long.MIN_VALUE;
            lows[i] = ranges.low(i) ^ Long.MIN_VALUE;
            values[i] = ranges.value(i);
        }
        blockFirst = new int[(1 << INDEX_BITS) + 1];
        int range = 0;
        for (int block = 0; block < 1 << INDEX_BITS; block++) {
            long first = ((long) block << (64 - INDEX_BITS)) ^ Long.MIN_VALUE;
            // a start in the block's first address has low bits 0, flipped: Long.MIN_VALUE
            while (range + 1 < count && (highs[range + 1] < first
                    || highs[range + 1] == first && lows[range + 1] == Long.MIN_VALUE)) {
                range++;
            }
            blockFirst[block] = range;
        }
        blockFirst[1 << INDEX_BITS] = count - 1;
    }

    /** the value bits of the range holding the address (0: none). */
    int lookup(long addressHigh, long addressLow) {
        long high = addressHigh ^ Long.MIN_VALUE;
        long low = addressLow ^ Long.MIN_VALUE;
        int block = (int) (addressHigh >>> (64 - INDEX_BITS));
        int from = blockFirst[block];
        int to = blockFirst[block + 1];
        while (from < to) { // the last range starting at or before the address
            int middle = (from + to + 1) >>> 1;
            long startHigh = highs[middle];
            if (startHigh < high || startHigh == high && lows[middle] <= low) {
                from = middle;
            } else {
                to = middle - 1;
            }
        }
        return values[from];
    }

    int ranges() {
        return highs.length;
    }

    /** Bytes of the arrays' contents (the JVM adds 16 bytes of header per array). */
    long arrayBytes() {
        return 8L * highs.length + 8L * lows.length + 4L * values.length + 4L * blockFirst.length;
    }
}
