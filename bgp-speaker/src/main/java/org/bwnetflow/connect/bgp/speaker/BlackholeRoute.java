package org.bwnetflow.connect.bgp.speaker;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A remotely triggered blackhole route (RFC 7999) for one attacked host: a /32 or /128 with the BLACKHOLE community
 * (65535:666, always), NO_EXPORT (65535:65281, unless {@code noExport} is false: RFC 7999 asks that blackhole routes
 * do not leak beyond the AS) and the operator's own communities (what their routers' RTBH policy matches). The next
 * hop is what the routers resolve to their discard route, e.g. 192.0.2.1 or 100::1 (RFC 6666).
 *
 * <p>{@code communities} holds only the operator's own, sorted and without repeats: BLACKHOLE given there is dropped
 * (it is always carried), NO_EXPORT given there sets {@code noExport}.
 */
public record BlackholeRoute(IpPrefix prefix, InetAddress nextHop, List<Community> communities, boolean noExport)
        implements MitigationRoute {

    public BlackholeRoute {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(nextHop, "next hop");
        Objects.requireNonNull(communities, "communities");
        if (!prefix.isHostRoute()) {
            throw new IllegalArgumentException("a blackhole route is a host route (/32 or /128), not " + prefix);
        }
        if (nextHop.getAddress().length != prefix.address().getAddress().length) {
            throw new IllegalArgumentException("the next hop " + IpAddresses.format(nextHop) + " of blackhole route " + prefix
                    + " is not of the prefix's address family");
        }
        TreeSet<Community> own = new TreeSet<>();
        for (Community c : communities) {
            Objects.requireNonNull(c, "community");
            if (c.equals(StandardCommunity.NO_EXPORT)) {
                noExport = true;
            } else if (!c.equals(StandardCommunity.BLACKHOLE)) {
                own.add(c);
            }
        }
        communities = List.copyOf(own);
    }

    /** NO_EXPORT set, the given communities added. */
    public static BlackholeRoute of(String prefix, String nextHop, String... communities) {
        List<Community> parsed = new ArrayList<>();
        for (String c : communities) {
            parsed.add(Community.parse(c));
        }
        return new BlackholeRoute(IpPrefix.parse(prefix), IpAddresses.parse(nextHop), parsed, true);
    }

    /** The same route with or without NO_EXPORT. */
    public BlackholeRoute withNoExport(boolean on) {
        return new BlackholeRoute(prefix, nextHop, communities, on);
    }

    /** Every community the route carries but the speaker's marker: BLACKHOLE, NO_EXPORT if set, the operator's own. */
    public List<Community> allCommunities() {
        List<Community> all = new ArrayList<>();
        all.add(StandardCommunity.BLACKHOLE);
        if (noExport) {
            all.add(StandardCommunity.NO_EXPORT);
        }
        all.addAll(communities);
        return all;
    }

    @Override
    public IpPrefix destination() {
        return prefix;
    }

    @Override
    public String key() {
        return "blackhole " + prefix;
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder(key()).append(" next-hop ").append(IpAddresses.format(nextHop)).append(" communities");
        for (Community c : allCommunities()) {
            text.append(' ').append(c);
        }
        return text.toString();
    }
}
