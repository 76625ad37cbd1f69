package org.bwnetflow.connect.enrich.ranges;

/**
 * Longest-prefix match for IPv4 over disjoint ranges: the ranges' starts in one sorted int array,
 * their values in another (8 bytes per range), and an index by the address's top 16 bits that
 * narrows the binary search to the ranges of that /16. No object per range, none per lookup.
 */
final class Ipv4Ranges {

    private static final int INDEX_BITS = 16;

    /** Range starts with the sign bit flipped, so that signed order is unsigned address order. */
    private final int[] starts;
    private final int[] values;
    /** For each /16 block (and one past the last): the range holding its first address. */
    private final int[] blockFirst;

    Ipv4Ranges(FlatRanges ranges) {
        int count = ranges.count();
        starts = new int[count];
        values = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = (int) ranges.low(i) ^ Integer.MIN_VALUE;
            values[i] = ranges.value(i);
        }
        blockFirst = new int[(1 << INDEX_BITS) + 1];
        int range = 0;
        for (int block = 0; block < 1 << INDEX_BITS; block++) {
            int first = (block << (32 - INDEX_BITS)) ^ Integer.MIN_VALUE;
            while (range + 1 < count && starts[range + 1] <= first) {
                range++;
            }
            blockFirst[block] = range;
        }
        blockFirst[1 << INDEX_BITS] = count - 1;
    }

    /** the value bits of the range holding the address (0: none). */
    int lookup(int address) {
        int key = address ^ Integer.MIN_VALUE;
        int block = address >>> (32 - INDEX_BITS);
        int low = blockFirst[block];
        int high = blockFirst[block + 1];
        while (low < high) { // the last range starting at or before the address
            int middle = (low + high + 1) >>> 1;
            if (starts[middle] <= key) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return values[low];
    }

    int ranges() {
        return starts.length;
    }

    /** Bytes of the arrays' contents (the JVM adds 16 bytes of header per array). */
    long arrayBytes() {
        return 4L * starts.length + 4L * values.length + 4L * blockFirst.length;
    }
}
