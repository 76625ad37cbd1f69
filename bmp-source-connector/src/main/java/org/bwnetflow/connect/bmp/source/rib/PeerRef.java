package org.bwnetflow.connect.bmp.source.rib;

import java.util.HexFormat;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/** One peer of a router, as Peer Down names it: its address (empty for the Loc-RIB) and distinguisher. */
record PeerRef(String address, long distinguisher) {

    static PeerRef of(byte[] address, long distinguisher) {
        return new PeerRef(HexFormat.of().formatHex(address), distinguisher);
    }

    static PeerRef of(RouteKey key) {
        return of(key.peerAddress(), key.peerDistinguisher());
    }
}
