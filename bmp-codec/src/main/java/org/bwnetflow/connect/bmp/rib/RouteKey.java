package org.bwnetflow.connect.bmp.rib;

import java.util.Arrays;
import org.bwnetflow.connect.bmp.decode.RibTable;

/**
 * Which route a record of the RIB topic is about (bgp_route.proto's RouteKey): a prefix with its
 * ADD-PATH path id, from one peer, in one table of one router.
 *
 * @param router            the monitored router: the address its BMP session came from (4 or 16 bytes)
 * @param table             the router's table
 * @param peerAddress       the peer (4 or 16 bytes); empty for the Loc-RIB
 * @param peerDistinguisher the route distinguisher of RD/local instance peers, 0 otherwise
 * @param prefix            the prefix's first address (4 or 16 bytes, host bits zero)
 * @param prefixLength      the prefix length in bits
 * @param pathId            the ADD-PATH path identifier, 0 without ADD-PATH
 */
public record RouteKey(byte[] router, RibTable table, byte[] peerAddress, long peerDistinguisher, byte[] prefix,
        int prefixLength, long pathId) {

    public boolean ipv6() {
        return prefix.length == 16;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RouteKey k && table == k.table && peerDistinguisher == k.peerDistinguisher
                && prefixLength == k.prefixLength && pathId == k.pathId && Arrays.equals(router, k.router)
                && Arrays.equals(peerAddress, k.peerAddress) && Arrays.equals(prefix, k.prefix);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(router) * 31 + table.hashCode();
        h = h * 31 + Arrays.hashCode(peerAddress);
        h = h * 31 + Long.hashCode(peerDistinguisher);
        h = h * 31 + Arrays.hashCode(prefix);
        return (h * 31 + prefixLength) * 31 + Long.hashCode(pathId);
    }

    @Override
    public String toString() {
        return Addresses.text(router) + " " + table + " peer " + Addresses.text(peerAddress)
                + (peerDistinguisher == 0 ? "" : " rd " + peerDistinguisher) + " " + Addresses.text(prefix) + "/"
                + prefixLength + (pathId == 0 ? "" : " path " + pathId);
    }
}
