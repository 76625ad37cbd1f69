package org.bwnetflow.connect.bgp.speaker.gobgp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bwnetflow.connect.bgp.speaker.BlackholeRoute;
import org.bwnetflow.connect.bgp.speaker.Community;
import org.bwnetflow.connect.bgp.speaker.FlowSpecAction;
import org.bwnetflow.connect.bgp.speaker.FlowSpecRule;
import org.bwnetflow.connect.bgp.speaker.IpAddresses;
import org.bwnetflow.connect.bgp.speaker.IpPrefix;
import org.bwnetflow.connect.bgp.speaker.LargeCommunity;
import org.bwnetflow.connect.bgp.speaker.MitigationRoute;
import org.bwnetflow.connect.bgp.speaker.PortRange;
import org.bwnetflow.connect.bgp.speaker.StandardCommunity;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.CommunitiesAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.ExtendedCommunitiesAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.Family;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.FlowSpecComponent;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.FlowSpecIPPrefix;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.FlowSpecNLRI;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.IPAddressPrefix;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.LargeCommunitiesAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.MpReachNLRIAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.NextHopAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.OriginAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.Path;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.TrafficRateExtended;

/**
 * Mitigation routes as gobgp API paths and back. A blackhole route is an IPv4/IPv6 unicast path (origin IGP, its next
 * hop, BLACKHOLE, NO_EXPORT, the operator's communities and the marker); a FlowSpec rule an IPv4/IPv6 FlowSpec path
 * (origin IGP, no next hop, the traffic-rate extended community and the marker). Reading back takes anyone's path
 * and says whether gobgpd originated it, whether it carries the marker, and which route it is if it is one.
 */
final class GobgpPaths {

    static final Family IPV4_UNICAST = family(Family.Afi.AFI_IP, Family.Safi.SAFI_UNICAST);
    static final Family IPV6_UNICAST = family(Family.Afi.AFI_IP6, Family.Safi.SAFI_UNICAST);
    static final Family IPV4_FLOWSPEC = family(Family.Afi.AFI_IP, Family.Safi.SAFI_FLOW_SPEC_UNICAST);
    static final Family IPV6_FLOWSPEC = family(Family.Afi.AFI_IP6, Family.Safi.SAFI_FLOW_SPEC_UNICAST);
    static final List<Family> FAMILIES = List.of(IPV4_UNICAST, IPV6_UNICAST, IPV4_FLOWSPEC, IPV6_FLOWSPEC);

    /** FlowSpec component types (RFC 8955 section 4.2.2). */
    static final int DESTINATION_PREFIX = 1;
    static final int SOURCE_PREFIX = 2;
    static final int IP_PROTOCOL = 3;
    static final int DESTINATION_PORT = 5;
    static final int SOURCE_PORT = 6;

    private static final int ORIGIN_IGP = 0;

    private final Community marker;

    GobgpPaths(Community marker) {
        this.marker = Objects.requireNonNull(marker, "marker");
    }

    /** A path of gobgpd's RIB as this speaker sees it; {@code key} and {@code route} are null when unreadable. */
    record RibPath(boolean local, boolean marked, String key, MitigationRoute route, String problem) {
    }

    static Family familyOf(MitigationRoute route) {
        if (route instanceof BlackholeRoute) {
            return route.isIpv6() ? IPV6_UNICAST : IPV4_UNICAST;
        }
        return route.isIpv6() ? IPV6_FLOWSPEC : IPV4_FLOWSPEC;
    }

    static String familyName(Family family) {
        String afi = family.getAfi() == Family.Afi.AFI_IP6 ? "ipv6" : "ipv4";
        return afi + (family.getSafi() == Family.Safi.SAFI_FLOW_SPEC_UNICAST ? "-flowspec" : "-unicast");
    }

    /** The path gobgpd's AddPath takes for the route (and DeletePath, which matches its NLRI). */
    Path toPath(MitigationRoute route) {
        Family family = familyOf(route);
        Path.Builder path = Path.newBuilder().setFamily(family);
        List<Community> communities = new ArrayList<>();
        Any nlri;
        Message nextHop;
        Any trafficRate = null;
        if (route instanceof BlackholeRoute blackhole) {
            nlri = Any.pack(IPAddressPrefix.newBuilder().setPrefix(IpAddresses.format(blackhole.prefix().address()))
                    .setPrefixLen(blackhole.prefix().length()).build());
            String hop = IpAddresses.format(blackhole.nextHop());
            nextHop = route.isIpv6() ? MpReachNLRIAttribute.newBuilder().setFamily(family).addNextHops(hop).addNlris(nlri).build()
                    : NextHopAttribute.newBuilder().setNextHop(hop).build();
            communities.addAll(blackhole.allCommunities());
        } else {
            FlowSpecRule rule = (FlowSpecRule) route;
            nlri = Any.pack(flowSpecNlri(rule));
            // RFC 8955: a FlowSpec NLRI has no next hop; gobgpd wants one in its MP_REACH, the unspecified address.
            nextHop = MpReachNLRIAttribute.newBuilder().setFamily(family).addNextHops(route.isIpv6() ? "::" : "0.0.0.0").addNlris(nlri)
                    .build();
            trafficRate = Any.pack(TrafficRateExtended.newBuilder().setAsn(0).setRate(rule.action().bytesPerSecond()).build());
        }
        communities.add(marker);
        path.setNlri(nlri).addPattrs(Any.pack(OriginAttribute.newBuilder().setOrigin(ORIGIN_IGP).build())).addPattrs(Any.pack(nextHop));
        CommunitiesAttribute.Builder standard = CommunitiesAttribute.newBuilder();
        LargeCommunitiesAttribute.Builder large = LargeCommunitiesAttribute.newBuilder();
        for (Community c : communities) {
            if (c instanceof StandardCommunity s) {
                standard.addCommunities((int) s.value32());
            } else {
                LargeCommunity l = (LargeCommunity) c;
                large.addCommunities(org.bwnetflow.connect.bgp.speaker.gobgp.api.LargeCommunity.newBuilder()
                        .setGlobalAdmin((int) l.globalAdmin())
                        .setLocalData1((int) l.localData1()).setLocalData2((int) l.localData2()));
            }
        }
        if (standard.getCommunitiesCount() > 0) {
            path.addPattrs(Any.pack(standard.build()));
        }
        if (large.getCommunitiesCount() > 0) {
            path.addPattrs(Any.pack(large.build()));
        }
        if (trafficRate != null) {
            path.addPattrs(Any.pack(ExtendedCommunitiesAttribute.newBuilder().addCommunities(trafficRate).build()));
        }
        return path.build();
    }

    private static FlowSpecNLRI flowSpecNlri(FlowSpecRule rule) {
        FlowSpecNLRI.Builder nlri = FlowSpecNLRI.newBuilder().addRules(Any.pack(prefix(DESTINATION_PREFIX, rule.destination())));
        rule.source().ifPresent(s -> nlri.addRules(Any.pack(prefix(SOURCE_PREFIX, s))));
        rule.protocol().ifPresent(p -> nlri.addRules(Any.pack(component(IP_PROTOCOL, FlowSpecItems.equal(p)))));
        if (!rule.destinationPorts().isEmpty()) {
            nlri.addRules(Any.pack(component(DESTINATION_PORT, FlowSpecItems.ports(rule.destinationPorts()))));
        }
        if (!rule.sourcePorts().isEmpty()) {
            nlri.addRules(Any.pack(component(SOURCE_PORT, FlowSpecItems.ports(rule.sourcePorts()))));
        }
        return nlri.build();
    }

    private static FlowSpecIPPrefix prefix(int type, IpPrefix prefix) {
        return FlowSpecIPPrefix.newBuilder().setType(type).setPrefix(IpAddresses.format(prefix.address())).setPrefixLen(prefix.length())
                .build();
    }

    private static FlowSpecComponent component(int type, List<org.bwnetflow.connect.bgp.speaker.gobgp.api.FlowSpecComponentItem> items) {
        return FlowSpecComponent.newBuilder().setType(type).addAllItems(items).build();
    }

    /** What a path of gobgpd's RIB is; never throws. */
    RibPath read(Path path) {
        boolean local = isLocal(path);
        Attributes attributes;
        try {
            attributes = Attributes.of(path.getPattrsList());
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return new RibPath(local, false, null, null, "unreadable path attributes: " + e.getMessage());
        }
        boolean marked = attributes.communities.contains(marker);
        try {
            Any nlri = path.getNlri();
            if (nlri.is(IPAddressPrefix.class)) {
                return readUnicast(local, marked, nlri.unpack(IPAddressPrefix.class), attributes);
            }
            if (nlri.is(FlowSpecNLRI.class)) {
                return readFlowSpec(local, marked, nlri.unpack(FlowSpecNLRI.class), attributes);
            }
            return new RibPath(local, marked, null, null, "an NLRI of type " + nlri.getTypeUrl());
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return new RibPath(local, marked, null, null, e.getMessage());
        }
    }

    /** Paths gobgpd originated itself (through its API or CLI) name no neighbour; learnt paths name the peer. */
    static boolean isLocal(Path path) {
        String neighbour = path.getNeighborIp();
        return !path.getIsWithdraw() && (neighbour.isEmpty() || "<nil>".equals(neighbour));
    }

    private RibPath readUnicast(boolean local, boolean marked, IPAddressPrefix nlri, Attributes attributes) {
        IpPrefix prefix = new IpPrefix(IpAddresses.parse(nlri.getPrefix()), nlri.getPrefixLen());
        String key = "blackhole " + prefix;
        if (!attributes.communities.contains(StandardCommunity.BLACKHOLE)) {
            return new RibPath(local, marked, key, null, "no BLACKHOLE community");
        }
        if (attributes.nextHop == null) {
            return new RibPath(local, marked, key, null, "no next hop");
        }
        if (!attributes.extended.isEmpty()) {
            return new RibPath(local, marked, key, null, "extended communities on a blackhole route");
        }
        List<Community> own = new ArrayList<>(attributes.communities);
        own.remove(marker);
        try {
            return new RibPath(local, marked, key, new BlackholeRoute(prefix, attributes.nextHop, own, false), null);
        } catch (IllegalArgumentException e) {
            return new RibPath(local, marked, key, null, e.getMessage());
        }
    }

    private RibPath readFlowSpec(boolean local, boolean marked, FlowSpecNLRI nlri, Attributes attributes)
            throws InvalidProtocolBufferException {
        FlowSpecRule.Builder rule = match(nlri);
        String key = rule.discard().key();
        if (attributes.extended.size() != 1 || !attributes.extended.get(0).is(TrafficRateExtended.class)) {
            return new RibPath(local, marked, key, null, "not exactly one extended community, a traffic-rate");
        }
        float rate = attributes.extended.get(0).unpack(TrafficRateExtended.class).getRate();
        if (!(rate >= 0f) || Float.isInfinite(rate)) {
            return new RibPath(local, marked, key, null, "traffic-rate " + rate);
        }
        List<Community> others = new ArrayList<>(attributes.communities);
        others.remove(marker);
        if (!others.isEmpty()) {
            return new RibPath(local, marked, key, null, "communities " + others + " besides the marker");
        }
        return new RibPath(local, marked, key, rule.then(FlowSpecAction.ofRate(rate)), null);
    }

    /** The match conditions of a FlowSpec NLRI; refused when this speaker's rules cannot hold them. */
    private static FlowSpecRule.Builder match(FlowSpecNLRI nlri) throws InvalidProtocolBufferException {
        FlowSpecRule.Builder rule = null;
        for (Any any : nlri.getRulesList()) {
            if (any.is(FlowSpecIPPrefix.class)) {
                FlowSpecIPPrefix p = any.unpack(FlowSpecIPPrefix.class);
                if (p.getOffset() != 0) {
                    throw new IllegalArgumentException("an IPv6 prefix offset " + p.getOffset());
                }
                IpPrefix prefix = new IpPrefix(IpAddresses.parse(p.getPrefix()), p.getPrefixLen());
                if (p.getType() == DESTINATION_PREFIX && rule == null) {
                    rule = FlowSpecRule.to(prefix);
                } else if (p.getType() == SOURCE_PREFIX && rule != null) {
                    rule.from(prefix.toString());
                } else {
                    throw new IllegalArgumentException("a FlowSpec rule without destination prefix first");
                }
            } else if (any.is(FlowSpecComponent.class) && rule != null) {
                component(rule, any.unpack(FlowSpecComponent.class));
            } else {
                throw new IllegalArgumentException("a FlowSpec rule without destination prefix first, or with " + any.getTypeUrl());
            }
        }
        if (rule == null) {
            throw new IllegalArgumentException("a FlowSpec rule without destination prefix");
        }
        return rule;
    }

    private static void component(FlowSpecRule.Builder rule, FlowSpecComponent component) {
        switch (component.getType()) {
            case IP_PROTOCOL -> rule.protocol(FlowSpecItems.singleEqual(component.getItemsList()));
            case DESTINATION_PORT -> rule.destinationPorts(FlowSpecItems.portRanges(component.getItemsList()).toArray(new PortRange[0]));
            case SOURCE_PORT -> rule.sourcePorts(FlowSpecItems.portRanges(component.getItemsList()).toArray(new PortRange[0]));
            default -> throw new IllegalArgumentException("FlowSpec component type " + component.getType()
                    + " (only destination, source, protocol, destination and source ports are read)");
        }
    }

    private static Family family(Family.Afi afi, Family.Safi safi) {
        return Family.newBuilder().setAfi(afi).setSafi(safi).build();
    }

    /** The attributes of a path this class reads: next hop, communities (standard and large, in order), extended communities. */
    private static final class Attributes {
        InetAddress nextHop;
        final List<Community> communities = new ArrayList<>();
        final List<Any> extended = new ArrayList<>();

        static Attributes of(List<Any> pattrs) throws InvalidProtocolBufferException {
            Attributes a = new Attributes();
            for (Any any : pattrs) {
                if (any.is(NextHopAttribute.class)) {
                    a.nextHop = IpAddresses.parse(any.unpack(NextHopAttribute.class).getNextHop());
                } else if (any.is(MpReachNLRIAttribute.class)) {
                    MpReachNLRIAttribute reach = any.unpack(MpReachNLRIAttribute.class);
                    if (reach.getNextHopsCount() > 0) {
                        a.nextHop = IpAddresses.parse(reach.getNextHops(0));
                    }
                } else if (any.is(CommunitiesAttribute.class)) {
                    for (int c : any.unpack(CommunitiesAttribute.class).getCommunitiesList()) {
                        a.communities.add(StandardCommunity.of(c & 0xffff_ffffL));
                    }
                } else if (any.is(LargeCommunitiesAttribute.class)) {
                    for (var l : any.unpack(LargeCommunitiesAttribute.class).getCommunitiesList()) {
                        a.communities.add(new LargeCommunity(l.getGlobalAdmin() & 0xffff_ffffL, l.getLocalData1() & 0xffff_ffffL,
                                l.getLocalData2() & 0xffff_ffffL));
                    }
                } else if (any.is(ExtendedCommunitiesAttribute.class)) {
                    a.extended.addAll(any.unpack(ExtendedCommunitiesAttribute.class).getCommunitiesList());
                }
            }
            return a;
        }
    }
}
