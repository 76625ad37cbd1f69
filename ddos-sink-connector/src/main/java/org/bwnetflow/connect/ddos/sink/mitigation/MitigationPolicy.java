package org.bwnetflow.connect.ddos.sink.mitigation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What is done for one customer's attacks. */
public enum MitigationPolicy {
    /** No detection events and no routes for this customer. */
    OFF,
    /** Attack events (topic, database, dashboard), no routes. */
    ALERT,
    /** An RTBH route for the attacked address (RFC 7999): all its traffic dropped at the edge. */
    BLACKHOLE,
    /** A FlowSpec rule (RFC 8955/8956) for the attack's vector only: the rest of the address's traffic flows. */
    FLOWSPEC;

    /** The policy's name as configs write it ({@code off}, {@code alert}, {@code blackhole}, {@code flowspec}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the policy announces routes. */
    public boolean announces() {
        return this == BLACKHOLE || this == FLOWSPEC;
    }

    /** The policy of a config name, ignoring case; IllegalArgumentException naming the choices otherwise. */
    public static MitigationPolicy of(String name) {
        for (MitigationPolicy policy : values()) {
            if (policy.configName().equalsIgnoreCase(name.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("'" + name.trim() + "' is not a policy (" + names() + ")");
    }

    /** The config names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(MitigationPolicy::configName).collect(Collectors.joining(", "));
    }
}
