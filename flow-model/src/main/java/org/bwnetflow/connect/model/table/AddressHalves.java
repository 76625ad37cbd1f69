package org.bwnetflow.connect.model.table;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as two signed longs, the way the raw flows table stores it: the 128 bits
 * of the IPv6 address (IPv4 as {@code ::ffff:a.b.c.d}), high half and low half.
 *
 * <p>Why this shape: QuestDB has an IPv4 type but none for IPv6, and two LONG columns group and
 * compare fast. A CIDR of length 1 or more lies wholly in one sign half of each long, so its range
 * is a plain signed {@code BETWEEN} on the stored values; no sign flip is needed (which would turn
 * the high half of every IPv4 address into Long.MIN_VALUE, QuestDB's NULL).
 */
public final class AddressHalves {

    private static final long IPV4_MAPPED_LOW = 0x0000_ffff_0000_0000L;

    private AddressHalves() {
    }

    /** The high half of a 4- or 16-byte address; 0 for IPv4 and for an empty or odd array. */
    public static long high(byte[] address) {
        return address == null ? 0 : high(address, 0, address.length);
    }

    /** {@link #high(byte[])} of the {@code length} bytes at {@code offset}: read in place, e.g. inside a protobuf record. */
    public static long high(byte[] bytes, int offset, int length) {
        return length == 16 ? readLong(bytes, offset) : 0;
    }

    /** The low half of a 4- or 16-byte address; IPv4 mapped, 0 for an empty or odd array. */
    public static long low(byte[] address) {
        return address == null ? 0 : low(address, 0, address.length);
    }

    /** {@link #low(byte[])} of the {@code length} bytes at {@code offset}. */
    public static long low(byte[] bytes, int offset, int length) {
        if (length == 4) {
            return IPV4_MAPPED_LOW | (readInt(bytes, offset) & 0xffff_ffffL);
        }
        return length == 16 ? readLong(bytes, offset + 8) : 0;
    }

    /** The address two halves stand for: IPv4 for {@code ::ffff:0:0/96}, IPv6 otherwise. */
    public static InetAddress address(long high, long low) {
        byte[] bytes;
        if (high == 0 && (low >>> 32) == 0xffffL) {
            bytes = new byte[] {(byte) (low >>> 24), (byte) (low >>> 16), (byte) (low >>> 8), (byte) low};
        } else {
            bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (high >>> (56 - 8 * i));
                bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** The address as text (IPv4 dotted, IPv6 as Java writes it). */
    public static String text(long high, long low) {
        return address(high, low).getHostAddress();
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    private static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16) | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }
}
