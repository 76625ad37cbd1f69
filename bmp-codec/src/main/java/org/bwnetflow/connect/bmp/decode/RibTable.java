package org.bwnetflow.connect.bmp.decode;

/**
 * Which of a router's tables a route was monitored in: an Adj-RIB-In before or after the
 * router's inbound policy (RFC 7854, the per-peer header's L flag), the router's Loc-RIB (RFC
 * 9069, peer type 3), or an Adj-RIB-Out before or after outbound policy (RFC 8671, the O flag).
 * Kept apart: the same prefix from the same peer may be in several with different attributes.
 */
public enum RibTable {
    ADJ_RIB_IN_PRE_POLICY,
    ADJ_RIB_IN_POST_POLICY,
    LOC_RIB,
    ADJ_RIB_OUT_PRE_POLICY,
    ADJ_RIB_OUT_POST_POLICY
}
