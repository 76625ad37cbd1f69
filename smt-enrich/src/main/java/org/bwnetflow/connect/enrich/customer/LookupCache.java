package org.bwnetflow.connect.enrich.customer;

/**
 * Remembers recent address lookups of one prefix table: a direct-mapped array of immutable
 * entries, so threads may share it without locks (a reference write is atomic, and an entry's
 * final fields are visible once it is). A walk through IPAddress's trie costs about a
 * microsecond for a 100,000-prefix list; flows repeat their addresses, and a hit costs a few
 * nanoseconds. A colliding address simply replaces the entry in its slot.
 */
final class LookupCache {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Entry[] slots;
    private final int shift;

    /** A cache of at least {@code capacity} slots (rounded up to a power of two); 0 disables it. */
    LookupCache(int capacity) {
        int size = capacity <= 0 ? 0 : Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.slots = size == 0 ? null : new Entry[size];
        this.shift = size == 0 ? 0 : 64 - Integer.numberOfTrailingZeros(size);
    }

    /** The cached customer (0 or more), or -1 when the address is not cached. */
    long get(long high, long low) {
        if (slots == null) {
            return -1;
        }
        Entry entry = slots[index(high, low)];
        return entry != null && entry.high == high && entry.low == low ? entry.cid : -1;
    }

    void put(long high, long low, long cid) {
        if (slots != null) {
            slots[index(high, low)] = new Entry(high, low, cid);
        }
    }

    private int index(long high, long low) {
        return (int) (((high * 31 + low) * GOLDEN) >>> shift);
    }

    private static final class Entry {
        final long high;
        final long low;
        final long cid;

        Entry(long high, long low, long cid) {
            this.high = high;
            this.low = low;
            this.cid = cid;
        }
    }
}
