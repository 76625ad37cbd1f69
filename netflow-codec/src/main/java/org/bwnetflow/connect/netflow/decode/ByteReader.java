package org.bwnetflow.connect.netflow.decode;

/**
 * Big-endian reads from a byte array. Callers check bounds first: the decoder never relies on
 * exceptions to find the end of its input.
 */
final class ByteReader {

    private ByteReader() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    /**
     * An unsigned number of 1 to 8 bytes (reduced-size encoding lets exporters shorten any
     * counter); longer fields keep their last 8 bytes.
     */
    static long unsigned(byte[] b, int off, int len) {
        switch (len) { // the common widths without a loop
            case 1:
                return b[off] & 0xFF;
            case 2:
                return u16(b, off);
            case 4:
                return u32(b, off);
            case 8:
                return u32(b, off) << 32 | u32(b, off + 4);
            default:
                return unsignedAnyLength(b, off, len);
        }
    }

    private static long unsignedAnyLength(byte[] b, int off, int len) {
        long value = 0;
        int start = len > 8 ? off + len - 8 : off;
        for (int i = start; i < off + len; i++) {
            value = value << 8 | (b[i] & 0xFF);
        }
        return value;
    }

    /** True when every byte in {@code [from, to)} is zero (padding, or an unset address). */
    static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
