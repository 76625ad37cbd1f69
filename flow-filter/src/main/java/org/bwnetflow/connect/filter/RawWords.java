package org.bwnetflow.connect.filter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads of protobuf bytes eight at a time. The end of a varint is found from one 8-byte word (the first byte below
 * 0x80) instead of a loop whose exit branch mispredicts on every varint of a new length. Words reach past the end
 * of the message, so callers check every position they get against it; past the end of the array a word reads as
 * zeros, so no read ever leaves the array.
 */
final class RawWords {

    private static final VarHandle LITTLE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final long STOP_BITS = 0x8080_8080_8080_8080L;

    private RawWords() {
    }

    /**
     * The eight bytes from {@code position} (at most one past the array), the first lowest; zeros past the array.
     * Near the array's end the last eight bytes are read and shifted: no loop whose length varies per message.
     */
    static long littleEndian(byte[] bytes, int position) {
        int last = bytes.length - Long.BYTES;
        if (last < 0) {
            return shortArrayWord(bytes, position);
        }
        if (position <= last) {
            return (long) LITTLE_LONG.get(bytes, position);
        }
        // position - last is 1-7 within the array; past it (8 or 9) the shift wraps, but then every result is past the end
        return (long) LITTLE_LONG.get(bytes, last) >>> ((position - last) << 3);
    }

    private static long shortArrayWord(byte[] bytes, int position) {
        long word = 0;
        for (int i = bytes.length - 1; i >= position; i--) {
            word = word << 8 | (bytes[i] & 0xFF);
        }
        return word;
    }

    /**
     * Where the varint at {@code position} (within the array) ends: the position after it, which may lie past the
     * message's end (the caller's check), or -1 when it has more than 10 bytes or runs off the array.
     */
    static int varintEnd(byte[] bytes, int position) {
        long stops = ~littleEndian(bytes, position) & STOP_BITS;
        if (stops != 0) {
            return position + (Long.numberOfTrailingZeros(stops) >>> 3) + 1;
        }
        for (int i = position + Long.BYTES; i < position + 10 && i < bytes.length; i++) {
            if (bytes[i] >= 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The value of the varint in {@code bytes[from, to)}; bits past 64 are dropped, as protobuf does. */
    static long varintValue(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length <= Long.BYTES) {
            // always eight groups of seven bits, from a word cut to the varint: a fixed loop the compiler unrolls,
            // where a loop over the varint's bytes would mispredict its exit on values of varying lengths
            long word = littleEndian(bytes, from) & -1L >>> (Long.SIZE - Byte.SIZE * length);
            long value = 0;
            for (int group = 0; group < Long.BYTES; group++) {
                value |= word >>> group & 0x7FL << (7 * group);
            }
            return value;
        }
        long value = 0;
        for (int i = from, shift = 0; i < to; i++, shift += 7) {
            value |= (long) (bytes[i] & 0x7F) << shift;
        }
        return value;
    }

    static long bigEndianLong(byte[] bytes, int position) {
        return (long) BIG_LONG.get(bytes, position);
    }

    static int bigEndianInt(byte[] bytes, int position) {
        return (int) BIG_INT.get(bytes, position);
    }
}
