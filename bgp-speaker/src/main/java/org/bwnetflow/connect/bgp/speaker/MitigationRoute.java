package org.bwnetflow.connect.bgp.speaker;

/**
 * A route that mitigates a DDoS attack: a remotely triggered blackhole route or a FlowSpec rule. Immutable and
 * validated on construction; two routes are equal when everything they would announce is equal.
 */
public sealed interface MitigationRoute permits BlackholeRoute, FlowSpecRule {

    /**
     * What BGP identifies the route by (its NLRI), as stable text: a blackhole route's prefix, a FlowSpec rule's
     * match conditions, never its attributes. Two routes with the same key cannot both be announced through one
     * speaker: the later replaces the earlier. For audit records and to reconcile wanted with announced routes.
     */
    String key();

    /** The key and everything else the route carries (next hop, communities, action), for humans. */
    String describe();

    /** The address under attack (a blackhole route's prefix, a FlowSpec rule's destination). */
    IpPrefix destination();

    default boolean isIpv6() {
        return destination().isIpv6();
    }
}
