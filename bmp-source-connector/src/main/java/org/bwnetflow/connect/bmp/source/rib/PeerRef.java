package org.bwnetflow.connect.bmp.source.rib;

import java.util.HexFormat;

/** One peer of a router, as Peer Down names it: its address (empty for the Loc-RIB) and distinguisher. */
record PeerRef(String address, long distinguisher) {

    static PeerRef of(byte[] address, long distinguisher) {
        return new PeerRef(HexFormat.of().formatHex(address), distinguisher);
    }
}
