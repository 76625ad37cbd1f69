package org.bwnetflow.connect.influx.aggregate;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a measurement can be tagged by. The config name is also the tag key written to InfluxDB.
 * Values a flow does not carry are written as {@code unknown} (InfluxDB rejects empty tag values).
 */
public enum TagKind {
    /** The customer id (Cid) as a decimal number; 0 is a flow without customer. */
    CID("cid"),
    /** {@code in} for FlowDirection 0 (ingress), {@code out} for 1 (egress), else {@code unknown}. */
    DIRECTION("direction"),
    /** {@code 4} or {@code 6}, from Etype (0x0800, 0x86DD), else from the length of SrcAddr. */
    IPVERSION("ipversion"),
    /** ProtoName, else the protocol number. */
    PROTONAME("protoname"),
    /** The port class of SrcPort/DstPort (application.ports), else {@code other}. */
    APPLICATION("application"),
    /**
     * The description of the remote-facing interface: SrcIfDesc for ingress, DstIfDesc for egress;
     * else that interface's name; else {@code unknown}.
     */
    PEER("peer"),
    /** RemoteCountry. */
    REMOTECOUNTRY("remotecountry"),
    /**
     * The AS number of the remote address (SrcAS or DstAS, see {@link WindowAggregates}): the origin
     * AS of the remote side's route, from BGP when the Routes transform ran, else as the router or
     * GeoIp's ASN database gave it.
     */
    REMOTEAS("remoteas"),
    /**
     * The neighbour AS the remote side is reached through or comes from: NextHopAS when the remote
     * side is the destination, the first AS of SrcAsPath when it is the source (0 when the path is
     * empty, as for a route of the own AS).
     */
    NEIGHBORAS("neighboras"),
    /**
     * A BGP community of the remote side's route (DstCommunities/DstLargeCommunities for a remote
     * destination, Src* for a remote source) that the config key {@code communities} lists, as text
     * ({@code 65000:100}, {@code 4200000000:1:2}). A flow counts once towards each such community
     * of its route, and not at all in a measurement with this tag when its route has none.
     */
    COMMUNITY("community"),
    /**
     * The local address as text (RFC 5952 for IPv6). A measurement with this tag is a top-N
     * measurement: only the top N hosts by bytes of each group of its other tags are written.
     */
    HOST("host");

    private final String configName;

    TagKind(String configName) {
        this.configName = configName;
    }

    /** The config spelling and the InfluxDB tag key. */
    public String configName() {
        return configName;
    }

    /** The kind with this config name (case-insensitive, trimmed), or null. */
    public static TagKind fromConfig(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        for (TagKind kind : values()) {
            if (kind.configName.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    public static String configNames() {
        return String.join(", ", Arrays.stream(values()).map(TagKind::configName).toArray(String[]::new));
    }
}
