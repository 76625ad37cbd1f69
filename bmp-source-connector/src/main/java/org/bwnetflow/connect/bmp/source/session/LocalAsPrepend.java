package org.bwnetflow.connect.bmp.source.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bwnetflow.connect.bmp.decode.AsPathSegment;
import org.bwnetflow.connect.bmp.decode.BgpUpdate;
import org.bwnetflow.connect.bmp.decode.PathAttributes;
import org.bwnetflow.connect.bmp.decode.PeerHeader;
import org.bwnetflow.connect.bmp.decode.PeerUp;
import org.bwnetflow.connect.bmp.decode.RibTable;

/**
 * Undoes a router bug: FRR before 10.x (fixed by FRRouting/frr#21815, 2026) writes the AS paths
 * of its BMP Route Monitoring with its own AS prepended, as if it were advertising the route to an
 * eBGP peer. A route received from an eBGP peer never begins with the receiver's own AS (BGP
 * drops paths holding its own AS as loops, and an eBGP peer's path begins with the peer's AS), so
 * an Adj-RIB-In path of an eBGP peer that begins with the router's AS (from the peer's Peer Up,
 * the OPEN the router sent) followed by the peer's AS had it prepended by the router's BMP code:
 * the first AS is taken off. Anything else is left exactly as the router reported it.
 */
final class LocalAsPrepend {

    private LocalAsPrepend() {
    }

    /** The update as received from the peer: the same instance when nothing needed undoing. */
    static BgpUpdate undo(PeerHeader peer, PeerUp up, BgpUpdate update) {
        if (up == null || update.announced().isEmpty()
                || peer.table() != RibTable.ADJ_RIB_IN_PRE_POLICY && peer.table() != RibTable.ADJ_RIB_IN_POST_POLICY) {
            return update;
        }
        long localAs = up.sent().asn();
        long peerAs = peer.peerAs();
        PathAttributes attributes = update.attributes();
        List<AsPathSegment> path = attributes.asPath();
        if (localAs == peerAs || path.isEmpty()) {
            return update;
        }
        AsPathSegment first = path.get(0);
        long[] asns = first.asns();
        if (first.type() != AsPathSegment.AS_SEQUENCE || asns.length < 2 || asns[0] != localAs || asns[1] != peerAs) {
            return update;
        }
        List<AsPathSegment> corrected = new ArrayList<>(path);
        corrected.set(0, new AsPathSegment(AsPathSegment.AS_SEQUENCE, Arrays.copyOfRange(asns, 1, asns.length)));
        PathAttributes received = new PathAttributes(attributes.origin(), corrected, attributes.nextHop(), attributes.mpNextHop(),
                attributes.med(), attributes.localPref(), attributes.communities(), attributes.largeCommunities());
        return new BgpUpdate(update.withdrawn(), update.announced(), received, update.otherFamilies());
    }
}
