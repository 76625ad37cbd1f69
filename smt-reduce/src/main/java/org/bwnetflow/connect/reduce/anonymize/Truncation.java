package org.bwnetflow.connect.reduce.anonymize;

/**
 * Keeps an address's network prefix and zeroes the rest (e.g. 192.0.2.77 → 192.0.2.0 at /24).
 * Idempotent: truncating twice gives the same address. Stateless, hence thread-safe.
 */
public final class Truncation implements AddressAnonymizer {

    private final int ipv4Prefix;
    private final int ipv6Prefix;

    /** Prefix lengths in bits: 0-32 for IPv4, 0-128 for IPv6. */
    public Truncation(int ipv4Prefix, int ipv6Prefix) {
        if (ipv4Prefix < 0 || ipv4Prefix > 32 || ipv6Prefix < 0 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("prefix lengths are 0-32 (IPv4) and 0-128 (IPv6), not /" + ipv4Prefix
                    + " and /" + ipv6Prefix);
        }
        this.ipv4Prefix = ipv4Prefix;
        this.ipv6Prefix = ipv6Prefix;
    }

    @Override
    public byte[] anonymize(byte[] address) {
        int prefix;
        if (address.length == 4) {
            prefix = ipv4Prefix;
        } else if (address.length == 16) {
            prefix = ipv6Prefix;
        } else {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
        }
        byte[] truncated = new byte[address.length];
        int whole = prefix / 8;
        System.arraycopy(address, 0, truncated, 0, whole);
        int bits = prefix % 8;
        if (bits > 0) {
            truncated[whole] = (byte) (address[whole] & (0xFF << (8 - bits)));
        }
        return truncated;
    }
}
