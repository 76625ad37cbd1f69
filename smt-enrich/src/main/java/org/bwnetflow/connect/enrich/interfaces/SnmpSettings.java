package org.bwnetflow.connect.enrich.interfaces;

import java.util.regex.Pattern;

/** How SnmpInterfaceCache queries exporters and how long it trusts the answers. */
public final class SnmpSettings {

    final String community;
    final int port;
    final int timeoutMillis;
    final int retries;
    final int maxInFlight;
    final long refreshMillis;
    final long negativeMillis;
    final int maxEntries;
    final Pattern aliasPattern;

    /**
     * @param aliasPattern applied to ifAlias with {@code find()}; its first group is kept (null:
     *     the whole alias)
     */
    public SnmpSettings(String community, int port, int timeoutMillis, int retries, int maxInFlight,
            long refreshMillis, long negativeMillis, int maxEntries, Pattern aliasPattern) {
        this.community = community;
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
        // Never the community: it is a secret.
        return "SnmpSettings{port=" + port + ", timeoutMillis=" + timeoutMillis + ", retries=" + retries
                + ", maxInFlight=" + maxInFlight + ", refreshMillis=" + refreshMillis + ", negativeMillis="
                + negativeMillis + ", maxEntries=" + maxEntries + ", aliasPattern=" + aliasPattern + "}";
    }
}
