package org.bwnetflow.connect.bmp.decode;

import java.util.List;

/**
 * A BGP UPDATE of IPv4 and IPv6 unicast routes (from the message's own fields and from
 * MP_REACH_NLRI/MP_UNREACH_NLRI): what it withdraws, what it announces, with which attributes.
 *
 * @param otherFamilies MP_REACH/MP_UNREACH attributes of families other than IPv4/IPv6 unicast, skipped
 */
public record BgpUpdate(List<Prefix> withdrawn, List<Prefix> announced, PathAttributes attributes, int otherFamilies) {
}
