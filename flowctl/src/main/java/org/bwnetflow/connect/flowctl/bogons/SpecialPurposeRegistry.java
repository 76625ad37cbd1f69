package org.bwnetflow.connect.flowctl.bogons;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * IANA's special-purpose address registries (IPv4 and IPv6, kept as data in this package's
 * CSV files) and the special-purpose AS numbers: what is not globally routable, and why.
 */
public final class SpecialPurposeRegistry {

    /** One registry entry: the most specific one that holds an address decides. */
    public record Entry(String prefix, boolean globallyReachable, String name, String reference) {
        @Override
        public String toString() {
            return name + " (" + prefix + ", " + reference + ")";
        }
    }

    /** A range of AS numbers that must not appear in the global routing table. */
    public record AsRange(long first, long last, String name, String reference) {
        @Override
        public String toString() {
            return "AS" + (first == last ? Long.toString(first) : first + "-" + last) + " " + name + " (" + reference + ")";
        }
    }

    private final IPv4AddressAssociativeTrie<Entry> v4 = new IPv4AddressAssociativeTrie<>();
    private final IPv6AddressAssociativeTrie<Entry> v6 = new IPv6AddressAssociativeTrie<>();
    private final List<AsRange> asRanges = new ArrayList<>();

    /** The registries bundled with flowctl. */
    public static SpecialPurposeRegistry bundled() {
        SpecialPurposeRegistry registry = new SpecialPurposeRegistry();
        registry.loadAddresses("ipv4-special-purpose.csv");
        registry.loadAddresses("ipv6-special-purpose.csv");
        registry.loadAsns("special-asns.csv");
        return registry;
    }

    /** The entry that makes this address not globally routable, or null if it is routable. */
    public Entry unroutable(byte[] address) {
        Entry entry = null;
        if (address != null && address.length == 4) {
            var node = v4.longestPrefixMatchNode(new IPv4Address(address));
            entry = node == null ? null : node.getValue();
        } else if (address != null && address.length == 16) {
            var node = v6.longestPrefixMatchNode(new IPv6Address(address));
            entry = node == null ? null : node.getValue();
        }
        return entry == null || entry.globallyReachable() ? null : entry;
    }

    /** The range a private or reserved AS number is in, or null. 0 is "not known" in flows, never flagged. */
    public AsRange specialAs(long asn) {
        if (asn == 0) {
            return null;
        }
        for (AsRange range : asRanges) {
            if (asn >= range.first() && asn <= range.last()) {
                return range;
            }
        }
        return null;
    }

    private void loadAddresses(String resource) {
        for (String[] cells : rows(resource)) {
            IPAddress prefix = new IPAddressString(cells[0]).getAddress();
            if (prefix == null || !prefix.isPrefixBlock() && prefix.isMultiple()) {
                throw new IllegalStateException(resource + ": not a prefix: " + cells[0]);
            }
            Entry entry = new Entry(cells[0], Boolean.parseBoolean(cells[1]), cells[2], cells[3]);
            if (prefix.isIPv4()) {
                v4.put(prefix.toIPv4().toPrefixBlock(), entry);
            } else {
                v6.put(prefix.toIPv6().toPrefixBlock(), entry);
            }
        }
    }

    private void loadAsns(String resource) {
        for (String[] cells : rows(resource)) {
            asRanges.add(new AsRange(Long.parseLong(cells[0]), Long.parseLong(cells[1]), cells[2], cells[3]));
        }
    }

    /** Non-comment lines as 4 cells; a quoted cell may hold commas. */
    private static List<String[]> rows(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = SpecialPurposeRegistry.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("flowctl is missing its resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                rows.add(split(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        if (cells.size() != 4) {
            throw new IllegalStateException("expected 4 cells: " + line);
        }
        return cells.toArray(String[]::new);
    }
}
