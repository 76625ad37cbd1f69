package org.bwnetflow.connect.bgp.speaker;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPv4 or IPv6 prefix: an address with no bits set beyond {@code length}. Its text is the address in its
 * canonical form (RFC 5952 for IPv6, as gobgpd and FRR print it) and the length: {@code 2001:db8::7/128}.
 */
public record IpPrefix(InetAddress address, int length) implements Comparable<IpPrefix> {

    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int bits = address.getAddress().length * 8;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " outside 0-" + bits + " for " + IpAddresses.format(address));
        }
        byte[] bytes = address.getAddress();
        for (int bit = length; bit < bits; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException(IpAddresses.format(address) + "/" + length
                        + " has bits set beyond its length (the prefix is " + IpAddresses.format(masked(bytes, length)) + "/" + length
                        + ")");
            }
        }
    }

    /** {@code 192.0.2.1/32}, {@code 2001:db8::/32}; an address without a length is a host route (/32, /128). */
    public static IpPrefix parse(String text) {
        Objects.requireNonNull(text, "prefix");
        int slash = text.indexOf('/');
        InetAddress address = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new IpPrefix(address, bits);
        }
        String length = text.substring(slash + 1);
        if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a prefix length: '" + length + "' in '" + text + "'");
        }
        return new IpPrefix(address, Integer.parseInt(length));
    }

    /** The host route of an address. */
    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, address.getAddress().length * 8);
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** A /32 (IPv4) or /128 (IPv6). */
    public boolean isHostRoute() {
        return length == address.getAddress().length * 8;
    }

    @Override
    public int compareTo(IpPrefix other) {
        byte[] a = address.getAddress();
        byte[] b = other.address.getAddress();
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        int byBytes = java.util.Arrays.compareUnsigned(a, b);
        return byBytes != 0 ? byBytes : Integer.compare(length, other.length);
    }

    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + length;
    }

    private static InetAddress masked(byte[] bytes, int length) {
        byte[] copy = bytes.clone();
        for (int bit = length; bit < copy.length * 8; bit++) {
            copy[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return IpAddresses.of(copy);
    }
}
