package org.bwnetflow.connect.bgp.speaker;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals in and out, with the ipaddress library: parsing never asks DNS (a name is an error, not a
 * lookup) and takes only plain literals (dotted quads without leading zeros, IPv6 without zone, prefix or range), and
 * IPv6 is written in RFC 5952's canonical form, as gobgpd and FRR write it, so that keys and texts compare as strings.
 */
public final class IpAddresses {

    private static final IPAddressStringParameters LITERALS = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowPrefix(false).allowMask(false).allowSingleSegment(false)
            .allowWildcardedSeparator(false).setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
            .getIPv4AddressParametersBuilder().allow_inet_aton(false).allowLeadingZeros(false).allowPrefixLengthLeadingZeros(false)
            .getParentBuilder()
            .getIPv6AddressParametersBuilder().allowZone(false).allowLeadingZeros(true).getParentBuilder()
            .toParams();

    private IpAddresses() {
    }

    /** An IPv4 address in dotted-quad form or an IPv6 address (RFC 4291 text, no zone); anything else is an error. */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("no IP address given");
        }
        if (!text.equals(text.strip())) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'"); // the library would trim it
        }
        IPAddress address;
        try {
            address = new IPAddressString(text, LITERALS).toAddress();
        } catch (AddressStringException | RuntimeException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'", e);
        }
        return of(address.getBytes()); // an IPv4-mapped IPv6 literal stays IPv6 (16 bytes)
    }

    /** The address of 4 or 16 bytes. */
    public static InetAddress of(byte[] bytes) {
        try {
            if (bytes.length == 16) {
                return Inet6Address.getByAddress(null, bytes, null);
            }
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }

    /** Dotted quad for IPv4; RFC 5952 for IPv6 (lower case, the longest run of two or more zero groups as ::). */
    public static String format(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? new IPv4Address(bytes).toCanonicalString() : new IPv6Address(bytes).toCanonicalString();
    }
}
