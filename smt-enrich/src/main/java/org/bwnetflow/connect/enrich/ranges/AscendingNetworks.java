package org.bwnetflow.connect.enrich.ranges;

/**
 * Builds a {@link PrefixRanges} from disjoint networks given in ascending address order per family
 * (what walking a search tree's leaves from left to right yields, e.g. a MaxMind database's): the
 * ranges are merged as the networks arrive, so the build keeps nothing per network.
 */
public final class AscendingNetworks {

    private final FlatRanges v4 = FlatRanges.forAscendingNetworks();
    private final FlatRanges v6 = FlatRanges.forAscendingNetworks();
    private int networks;

    /**
     * Appends an IPv4 network: its first address, its prefix length (0-32) and its value (0: none).
     *
     * @throws IllegalArgumentException if it does not start after the last IPv4 network's end
     */
    public void addIpv4(int address, int length, int value) {
        v4.appendNetwork(0, Integer.toUnsignedLong(address), PrefixColumns.IPV4_OFFSET + length, value);
        networks++;
    }

    /**
     * Appends an IPv6 network: its first address's high and low 64 bits, its prefix length (0-128)
     * and its value (0: none).
     *
     * @throws IllegalArgumentException if it does not start after the last IPv6 network's end
     */
    public void addIpv6(long high, long low, int length, int value) {
        v6.appendNetwork(high, low, length, value);
        networks++;
    }

    /** Networks added so far. */
    public int networks() {
        return networks;
    }

    public PrefixRanges build() {
        return new PrefixRanges(new Ipv4Ranges(v4.finishAscending(32)), new Ipv6Ranges(v6.finishAscending(128)));
    }
}
