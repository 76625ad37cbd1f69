package org.bwnetflow.connect.bmp.source.rib;

/**
 * The prefixes of one family that one peer has in one table of a router: an open-addressing hash
 * set (linear probing, backward-shift deletion) over primitive arrays. A HashSet of RouteKey costs
 * well over 100 bytes a key (the record, three byte arrays, the hash node); a router with 4 full
 * tables in 2 Adj-RIB-Ins holds about 10 million keys, so here a key is its address as one long
 * (IPv4, the low 32 bits) or two (IPv6: high, low 64 bits), its length and ADD-PATH path id: about
 * 9 bytes a slot for IPv4, 17 for IPv6, path ids adding 4 only once a path id is not 0.
 *
 * <p>Each key carries one mark bit whose meaning is the owner's: in a peer's live keys it means
 * stale (kept from an earlier session, not announced again yet), in keys waiting for tombstones
 * it means done (written, or announced again meanwhile). Marks move with their keys.
 *
 * <p>Slots may be read by index ({@link #capacity()}, {@link #used(int)}, ...) while nothing is
 * added or removed: removals move keys (backward shift), and growing rehashes them.
 */
final class KeySet {

    private static final int MIN_CAPACITY = 16;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Longs per address: 1 for IPv4, 2 for IPv6. */
    private final int width;
    private long[] words;
    /** Prefix length + 1; 0 marks a free slot (so a new array is all free). */
    private byte[] lengths;
    /** Null while every path id is 0, as without ADD-PATH: 4 bytes a slot saved. */
    private int[] pathIds;
    private long[] marks;
    private int shift;
    private int mask;
    private int size;
    private int marked;

    KeySet(boolean ipv6, int expected) {
        this.width = ipv6 ? 2 : 1;
        allocate(capacityFor(expected));
    }

    boolean ipv6() {
        return width == 2;
    }

    int size() {
        return size;
    }

    int marked() {
        return marked;
    }

    int capacity() {
        return lengths.length;
    }

    /** Holds a key, unmarked (a route announced is fresh); true when it was not held yet. */
    boolean add(long high, long low, int length, int pathId) {
        int slot = find(high, low, length, pathId);
        if (slot >= 0) {
            unmark(slot);
            return false;
        }
        if (size + 1 > capacity() / 4 * 3) {
            resize(capacityFor(size + 1));
            slot = find(high, low, length, pathId);
        }
        put(-slot - 1, high, low, length, pathId);
        size++;
        return true;
    }

    /** Forgets a key; true when it was held. */
    boolean remove(long high, long low, int length, int pathId) {
        int slot = find(high, low, length, pathId);
        if (slot < 0) {
            return false;
        }
        unmark(slot);
        deleteAt(slot);
        size--;
        if (capacity() > MIN_CAPACITY && size < capacity() / 8) {
            resize(capacityFor(size)); // most keys gone (withdrawn): give the memory back
        }
        return true;
    }

    /** Marks a key held and not marked yet; true when it did. */
    boolean markIfUnmarked(long high, long low, int length, int pathId) {
        int slot = find(high, low, length, pathId);
        if (slot < 0 || marked(slot)) {
            return false;
        }
        mark(slot);
        return true;
    }

    void markAll() {
        for (int i = 0; i < capacity(); i++) {
            if (used(i)) {
                marks[i >>> 6] |= 1L << i;
            }
        }
        marked = size;
    }

    void clearMarks() {
        java.util.Arrays.fill(marks, 0);
        marked = 0;
    }

    /** Takes the marked keys out into a new set (unmarked there); this one keeps the rest, rehashed to fit. */
    KeySet takeMarked() {
        KeySet taken = new KeySet(ipv6(), 0);
        if (marked == 0) {
            return taken;
        }
        if (marked == size) { // all stale, as when a router sends nothing again: hand the arrays over, no copy
            taken.adopt(this);
            taken.clearMarks();
            adopt(new KeySet(ipv6(), 0));
            return taken;
        }
        taken = new KeySet(ipv6(), marked);
        KeySet kept = new KeySet(ipv6(), size - marked);
        for (int i = 0; i < capacity(); i++) {
            if (used(i)) {
                KeySet to = marked(i) ? taken : kept;
                to.add(high(i), low(i), length(i), pathId(i));
            }
        }
        adopt(kept);
        return taken;
    }

    /** Takes over another set's keys (of the same family). */
    private void adopt(KeySet other) {
        words = other.words;
        lengths = other.lengths;
        pathIds = other.pathIds;
        marks = other.marks;
        shift = other.shift;
        mask = other.mask;
        size = other.size;
        marked = other.marked;
    }

    boolean used(int slot) {
        return lengths[slot] != 0;
    }

    boolean marked(int slot) {
        return (marks[slot >>> 6] & 1L << slot) != 0;
    }

    void mark(int slot) {
        if (!marked(slot)) {
            marks[slot >>> 6] |= 1L << slot;
            marked++;
        }
    }

    long high(int slot) {
        return width == 2 ? words[slot * 2] : 0;
    }

    long low(int slot) {
        return words[slot * width + width - 1];
    }

    int length(int slot) {
        return (lengths[slot] & 0xFF) - 1;
    }

    int pathId(int slot) {
        return pathIds == null ? 0 : pathIds[slot];
    }

    private void unmark(int slot) {
        if (marked(slot)) {
            marks[slot >>> 6] &= ~(1L << slot);
            marked--;
        }
    }

    /** The key's slot, or -(the free slot where it would go) - 1. */
    private int find(long high, long low, int length, int pathId) {
        byte stored = (byte) (length + 1);
        for (int i = home(high, low, length, pathId); ; i = (i + 1) & mask) {
            if (lengths[i] == 0) {
                return -i - 1;
            }
            if (lengths[i] == stored && low(i) == low && high(i) == high && pathId(i) == pathId) {
                return i;
            }
        }
    }

    private int home(long high, long low, int length, int pathId) {
        long h = mix(low + (((long) pathId << 8) | length) * GOLDEN);
        return (int) (mix(h ^ high) >>> shift);
    }

    private int home(int slot) {
        return home(high(slot), low(slot), length(slot), pathId(slot));
    }

    /** Murmur3's 64-bit finalizer: IPv4 /24s differ in a few middle bits only, the slot takes the top bits. */
    private static long mix(long value) {
        long h = (value ^ (value >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    private void put(int slot, long high, long low, int length, int pathId) {
        if (width == 2) {
            words[slot * 2] = high;
        }
        words[slot * width + width - 1] = low;
        lengths[slot] = (byte) (length + 1);
        if (pathId != 0 && pathIds == null) {
            pathIds = new int[capacity()];
        }
        if (pathIds != null) {
            pathIds[slot] = pathId;
        }
    }

    /**
     * Empties a slot without tombstone markers: each later key of its probe run that may live in the
     * hole moves back into it, and so on (backward-shift deletion), so lookups stay short and exact.
     */
    private void deleteAt(int slot) {
        int free = slot;
        for (int j = (slot + 1) & mask; used(j); j = (j + 1) & mask) {
            int home = home(j);
            if (((j - home) & mask) >= ((j - free) & mask)) {
                put(free, high(j), low(j), length(j), pathId(j));
                if (marked(j)) {
                    marks[free >>> 6] |= 1L << free;
                    marks[j >>> 6] &= ~(1L << j);
                }
                free = j;
            }
        }
        lengths[free] = 0;
        if (pathIds != null) {
            pathIds[free] = 0;
        }
    }

    private void resize(int capacity) {
        long[] oldWords = words;
        byte[] oldLengths = lengths;
        int[] oldPathIds = pathIds;
        long[] oldMarks = marks;
        allocate(capacity);
        for (int i = 0; i < oldLengths.length; i++) {
            if (oldLengths[i] != 0) {
                long high = width == 2 ? oldWords[i * 2] : 0;
                long low = oldWords[i * width + width - 1];
                int length = (oldLengths[i] & 0xFF) - 1;
                int pathId = oldPathIds == null ? 0 : oldPathIds[i];
                int slot = -find(high, low, length, pathId) - 1;
                put(slot, high, low, length, pathId);
                if ((oldMarks[i >>> 6] & 1L << i) != 0) {
                    marks[slot >>> 6] |= 1L << slot;
                }
            }
        }
    }

    private void allocate(int capacity) {
        words = new long[capacity * width];
        lengths = new byte[capacity];
        pathIds = null;
        marks = new long[(capacity + 63) >>> 6];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    /** The power of two that holds {@code keys} at most three quarters full. */
    private static int capacityFor(int keys) {
        int needed = Math.max(MIN_CAPACITY, (int) Math.min(1 << 30, keys * 4L / 3 + 1));
        return Integer.highestOneBit(needed - 1) << 1;
    }
}
