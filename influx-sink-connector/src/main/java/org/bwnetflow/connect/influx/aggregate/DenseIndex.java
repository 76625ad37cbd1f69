package org.bwnetflow.connect.influx.aggregate;

import java.util.Arrays;

/**
 * Numbers keys of a fixed width (1 or more longs) densely, 0, 1, 2, ... in the order they were
 * first added: an open-addressing hash table of int slots over a flat array of keys, no boxing and
 * no allocation on a lookup. Single-threaded, like everything a task's window holds.
 */
final class DenseIndex {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int width;
    private long[] keys;
    /** Slot → index + 1; 0 is empty. */
    private int[] slots;
    private int mask;
    private int size;

    DenseIndex(int width, int expected) {
        if (width < 1) {
            throw new IllegalArgumentException("width " + width);
        }
        this.width = width;
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        this.keys = new long[Math.max(8, expected) * width];
    }

    int size() {
        return size;
    }

    int width() {
        return width;
    }

    /** Word {@code word} of the key numbered {@code index}. */
    long key(int index, int word) {
        return keys[index * width + word];
    }

    /** The index of a one-long key, or -1. */
    int find(long key) {
        int slot = slot(hash(key));
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (keys[(entry - 1) * width] == key) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The index of the key in {@code key[0..width)}, or -1. */
    int find(long[] key) {
        int slot = slot(hash(key));
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (equalsAt(entry - 1, key)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds a one-long key that {@link #find(long)} did not find; returns its index. */
    int add(long key) {
        ensureKeyRoom();
        int index = size++;
        keys[index * width] = key;
        insert(slot(hash(key)), index);
        return index;
    }

    /** Adds a key that {@link #find(long[])} did not find; returns its index. */
    int add(long[] key) {
        ensureKeyRoom();
        int index = size++;
        System.arraycopy(key, 0, keys, index * width, width);
        insert(slot(hash(key)), index);
        return index;
    }

    private boolean equalsAt(int index, long[] key) {
        int base = index * width;
        for (int i = 0; i < width; i++) {
            if (keys[base + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private void insert(int start, int index) {
        int slot = start;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = index + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
    }

    private void ensureKeyRoom() {
        if ((size + 1) * width > keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int index = 0; index < size; index++) {
            int slot = slot(hashAt(index));
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = index + 1;
        }
    }

    private long hashAt(int index) {
        if (width == 1) {
            return hash(keys[index]);
        }
        long h = 0;
        int base = index * width;
        for (int i = 0; i < width; i++) {
            h = (h + keys[base + i]) * GOLDEN;
        }
        return h;
    }

    private long hash(long[] key) {
        if (width == 1) {
            return hash(key[0]);
        }
        long h = 0;
        for (int i = 0; i < width; i++) {
            h = (h + key[i]) * GOLDEN;
        }
        return h;
    }

    private static long hash(long key) {
        return key * GOLDEN;
    }

    private int slot(long hash) {
        return (int) (hash ^ (hash >>> 32) ^ (hash >>> 17)) & mask;
    }
}
