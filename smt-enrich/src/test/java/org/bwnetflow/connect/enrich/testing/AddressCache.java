package org.bwnetflow.connect.enrich.testing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Remembers the answers of recent lookups by IP address (4 or 16 bytes): a direct-mapped array
 * of immutable entries, one array per address family, so threads may share it without locks
 * (a reference write is atomic, and an entry's final fields are visible once it is). A colliding
 * address simply replaces the entry in its slot. CustomerId and GeoIp kept one in front of
 * IPAddress's trie and MaxMind's reader until both were compiled into range tables; it stays here
 * as part of {@link ReferencePrefixTrie}, the lookup before (for tests and benchmarks).
 *
 * @param <V> the answer; never null (use a sentinel for "none")
 */
public final class AddressCache<V> {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Entry<?>[] v4;
    private final Entry<?>[] v6;
    private final int shift;

    /** A cache of {@code capacity} addresses per family (rounded up to a power of two). */
    public AddressCache(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        this.v4 = new Entry<?>[size];
        this.v6 = new Entry<?>[size];
        this.shift = 64 - Integer.numberOfTrailingZeros(size);
    }

    /** The cached answer for the address, or null when it is not cached (or not 4 or 16 bytes). */
    @SuppressWarnings("unchecked")
    public V get(byte[] address) {
        Entry<?> entry;
        if (address.length == 4) {
            long key = (int) INT.get(address, 0);
            entry = v4[index(0, key)];
            return entry != null && entry.low == key ? (V) entry.value : null;
        }
        if (address.length == 16) {
            long high = (long) LONG.get(address, 0);
            long low = (long) LONG.get(address, 8);
            entry = v6[index(high, low)];
            return entry != null && entry.high == high && entry.low == low ? (V) entry.value : null;
        }
        return null;
    }

    /** Remembers the answer for the address (addresses of other lengths are ignored). */
    public void put(byte[] address, V value) {
        if (address.length == 4) {
            long key = (int) INT.get(address, 0);
            v4[index(0, key)] = new Entry<>(0, key, value);
        } else if (address.length == 16) {
            long high = (long) LONG.get(address, 0);
            long low = (long) LONG.get(address, 8);
            v6[index(high, low)] = new Entry<>(high, low, value);
        }
    }

    private int index(long high, long low) {
        return (int) (((high * 31 + low) * GOLDEN) >>> shift);
    }

    private static final class Entry<V> {
        final long high;
        final long low;
        final V value;

        Entry(long high, long low, V value) {
            this.high = high;
            this.low = low;
            this.value = value;
        }
    }
}
