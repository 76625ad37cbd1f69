package org.bwnetflow.connect.model;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.Base64;

/** An address field's bytes as text, the one way flowctl and the ddos detection print addresses. */
public final class AddressText {

    private AddressText() {
    }

    /**
     * 4 or 16 bytes as an address, IPv6 in the RFC 5952 canonical form (as Wireshark and nfdump
     * print it: {@code 2001:db8:2::80}, IPv4-mapped as {@code ::ffff:192.0.2.1}); empty as "";
     * anything else as base64 so nothing is hidden.
     */
    public static String of(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        if (bytes.length == 4) {
            return new IPv4Address(bytes).toCanonicalString();
        }
        if (bytes.length == 16) {
            IPv6Address address = new IPv6Address(bytes);
            return address.isIPv4Mapped() ? "::ffff:" + address.getEmbeddedIPv4Address().toCanonicalString()
                    : address.toCanonicalString();
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
