package org.bwnetflow.connect.ddos.sink.mitigation;

import org.bwnetflow.connect.bgp.speaker.MitigationRoute;

/** Forms the route of a ledger entry from the operator's settings (next hops, communities, FlowSpec action). */
@FunctionalInterface
public interface RouteFactory {

    /** The route; IllegalArgumentException when the entry cannot be one (the message says why). */
    MitigationRoute routeOf(LedgerEntry entry);
}
