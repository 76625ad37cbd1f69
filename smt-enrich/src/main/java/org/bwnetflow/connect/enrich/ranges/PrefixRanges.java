package org.bwnetflow.connect.enrich.ranges;


/**
 * Longest-prefix match over IPv4 and IPv6 prefixes that each carry a 32-bit value: the prefixes
 * flattened into disjoint address ranges ({@link FlatRanges}) binary-searched in primitive arrays
 * ({@link Ipv4Ranges}, {@link Ipv6Ranges}). Immutable; a lookup reads the address straight from
 * its bytes and allocates nothing. CustomerId's prefix list and GeoIp's MaxMind databases are
 * both compiled into one.
 */
public final class PrefixRanges {


    private final Ipv4Ranges v4;
    private final Ipv6Ranges v6;

    PrefixRanges(Ipv4Ranges v4, Ipv6Ranges v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /**
     * Builds the table from each family's prefixes in the order {@link PrefixColumns#sortedOrder()}
     * gave (no prefix twice: the caller checks that its source repeats none).
     */
    public static PrefixRanges of(PrefixColumns v4, int[] v4Order, PrefixColumns v6, int[] v6Order) {
        return new PrefixRanges(new Ipv4Ranges(FlatRanges.of(v4, v4Order, 32)), new Ipv6Ranges(FlatRanges.of(v6, v6Order, 128)));
    }

    /** The value bits of the longest prefix holding the address (4 or 16 bytes), or 0. */
    public int lookup(byte[] address) {
        if (address.length == 4) {
            return lookupIpv4(AddressWords.ipv4(address));
        }
        if (address.length == 16) {
            return lookupIpv6(AddressWords.high(address), AddressWords.low(address));
        }
        return 0;
    }

    /** The value bits of the longest IPv4 prefix holding the address, or 0. */
    public int lookupIpv4(int address) {
        return v4.lookup(address);
    }

    /** The value bits of the longest IPv6 prefix holding the address (high and low 64 bits), or 0. */
    public int lookupIpv6(long high, long low) {
        return v6.lookup(high, low);
    }

    /** How many disjoint ranges the prefixes became (IPv4 and IPv6). */
    public int ranges() {
        return v4.ranges() + v6.ranges();
    }

    /** Bytes of the table's arrays: what it keeps on the heap, but for a few object headers. */
    public long arrayBytes() {
        return v4.arrayBytes() + v6.arrayBytes();
    }
}
