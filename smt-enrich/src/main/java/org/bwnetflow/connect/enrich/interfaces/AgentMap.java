package org.bwnetflow.connect.enrich.interfaces;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exporter address → SNMP agent address, for routers whose flows come from an address other than
 * the one their agent answers on (a loopback or management address). Looked up per flow by
 * binary search in sorted arrays: nothing allocated. Immutable.
 */
public final class AgentMap {

    private final byte[][] exporters;
    private final byte[][] agents;
    private final List<String> pairs;

    private AgentMap(byte[][] exporters, byte[][] agents, List<String> pairs) {
        this.exporters = exporters;
        this.agents = agents;
        this.pairs = pairs;
    }

    /** Parses {@code exporter=agent} pairs of single addresses; the message names the first bad pair and why. */
    public static AgentMap parse(List<String> entries) {
        List<Row> rows = new ArrayList<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not of the form exporter=agent");
            }
            IPAddress exporter = single(entry.substring(0, eq));
            IPAddress agent = single(entry.substring(eq + 1));
            if (agent.isUnspecified()) {
                throw new IllegalArgumentException("agent in '" + entry.trim() + "' is the unspecified address");
            }
            rows.add(new Row(exporter, exporter.getBytes(), agent));
        }
        // By length, then bytes: one order over IPv4 and IPv6 keys that agentFor follows.
        rows.sort((a, b) -> a.key.length != b.key.length ? Integer.compare(a.key.length, b.key.length)
                : Arrays.compareUnsigned(a.key, b.key));
        for (int i = 1; i < rows.size(); i++) {
            if (Arrays.equals(rows.get(i - 1).key, rows.get(i).key)) {
                throw new IllegalArgumentException("exporter " + rows.get(i).exporter + " is mapped twice");
            }
        }
        return new AgentMap(rows.stream().map(Row::key).toArray(byte[][]::new),
                rows.stream().map(r -> r.agent.getBytes()).toArray(byte[][]::new),
                rows.stream().map(r -> r.exporter + "=" + r.agent).toList());
    }

    private record Row(IPAddress exporter, byte[] key, IPAddress agent) {
    }

    private static IPAddress single(String text) {
        IPAddress address = AddressBytes.parse(text);
        if (address.isPrefixed()) {
            throw new IllegalArgumentException("'" + text.trim() + "' is a network, expected a single address");
        }
        return address;
    }

    /** The agent mapped to the exporter (4 or 16 bytes, IPv4-mapped as IPv4), or null. */
    public byte[] agentFor(byte[] exporter) {
        int from = AddressBytes.from(exporter);
        int length = exporter.length - from;
        int low = 0;
        int high = exporters.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            byte[] key = exporters[mid];
            int order = key.length != length ? Integer.compare(key.length, length)
                    : AddressBytes.compare(key, exporter, from);
            if (order < 0) {
                low = mid + 1;
            } else if (order > 0) {
                high = mid - 1;
            } else {
                return agents[mid];
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return exporters.length == 0;
    }

    @Override
    public String toString() {
        return String.join(",", pairs);
    }
}
