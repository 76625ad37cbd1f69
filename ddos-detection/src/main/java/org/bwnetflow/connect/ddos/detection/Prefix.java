package org.bwnetflow.connect.ddos.detection;

import java.util.Arrays;
import org.bwnetflow.connect.model.AddressText;

/**
 * An IPv4 or IPv6 address or prefix with its host bits cleared, equal by value: the key of a
 * target (a destination or its prefix) and of a source. Its text is made once, when first asked.
 */
final class Prefix {

    private final byte[] bytes;
    private final int length;
    private final int hash;
    private String text;

    private Prefix(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
        this.hash = 31 * Arrays.hashCode(bytes) + length;
    }

    /** The prefix of an address (4 or 16 bytes) with the length for its family; null for anything else. */
    static Prefix of(byte[] address, int lengthV4, int lengthV6) {
        if (address.length == 4) {
            return new Prefix(masked(address, lengthV4), lengthV4);
        }
        if (address.length == 16) {
            return new Prefix(masked(address, lengthV6), lengthV6);
        }
        return null;
    }

    /** The whole address (a source). */
    static Prefix address(byte[] address) {
        return of(address, 32, 128);
    }

    /** A prefix read back from the state: null unless 4 or 16 bytes and a length that fits them. */
    static Prefix restore(byte[] address, int length) {
        boolean fits = address.length == 4 || address.length == 16;
        if (!fits || length < 0 || length > address.length * 8) {
            return null;
        }
        return new Prefix(masked(address, length), length);
    }

    private static byte[] masked(byte[] address, int length) {
        byte[] masked = address.clone(); // never modify the flow's array: it may be shared
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, length - 8 * i));
            masked[i] = (byte) (masked[i] & (0xFF00 >> keep));
        }
        return masked;
    }

    /** CIDR text ({@code 192.0.2.0/24}), or the plain address when the prefix is a whole address. */
    String text() {
        if (text == null) {
            String address = AddressText.of(bytes);
            text = length == bytes.length * 8 ? address : address + "/" + length;
        }
        return text;
    }

    /** The address bytes, host bits clear (the prefix's own array: not to be modified). */
    byte[] address() {
        return bytes;
    }

    int length() {
        return length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && p.length == length && Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return text();
    }
}
