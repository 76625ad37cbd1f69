package org.bwnetflow.connect.bgp.speaker;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals in and out: parsing never asks DNS (a name is an error, not a lookup), and IPv6 is written
 * in RFC 5952's canonical form, as gobgpd and FRR write it, so that keys and texts compare as strings.
 */
public final class IpAddresses {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    /** An IPv4 address in dotted-quad form or an IPv6 address (RFC 4291 text, no zone); anything else is an error. */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("no IP address given");
        }
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return of(bytes);
        }
        // Only hex digits, colons and dots, with at least one colon: InetAddress parses it as a literal, never as a name.
        if (text.indexOf(':') >= 0 && text.length() <= 45 && IPV6_CHARACTERS.matcher(text).matches()) {
            try {
                InetAddress address = InetAddress.getByName(text);
                if (address instanceof Inet6Address) {
                    return address;
                }
                // An IPv4-mapped IPv6 literal (::ffff:192.0.2.1) comes back as IPv4: keep it IPv6.
                return Inet6Address.getByAddress(null, mapped(address.getAddress()), null);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: '" + text + "'", e);
            }
        }
        throw new IllegalArgumentException("not an IP address: '" + text + "'");
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
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int run = 0;
            while (i + run < 8 && groups[i + run] == 0) {
                run++;
            }
            if (run > bestLength) {
                bestStart = i;
                bestLength = run;
            }
            i += run;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }
}
