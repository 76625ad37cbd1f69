package org.bwnetflow.connect.enrich.interfaces;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Arrays;

/**
 * Addresses as the flows carry them (4 or 16 bytes), compared without allocating: an IPv4-mapped
 * IPv6 address ({@code ::ffff:a.b.c.d}) is its IPv4 address, because that is where a datagram to
 * it goes, so a list that allows IPv6 space does not thereby allow IPv4 agents.
 */
final class AddressBytes {

    private static final int MAPPED_PREFIX = 12;

    private AddressBytes() {
    }

    /** Where the address's canonical bytes start: 12 for an IPv4-mapped IPv6 address, else 0. */
    static int from(byte[] address) {
        return isIpv4Mapped(address) ? MAPPED_PREFIX : 0;
    }

    private static boolean isIpv4Mapped(byte[] address) {
        if (address.length != 16 || address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Orders {@code key} against the address's bytes from {@code from} on, unsigned; keys of one length only. */
    static int compare(byte[] key, byte[] address, int from) {
        return Arrays.compareUnsigned(key, 0, key.length, address, from, address.length);
    }

    /** Parses an IPv4 or IPv6 address or CIDR block; an IPv4-mapped one becomes IPv4. The message says what is wrong. */
    static IPAddress parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            // IPAddressString reads "" as the loopback address: an empty item ("a,,b") must not allow it.
            throw new IllegalArgumentException("'' is not an IPv4 or IPv6 address (an empty item in the list?)");
        }
        IPAddress address;
        try {
            address = new IPAddressString(trimmed).toAddress();
        } catch (AddressStringException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an IPv4 or IPv6 address: " + e.getMessage());
        }
        if (address == null || !address.isIPv4() && !address.isIPv6()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an IPv4 or IPv6 address");
        }
        if (address.isMultiple() && !address.isPrefixBlock()) {
            throw new IllegalArgumentException("'" + trimmed + "' is a range, not an address or CIDR block");
        }
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            IPAddress v4 = address.toIPv6().getEmbeddedIPv4Address();
            Integer length = address.getNetworkPrefixLength();
            return length == null ? v4 : v4.setPrefixLength(Math.max(0, length - 96), false);
        }
        return address;
    }
}
