package org.bwnetflow.connect.enrich.customer;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bwnetflow.connect.enrich.ranges.AddressWords;
import org.bwnetflow.connect.enrich.ranges.PrefixColumns;
import org.bwnetflow.connect.enrich.ranges.PrefixRanges;

/**
 * The customer prefix list, loaded from a CSV of {@code prefix,cid} lines (IPv4 and IPv6, bare
 * addresses as host prefixes, {@code #} comments), for longest-prefix match. IPAddress parses and
 * checks every prefix; the table itself is a compact immutable one built from the parsed prefixes:
 * nested prefixes flattened into disjoint address ranges, binary-searched in primitive arrays
 * ({@link PrefixRanges}). It answers what IPAddress's associative trie answers
 * (PrefixTableEquivalenceTest checks it), at 8-40 bytes per prefix instead of the trie's 1.25 KB,
 * and reads the address straight from its bytes: a lookup allocates nothing.
 *
 * <p>A reload builds a new table while the old one serves, then swaps it in (see FileReloader):
 * the peak is the old table, the new one and the build's scratch (about 25 bytes per prefix for
 * the parsed columns, 8 for sorting and 40 while flattening), for as long as the build; right after
 * the swap the old table is garbage.
 */
public final class PrefixTable {


    /** Most prefixes a list may hold: bounds the heap a list can take (at most 40 bytes per prefix). */
    public static final int MAX_PREFIXES = 2_000_000;

    private final PrefixRanges ranges;
    private final int size;

    private PrefixTable(PrefixRanges ranges, int size) {
        this.ranges = ranges;
        this.size = size;
    }

    /** Reads and checks a prefix list; the exception names the first bad line and why. */
    public static PrefixTable load(Path file) throws IOException, PrefixListException {
        PrefixColumns v4 = new PrefixColumns();
        PrefixColumns v6 = new PrefixColumns();
        try {
            read(file, v4, v6);
        } catch (IOException | PrefixListException e) {
            // a trie insert would have failed at an earlier repeated prefix before reaching this line
            throwIfRepeated(file, v4, v4.sortedOrder(), v6, v6.sortedOrder());
            throw e;
        }
        int[] v4Order = v4.sortedOrder();
        int[] v6Order = v6.sortedOrder();
        throwIfRepeated(file, v4, v4Order, v6, v6Order);
        return new PrefixTable(PrefixRanges.of(v4, v4Order, v6, v6Order), v4.size() + v6.size());
    }

    private static void read(Path file, PrefixColumns v4, PrefixColumns v6) throws IOException, PrefixListException {
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
                long cid = cid(file, number, content.substring(comma + 1).trim());
                byte[] bytes = prefix.getBytes(); // the first address of the block
                int length = prefix.isPrefixed() ? prefix.getNetworkPrefixLength() : bytes.length * 8;
                if (bytes.length == 4) {
                    v4.add(0, Integer.toUnsignedLong(AddressWords.ipv4(bytes)), PrefixColumns.IPV4_OFFSET + length,
                            cid, number);
                } else {
                    v6.add(AddressWords.high(bytes), AddressWords.low(bytes), length, cid, number);
                }
                if (v4.size() + v6.size() > MAX_PREFIXES) {
                    throw new PrefixListException(file, number, "more than " + MAX_PREFIXES + " prefixes");
                }
            }
        }
    }

    private static void throwIfRepeated(Path file, PrefixColumns v4, int[] v4Order, PrefixColumns v6, int[] v6Order)
            throws IOException, PrefixListException {
        int v4Line = v4.firstRepeatedLine(v4Order);
        int v6Line = v6.firstRepeatedLine(v6Order);
        int line = v4Line == 0 ? v6Line : v6Line == 0 ? v4Line : Math.min(v4Line, v6Line);
        if (line != 0) {
            throw new PrefixListException(file, line, "prefix " + prefixOnLine(file, line) + " is listed twice");
        }
    }

    /** The prefix on a line already read once (only for the message of an error). */
    private static IPAddress prefixOnLine(Path file, int line) throws IOException, PrefixListException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int number = 1; number < line; number++) {
                reader.readLine();
            }
            String content = reader.readLine();
            int hash = content.indexOf('#');
            content = hash < 0 ? content : content.substring(0, hash);
            return prefix(file, line, content.substring(0, content.indexOf(',')).trim());
        }
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

    /** The customer of the longest prefix holding the address (4 or 16 bytes), or 0. Allocates nothing. */
    public long lookup(byte[] address) {
        return Integer.toUnsignedLong(ranges.lookup(address));
    }

    /** How many prefixes the list holds. */
    public int size() {
        return size;
    }

    /** How many disjoint ranges the prefixes became (IPv4 and IPv6). */
    public int ranges() {
        return ranges.ranges();
    }

    /** Bytes of the table's arrays: what it keeps on the heap, but for a few object headers. */
    public long arrayBytes() {
        return ranges.arrayBytes();
    }
}
