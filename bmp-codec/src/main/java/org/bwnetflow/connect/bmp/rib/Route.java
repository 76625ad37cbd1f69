package org.bwnetflow.connect.bmp.rib;

import java.util.Arrays;
import java.util.List;
import org.bwnetflow.connect.bmp.decode.AsPathSegment;

/**
 * A route's attributes as a record of the RIB topic carries them (bgp_route.proto's Route).
 *
 * @param peerAs           the peer's AS
 * @param peerBgpId        the peer's BGP identifier
 * @param origin           ORIGIN: 0 IGP, 1 EGP, 2 incomplete
 * @param asPath           AS_PATH with 4-byte AS numbers
 * @param nextHop          the BGP next hop (4 or 16 bytes, empty if none)
 * @param med              MULTI_EXIT_DISC, -1 absent
 * @param localPref        LOCAL_PREF, -1 absent
 * @param communities      RFC 1997 communities, each a 32-bit value
 * @param largeCommunities RFC 8092 large communities, three values each
 * @param timeReceived     when the router saw the route (BMP per-peer header), ms since the epoch; 0 unknown
 * @param timeMonitored    when the connector received the BMP message, ms since the epoch
 */
public record Route(long peerAs, long peerBgpId, int origin, List<AsPathSegment> asPath, byte[] nextHop, long med,
        long localPref, long[] communities, long[] largeCommunities, long timeReceived, long timeMonitored) {

    public Route {
        asPath = List.copyOf(asPath);
        nextHop = nextHop == null ? new byte[0] : nextHop;
        communities = communities == null ? new long[0] : communities;
        largeCommunities = largeCommunities == null ? new long[0] : largeCommunities;
    }

    /** The AS path flattened: the ASes of every sequence and set in order (confederation segments left out). */
    public long[] flatAsPath() {
        int n = 0;
        for (AsPathSegment s : asPath) {
            n += countsInFlow(s) ? s.asns().length : 0;
        }
        long[] flat = new long[n];
        int i = 0;
        for (AsPathSegment s : asPath) {
            if (countsInFlow(s)) {
                System.arraycopy(s.asns(), 0, flat, i, s.asns().length);
                i += s.asns().length;
            }
        }
        return flat;
    }

    private static boolean countsInFlow(AsPathSegment segment) {
        return segment.type() == AsPathSegment.AS_SEQUENCE || segment.type() == AsPathSegment.AS_SET;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Route r && peerAs == r.peerAs && peerBgpId == r.peerBgpId && origin == r.origin
                && med == r.med && localPref == r.localPref && timeReceived == r.timeReceived
                && timeMonitored == r.timeMonitored && asPath.equals(r.asPath) && Arrays.equals(nextHop, r.nextHop)
                && Arrays.equals(communities, r.communities) && Arrays.equals(largeCommunities, r.largeCommunities);
    }

    @Override
    public int hashCode() {
        return ((asPath.hashCode() * 31 + Arrays.hashCode(nextHop)) * 31 + Arrays.hashCode(communities)) * 31
                + Long.hashCode(peerAs);
    }

    @Override
    public String toString() {
        return "as-path " + asPath + " next-hop " + Addresses.text(nextHop) + " communities " + Arrays.toString(communities)
                + " large " + Arrays.toString(largeCommunities) + " peer-as " + peerAs;
    }
}
