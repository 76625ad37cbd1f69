package org.bwnetflow.connect.model.config;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;

/** Address and CIDR parsing for configs, with messages fit for a ConfigException (the sources' allowlists and maps). */
public final class AddressParsing {

    private AddressParsing() {
    }

    /** A single address such as {@code 192.0.2.1} or {@code 2001:db8::1} (no prefix, no host name). */
    public static InetAddress address(String text) {
        IPAddress address = parse(text);
        if (address.isPrefixed()) {
            throw new IllegalArgumentException("'" + text + "' is a network, expected a single address");
        }
        return address.toInetAddress();
    }

    /** A CIDR block such as {@code 10.0.0.0/8}; a bare address means just that host. */
    public static IPAddress block(String text) {
        return parse(text).toPrefixBlock();
    }

    private static IPAddress parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            // The address library reads an empty string as the loopback address: a stray comma must not allow it.
            throw new IllegalArgumentException("an empty item is not an address (a stray comma?)");
        }
        try {
            IPAddress address = new IPAddressString(trimmed).toAddress();
            if (address == null) {
                throw new IllegalArgumentException("'" + trimmed + "' is not an IPv4 or IPv6 address");
            }
            return address;
        } catch (AddressStringException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an IPv4 or IPv6 address: " + e.getMessage());
        }
    }
}
