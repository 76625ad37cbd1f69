package org.bwnetflow.connect.bmp.source.rib;

/** A prefix's address as the longs {@link KeySet} keeps: IPv4 in the low 32 bits of the low word, IPv6 as high and low 64 bits. */
final class PrefixWords {

    private PrefixWords() {
    }

    static boolean ipv6(byte[] address) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("a prefix of " + address.length + " bytes is neither IPv4 nor IPv6");
        }
        return address.length == 16;
    }

    static long high(byte[] address) {
        return address.length == 16 ? word(address, 0, 8) : 0;
    }

    static long low(byte[] address) {
        return address.length == 16 ? word(address, 8, 8) : word(address, 0, 4);
    }

    static byte[] address(boolean ipv6, long high, long low) {
        byte[] address = new byte[ipv6 ? 16 : 4];
        if (ipv6) {
            put(address, 0, 8, high);
            put(address, 8, 8, low);
        } else {
            put(address, 0, 4, low);
        }
        return address;
    }

    /** An ADD-PATH path id (4 bytes, RFC 7911) as the int it is kept as. */
    static int pathId(long pathId) {
        if (pathId >>> 32 != 0) {
            throw new IllegalArgumentException("path id " + pathId + " exceeds 32 bits");
        }
        return (int) pathId;
    }

    private static long word(byte[] b, int offset, int bytes) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (b[offset + i] & 0xFF);
        }
        return value;
    }

    private static void put(byte[] b, int offset, int bytes, long value) {
        for (int i = 0; i < bytes; i++) {
            b[offset + i] = (byte) (value >>> (8 * (bytes - 1 - i)));
        }
    }
}
