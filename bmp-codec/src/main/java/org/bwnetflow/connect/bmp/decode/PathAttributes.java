package org.bwnetflow.connect.bmp.decode;

import java.util.List;

/**
 * The path attributes of an UPDATE that the RIB keeps (absent ones as -1, null or empty).
 *
 * @param origin           ORIGIN: 0 IGP, 1 EGP, 2 incomplete; -1 absent
 * @param asPath           AS_PATH with 4-byte AS numbers (a 2-byte path merged with AS4_PATH, RFC 6793)
 * @param nextHop          NEXT_HOP (4 bytes), for the IPv4 NLRI of the message itself; null absent
 * @param mpNextHop        MP_REACH_NLRI's next hop for the family it carries (4 or 16 bytes, the global address
 *                         when a link-local one follows); null absent
 * @param med              MULTI_EXIT_DISC, -1 absent
 * @param localPref        LOCAL_PREF, -1 absent
 * @param communities      COMMUNITIES (RFC 1997), each a 32-bit value
 * @param largeCommunities LARGE_COMMUNITY (RFC 8092): global administrator, data 1, data 2, three per community
 */
public record PathAttributes(int origin, List<AsPathSegment> asPath, byte[] nextHop, byte[] mpNextHop, long med,
        long localPref, long[] communities, long[] largeCommunities) {

    /** The next hop of an announced prefix: MP_REACH's for IPv6, NEXT_HOP's for IPv4 (MP_REACH's if there is none). */
    public byte[] nextHopFor(Prefix prefix) {
        return prefix.ipv6() || nextHop == null ? mpNextHop : nextHop;
    }

    /** The origin AS: the last AS of the path's last AS_SEQUENCE (0 if the path ends in a set or is empty). */
    public long originAs() {
        if (asPath.isEmpty()) {
            return 0;
        }
        AsPathSegment last = asPath.get(asPath.size() - 1);
        return last.type() == AsPathSegment.AS_SEQUENCE && last.asns().length > 0 ? last.asns()[last.asns().length - 1] : 0;
    }

    /** The neighbour AS: the first AS of the path's first AS_SEQUENCE (0 if none). */
    public long neighbourAs() {
        for (AsPathSegment segment : asPath) {
            if (segment.type() == AsPathSegment.AS_SEQUENCE && segment.asns().length > 0) {
                return segment.asns()[0];
            }
            if (segment.type() == AsPathSegment.AS_SET) {
                return 0;
            }
        }
        return 0;
    }
}
