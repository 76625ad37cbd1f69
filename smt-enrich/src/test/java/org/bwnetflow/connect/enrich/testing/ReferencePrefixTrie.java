package org.bwnetflow.connect.enrich.testing;

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
import org.bwnetflow.connect.enrich.customer.PrefixListException;
import org.bwnetflow.connect.enrich.customer.PrefixTable;

/**
 * The reference for {@link PrefixTable}: a prefix list loaded the way CustomerId loaded it before
 * the compact table, into IPAddress's associative tries one prefix at a time (the first repeated
 * prefix or bad line fails the load), with IPAddress's longest-prefix match as the answer. Also
 * the "before" side of PrefixTableBenchmark: {@link #cachedLookup} is the old lookup path, an
 * address cache of 65,536 entries per family in front of the trie.
 */
public final class ReferencePrefixTrie {

    private static final Long NO_CUSTOMER = 0L;

    private final IPv4AddressAssociativeTrie<Long> v4 = new IPv4AddressAssociativeTrie<>();
    private final IPv6AddressAssociativeTrie<Long> v6 = new IPv6AddressAssociativeTrie<>();
    private final AddressCache<Long> cache = new AddressCache<>(1 << 16);

    private ReferencePrefixTrie() {
    }

    /** Loads a list; the exception names the first bad line as PrefixTable's must. */
    public static ReferencePrefixTrie load(Path file) throws IOException, PrefixListException {
        ReferencePrefixTrie trie = new ReferencePrefixTrie();
        Map<Long, Long> boxes = new HashMap<>();
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
                Long before = prefix.isIPv4() ? trie.v4.put(prefix.toIPv4(), cid) : trie.v6.put(prefix.toIPv6(), cid);
                if (before != null) {
                    throw new PrefixListException(file, number, "prefix " + prefix + " is listed twice");
                }
                if (++size > PrefixTable.MAX_PREFIXES) {
                    throw new PrefixListException(file, number, "more than " + PrefixTable.MAX_PREFIXES + " prefixes");
                }
            }
        }
        return trie;
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

    /** IPAddress's longest-prefix match: the customer, or 0. */
    public long lookup(byte[] address) {
        return value(address);
    }

    /** The lookup CustomerId made before the compact table: the address cache, then the trie. */
    public long cachedLookup(byte[] address) {
        Long cached = cache.get(address);
        if (cached != null) {
            return cached;
        }
        Long cid = value(address);
        cache.put(address, cid);
        return cid;
    }

    private Long value(byte[] address) {
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
}
