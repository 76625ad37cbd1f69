package org.bwnetflow.connect.filter;

import inet.ipaddr.ipv6.IPv6Address;
import org.bwnetflow.connect.model.table.AddressHalves;

/** Masks of prefixes in the 128-bit address space of {@link AddressHalves}, and their text. */
final class AddressBits {

    /** The high half of {@code ::ffff:0:0/96}, IPv4's place in the space. */
    static final long IPV4_HIGH = 0;
    /** The low half of {@code ::ffff:0:0/96}. */
    static final long IPV4_LOW = 0x0000_ffff_0000_0000L;
    /** IPv4's prefix length in the space. */
    static final int IPV4_LENGTH = 96;

    private AddressBits() {
    }

    /** The bits of the high half a prefix of this length fixes. */
    static long highMask(int length) {
        return length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    /** The bits of the low half a prefix of this length fixes. */
    static long lowMask(int length) {
        return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    }

    /** Whether a prefix lies in IPv4's part of the space, so that it is written as IPv4. */
    static boolean isIpv4(long high, long low, int length) {
        return length >= IPV4_LENGTH && high == IPV4_HIGH && (low & lowMask(IPV4_LENGTH)) == IPV4_LOW;
    }

    /** The prefix as the filter language writes it: IPv4 dotted, IPv6 compressed; no /length for one address. */
    static String text(long high, long low, int length) {
        if (isIpv4(high, low, length)) {
            String address = (low >>> 24 & 0xff) + "." + (low >>> 16 & 0xff) + "." + (low >>> 8 & 0xff) + "." + (low & 0xff);
            return length == 128 ? address : address + "/" + (length - IPV4_LENGTH);
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        String address = new IPv6Address(bytes).toCompressedString();
        return length == 128 ? address : address + "/" + length;
    }
}
