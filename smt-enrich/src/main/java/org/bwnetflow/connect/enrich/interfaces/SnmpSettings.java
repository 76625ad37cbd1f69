package org.bwnetflow.connect.enrich.interfaces;

import java.util.regex.Pattern;

/** Whom SnmpInterfaceCache may ask, how it proves who it is, and how long it trusts the answers. */
public final class SnmpSettings {

    final SnmpCredentials credentials;
    final SnmpAgents agents;
    final int port;
    final int timeoutMillis;
    final int retries;
    final int maxInFlight;
    final long refreshMillis;
    final long negativeMillis;
    final int maxEntries;
    final Pattern aliasPattern;

    /**
     * @param agents which exporters' agents may be asked, and at which address
     * @param port the agents' UDP port
     * @param aliasPattern applied to ifAlias with {@code find()}; its first group is kept (null:
     *     the whole alias)
     */
    public SnmpSettings(SnmpCredentials credentials, SnmpAgents agents, int port, int timeoutMillis, int retries,
            int maxInFlight, long refreshMillis, long negativeMillis, int maxEntries, Pattern aliasPattern) {
        this.credentials = credentials;
        this.agents = agents;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
        this.maxInFlight = maxInFlight;
        this.refreshMillis = refreshMillis;
        this.negativeMillis = negativeMillis;
        this.maxEntries = maxEntries;
        this.aliasPattern = aliasPattern;
    }

    /** The description to keep from an ifAlias: the pattern's first group when it matches, else the alias. */
    String description(String alias) {
        if (aliasPattern == null || alias == null) {
            return alias;
        }
        java.util.regex.Matcher matcher = aliasPattern.matcher(alias);
        return matcher.find() && matcher.group(1) != null ? matcher.group(1) : alias;
    }

    @Override
    public String toString() {
        // The credentials print without their secrets.
        return "SnmpSettings{credentials=" + credentials + ", agents=" + agents + ", port=" + port
                + ", timeoutMillis=" + timeoutMillis + ", retries=" + retries + ", maxInFlight=" + maxInFlight
                + ", refreshMillis=" + refreshMillis + ", negativeMillis=" + negativeMillis + ", maxEntries="
                + maxEntries + ", aliasPattern=" + aliasPattern + "}";
    }
}
