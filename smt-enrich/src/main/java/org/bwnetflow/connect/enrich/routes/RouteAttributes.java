package org.bwnetflow.connect.enrich.routes;

import java.util.Arrays;

/**
 * What a flow is enriched with from its route: the AS path (its AS numbers in order, an AS_SET's
 * members where the set stands), communities, large communities (three values each) and the BGP
 * next hop. Immutable, compared by value: routes with equal attributes share one
 * instance ({@link AttributeSets}).
 */
public record RouteAttributes(long[] asPath, long[] communities, long[] largeCommunities, byte[] nextHop) {

    /** The neighbour AS: the first AS of the path, 0 for an empty path. */
    public long neighbourAs() {
        return asPath.length == 0 ? 0 : asPath[0];
    }

    /** The origin AS: the last AS of the path, 0 for an empty path. */
    public long originAs() {
        return asPath.length == 0 ? 0 : asPath[asPath.length - 1];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RouteAttributes a && Arrays.equals(asPath, a.asPath) && Arrays.equals(communities, a.communities)
                && Arrays.equals(largeCommunities, a.largeCommunities) && Arrays.equals(nextHop, a.nextHop);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(asPath);
        h = h * 31 + Arrays.hashCode(communities);
        h = h * 31 + Arrays.hashCode(largeCommunities);
        return h * 31 + Arrays.hashCode(nextHop);
    }

    @Override
    public String toString() {
        return "path " + Arrays.toString(asPath) + " communities " + Arrays.toString(communities);
    }
}
