package org.bwnetflow.connect.bmp.decode;

/** Big-endian reads from byte arrays (network order, as BMP and BGP write everything). */
final class Bytes {

    private Bytes() {
    }

    static int uint8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int uint16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    static long uint32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    static long int64(byte[] b, int at) {
        return uint32(b, at) << 32 | uint32(b, at + 4);
    }

    static byte[] copy(byte[] b, int at, int length) {
        byte[] out = new byte[length];
        System.arraycopy(b, at, out, 0, length);
        return out;
    }
}
