package org.bwnetflow.connect.ddos.sink.mitigation;

import java.net.InetAddress;
import java.util.List;
import org.bwnetflow.connect.bgp.speaker.BlackholeRoute;
import org.bwnetflow.connect.bgp.speaker.Community;
import org.bwnetflow.connect.bgp.speaker.FlowSpecAction;
import org.bwnetflow.connect.bgp.speaker.FlowSpecRule;
import org.bwnetflow.connect.bgp.speaker.IpPrefix;
import org.bwnetflow.connect.bgp.speaker.MitigationRoute;
import org.bwnetflow.connect.bgp.speaker.PortRange;

/**
 * Routes as the operator configured them: a blackhole route is the attacked host with the next hop of its family,
 * BLACKHOLE, NO_EXPORT and the operator's communities; a FlowSpec rule matches the attacked host and, when the
 * attack had a dominant protocol (and, for TCP and UDP, port), those too, with the configured action.
 */
public final class ConfiguredRoutes implements RouteFactory {

    private static final int TCP = 6;
    private static final int UDP = 17;

    private final InetAddress nextHopV4;
    private final InetAddress nextHopV6;
    private final List<Community> blackholeCommunities;
    private final FlowSpecAction flowSpecAction;

    public ConfiguredRoutes(InetAddress nextHopV4, InetAddress nextHopV6, List<Community> blackholeCommunities,
                            FlowSpecAction flowSpecAction) {
        this.nextHopV4 = nextHopV4;
        this.nextHopV6 = nextHopV6;
        this.blackholeCommunities = List.copyOf(blackholeCommunities);
        this.flowSpecAction = flowSpecAction;
    }

    @Override
    public MitigationRoute routeOf(LedgerEntry entry) {
        IpPrefix host = IpPrefix.parse(entry.target());
        if (!host.isHostRoute()) {
            throw new IllegalArgumentException("the target " + entry.target() + " is not a single address");
        }
        if (entry.policy() == MitigationPolicy.BLACKHOLE) {
            return new BlackholeRoute(host, host.isIpv6() ? nextHopV6 : nextHopV4, blackholeCommunities, true);
        }
        if (entry.policy() != MitigationPolicy.FLOWSPEC) {
            throw new IllegalArgumentException("policy " + entry.policy().configName() + " announces no route");
        }
        FlowSpecRule.Builder rule = FlowSpecRule.to(host);
        if (entry.protocol() > 0) {
            rule.protocol(entry.protocol());
            if ((entry.protocol() == TCP || entry.protocol() == UDP) && entry.port() >= 0) {
                rule.destinationPorts(PortRange.of(entry.port()));
            }
        }
        return rule.then(flowSpecAction);
    }
}
