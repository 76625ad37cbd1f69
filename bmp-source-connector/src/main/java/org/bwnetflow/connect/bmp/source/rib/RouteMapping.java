package org.bwnetflow.connect.bmp.source.rib;

import org.bwnetflow.connect.bmp.decode.PathAttributes;
import org.bwnetflow.connect.bmp.decode.PeerHeader;
import org.bwnetflow.connect.bmp.decode.Prefix;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/** A decoded route as the RIB topic's key and value. */
final class RouteMapping {

    private static final byte[] NO_PEER = new byte[0];
    private static final int LOC_RIB_PEER_TYPE = 3;

    private RouteMapping() {
    }

    static RouteKey key(byte[] router, PeerHeader peer, Prefix prefix) {
        // The Loc-RIB is the router's own table: its per-peer header carries no peer (RFC 9069), so neither does the key.
        return new RouteKey(router, peer.table(), peerAddress(peer), peer.distinguisher(), prefix.address(),
                prefix.length(), prefix.pathId());
    }

    /** The peer as keys name it: the Loc-RIB (peer type 3) has none. */
    static byte[] peerAddress(PeerHeader peer) {
        return peer.table() == RibTable.LOC_RIB || peer.peerType() == LOC_RIB_PEER_TYPE ? NO_PEER : peer.address();
    }

    static Route route(PeerHeader peer, PathAttributes attributes, Prefix prefix, long nowMillis) {
        return new Route(peer.peerAs(), peer.bgpId(), attributes.origin(), attributes.asPath(),
                attributes.nextHopFor(prefix), attributes.med(), attributes.localPref(), attributes.communities(),
                attributes.largeCommunities(), peer.timestampMillis(), nowMillis);
    }
}
