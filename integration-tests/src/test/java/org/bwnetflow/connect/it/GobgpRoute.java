package org.bwnetflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.bmp.decode.AsPathSegment;
import org.bwnetflow.connect.bmp.rib.Route;

/**
 * What a test compares of a route: AS path segments, communities, large communities, next hop
 * (as text), origin, MED and LOCAL_PREF; made from {@code gobgp global rib -j} or from a RIB topic record.
 */
record GobgpRoute(List<String> asPath, List<Long> communities, List<Long> largeCommunities, String nextHop, int origin, long med,
        long localPref) {

    private static final int ORIGIN = 1;
    private static final int AS_PATH = 2;
    private static final int NEXT_HOP = 3;
    private static final int MED = 4;
    private static final int LOCAL_PREF = 5;
    private static final int COMMUNITIES = 8;
    private static final int MP_REACH = 14;
    private static final int LARGE_COMMUNITIES = 32;

    /** The best path of every prefix of gobgp's JSON RIB listing, by prefix text. */
    static Map<String, GobgpRoute> of(JsonNode rib) {
        Map<String, GobgpRoute> routes = new HashMap<>();
        rib.properties().forEach(e -> {
            for (JsonNode path : e.getValue()) {
                if (path.path("best").asBoolean()) {
                    routes.put(e.getKey(), ofPath(path));
                }
            }
        });
        return routes;
    }

    private static GobgpRoute ofPath(JsonNode path) {
        List<String> segments = new ArrayList<>();
        List<Long> communities = new ArrayList<>();
        List<Long> large = new ArrayList<>();
        String nextHop = "";
        int origin = 0;
        long med = -1;
        long localPref = -1;
        for (JsonNode attr : path.get("attrs")) {
            switch (attr.get("type").asInt()) {
                case ORIGIN -> origin = attr.get("value").asInt();
                case AS_PATH -> attr.path("as_paths").forEach(s -> segments.add(segment(s.get("segment_type").asInt(), s.get("asns"))));
                case NEXT_HOP, MP_REACH -> nextHop = attr.get("nexthop").asText();
                case MED -> med = attr.get("metric").asLong();
                case LOCAL_PREF -> localPref = attr.get("value").asLong();
                case COMMUNITIES -> attr.get("communities").forEach(c -> communities.add(c.asLong()));
                case LARGE_COMMUNITIES -> attr.get("value").forEach(c -> {
                    large.add(c.get("ASN").asLong());
                    large.add(c.get("LocalData1").asLong());
                    large.add(c.get("LocalData2").asLong());
                });
                default -> {
                }
            }
        }
        return new GobgpRoute(segments, communities, large, nextHop, origin, med, localPref);
    }

    /** The same of a record of the RIB topic. */
    static GobgpRoute of(Route route) {
        List<String> segments = new ArrayList<>();
        for (AsPathSegment s : route.asPath()) {
            List<Long> asns = new ArrayList<>();
            for (long asn : s.asns()) {
                asns.add(asn);
            }
            segments.add(s.type() + ":" + asns);
        }
        List<Long> communities = new ArrayList<>();
        for (long c : route.communities()) {
            communities.add(c);
        }
        List<Long> large = new ArrayList<>();
        for (long c : route.largeCommunities()) {
            large.add(c);
        }
        return new GobgpRoute(segments, communities, large, address(route.nextHop()), route.origin(), route.med(), route.localPref());
    }

    private static String segment(int type, JsonNode asns) {
        List<Long> values = new ArrayList<>();
        asns.forEach(a -> values.add(a.asLong()));
        return type + ":" + values;
    }

    static String prefixText(byte[] prefix, int length) {
        return address(prefix) + "/" + length;
    }

    private static String address(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            return bytes.length == 16 ? compressed(address.getHostAddress()) : address.getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** RFC 5952 text, as gobgp prints IPv6. */
    private static String compressed(String full) {
        return new inet.ipaddr.IPAddressString(full).getAddress().toCanonicalString();
    }
}
