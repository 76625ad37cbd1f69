package org.bwnetflow.connect.enrich.routes;

import java.util.Arrays;

/**
 * What a flow is enriched with from its route: the AS path (its AS numbers in order, an AS_SET's
 * members where the set stands), communities, large communities (three values each) and the BGP
 * next hop; and what picks one route where several peers or paths offer a prefix (LOCAL_PREF,
 * ORIGIN). Immutable, compared by value: routes with equal attributes share one instance
 * ({@link AttributeSets}).
 *
 * @param localPref LOCAL_PREF, -1 absent
 * @param origin    ORIGIN: 0 IGP, 1 EGP, 2 incomplete
 */
public record RouteAttributes(long[] asPath, long[] communities, long[] largeCommunities, byte[] nextHop, long localPref,
        int origin) {

    /** Without a LOCAL_PREF a route counts as RFC 4271's usual default. */
    private static final long DEFAULT_LOCAL_PREF = 100;
    private static final int PREFERENCE_LOCAL_PREF_MAX = 1023;
    private static final int PREFERENCE_PATH_MAX = 255;

    /** Attributes without LOCAL_PREF and ORIGIN IGP. */
    public RouteAttributes(long[] asPath, long[] communities, long[] largeCommunities, byte[] nextHop) {
        this(asPath, communities, largeCommunities, nextHop, -1, 0);
    }

    /** The neighbour AS: the first AS of the path, 0 for an empty path. */
    public long neighbourAs() {
        return asPath.length == 0 ? 0 : asPath[0];
    }

    /** The origin AS: the last AS of the path, 0 for an empty path. */
    public long originAs() {
        return asPath.length == 0 ? 0 : asPath[asPath.length - 1];
    }

    /**
     * How a router would rank this route against another for the same prefix, lower first: the
     * first steps of BGP's decision process (RFC 4271 9.1.2.2): higher LOCAL_PREF, shorter AS
     * path, lower ORIGIN. In 20 bits.
     */
    public int preference() {
        long localPrefOrDefault = localPref < 0 ? DEFAULT_LOCAL_PREF : localPref;
        int inverseLocalPref = PREFERENCE_LOCAL_PREF_MAX - (int) Math.min(localPrefOrDefault, PREFERENCE_LOCAL_PREF_MAX);
        int pathLength = Math.min(asPath.length, PREFERENCE_PATH_MAX);
        return inverseLocalPref << 10 | pathLength << 2 | Math.min(origin, 3);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RouteAttributes a && localPref == a.localPref && origin == a.origin
                && Arrays.equals(asPath, a.asPath) && Arrays.equals(communities, a.communities)
                && Arrays.equals(largeCommunities, a.largeCommunities) && Arrays.equals(nextHop, a.nextHop);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(asPath);
        h = h * 31 + Arrays.hashCode(communities);
        h = h * 31 + Arrays.hashCode(largeCommunities);
        h = h * 31 + Long.hashCode(localPref) + origin;
        return h * 31 + Arrays.hashCode(nextHop);
    }

    @Override
    public String toString() {
        return "path " + Arrays.toString(asPath) + " communities " + Arrays.toString(communities);
    }
}
