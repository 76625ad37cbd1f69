package org.bwnetflow.connect.enrich.customer;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.format.util.AssociativeAddressTrie.AssociativeTrieNode;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bwnetflow.connect.enrich.common.AddressCache;

/**
 * The customer prefix list, loaded from a CSV of {@code prefix,cid} lines (IPv4 and IPv6, bare
 * addresses as host prefixes, {@code #} comments) into IPAddress's associative tries for
 * longest-prefix match. Immutable once loaded (a reload builds a new table); recent lookups are
 * remembered in an {@link AddressCache} that goes away with the table.
 */
public final class PrefixTable {

    private static final Long NO_CUSTOMER = 0L;

    /** Most prefixes a list may hold: bounds the heap a list can take (about 1.2 KB per prefix). */
    public static final int MAX_PREFIXES = 2_000_000;
    /** Addresses whose customer is remembered, per table for IPv4 and IPv6 each (about 2.5 MB each when full). */
    static final int CACHED_ADDRESSES = 1 << 16;

    private final IPv4AddressAssociativeTrie<Long> v4;
    private final IPv6AddressAssociativeTrie<Long> v6;
    private final int size;
    private final AddressCache<Long> cache = new AddressCache<>(CACHED_ADDRESSES);

    private PrefixTable(IPv4AddressAssociativeTrie<Long> v4, IPv6AddressAssociativeTrie<Long> v6, int size) {
        this.v4 = v4;
        this.v6 = v6;
        this.size = size;
    }

    /** Reads and checks a prefix list; the exception names the first bad line and why. */
    public static PrefixTable load(Path file) throws IOException, PrefixListException {
        IPv4AddressAssociativeTrie<Long> v4 = new IPv4AddressAssociativeTrie<>();
        IPv6AddressAssociativeTrie<Long> v6 = new IPv6AddressAssociativeTrie<>();
        Map<Long, Long> boxes = new HashMap<>(); // one boxed Long per customer, not one per prefix
        int size = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                int hash = line.indexOf('#');
                String content = (hash < 0 ? line : line.substring(0, hash)).trim();
                if (content.isEmpty()) {
                    continue;
                }
                int comma = content.indexOf(',');
                if (comma < 0 || content.indexOf(',', comma + 1) >= 0) {
                    throw new PrefixListException(file, number, "expected 'prefix,cid' but got '" + content + "'");
                }
                IPAddress prefix = prefix(file, number, content.substring(0, comma).trim());
                Long cid = boxes.computeIfAbsent(cid(file, number, content.substring(comma + 1).trim()), c -> c);
                Long before = prefix.isIPv4() ? v4.put(prefix.toIPv4(), cid) : v6.put(prefix.toIPv6(), cid);
                if (before != null) {
                    throw new PrefixListException(file, number, "prefix " + prefix + " is listed twice");
                }
                if (++size > MAX_PREFIXES) {
                    throw new PrefixListException(file, number, "more than " + MAX_PREFIXES + " prefixes");
                }
            }
        }
        return new PrefixTable(v4, v6, size);
    }

    private static IPAddress prefix(Path file, int line, String text) throws PrefixListException {
        IPAddress address;
        try {
            address = new IPAddressString(text).toAddress();
        } catch (AddressStringException e) {
            throw new PrefixListException(file, line, "'" + text + "' is not an IP prefix: " + e.getMessage());
        }
        if (!address.isIPv4() && !address.isIPv6() || address.isMultiple() && !address.isPrefixBlock()) {
            throw new PrefixListException(file, line, "'" + text + "' is not an IPv4 or IPv6 prefix");
        }
        if (address.isPrefixed() && !address.isPrefixBlock()) {
            throw new PrefixListException(file, line, "'" + text + "' has host bits set; did you mean "
                    + address.toPrefixBlock() + "?");
        }
        return address.isPrefixed() ? address : address.withoutPrefixLength();
    }

    private static long cid(Path file, int line, String text) throws PrefixListException {
        long cid;
        try {
            cid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new PrefixListException(file, line, "customer id '" + text + "' is not a whole number");
        }
        if (cid < 1 || cid > 0xFFFF_FFFFL) {
            throw new PrefixListException(file, line, "customer id " + cid + " is not within 1-4294967295 "
                    + "(0 means no customer)");
        }
        return cid;
    }

    /** The customer of the longest prefix holding the address (4 or 16 bytes), or 0. */
    public long lookup(byte[] address) {
        Long cached = cache.get(address);
        if (cached != null) {
            return cached;
        }
        Long cid = trieValue(address);
        cache.put(address, cid);
        return cid;
    }

    /** Longest-prefix match in IPAddress's trie, without the cache. */
    long trieLookup(byte[] address) {
        return trieValue(address);
    }

    private Long trieValue(byte[] address) {
        AssociativeTrieNode<?, Long> node;
        if (address.length == 4) {
            node = v4.isEmpty() ? null : v4.longestPrefixMatchNode(new IPv4Address(address));
        } else if (address.length == 16) {
            node = v6.isEmpty() ? null : v6.longestPrefixMatchNode(new IPv6Address(address));
        } else {
            node = null;
        }
        return node == null ? NO_CUSTOMER : node.getValue();
    }
    /** How many prefixes the list holds. */
    public int size() {
        return size;
    }
}
