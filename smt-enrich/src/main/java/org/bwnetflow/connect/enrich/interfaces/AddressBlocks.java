package org.bwnetflow.connect.enrich.interfaces;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A set of CIDR blocks (IPv4 and IPv6) asked, per flow, whether it holds an address. The blocks
 * become sorted, merged ranges per family, so {@link #contains} is a binary search that allocates
 * nothing, however long the list. Immutable.
 */
public final class AddressBlocks {

    private final Ranges v4;
    private final Ranges v6;
    private final List<String> blocks;

    private AddressBlocks(Ranges v4, Ranges v6, List<String> blocks) {
        this.v4 = v4;
        this.v6 = v6;
        this.blocks = blocks;
    }

    /**
     * Parses addresses ({@code 192.0.2.1}: that host) and CIDR blocks ({@code 10.0.0.0/8},
     * {@code 2001:db8::/32}); the exception's message names the first bad entry and why (host bits
     * set is an error: {@code 10.1.2.3/8} is more likely a typo than meant as 10.0.0.0/8).
     */
    public static AddressBlocks parse(List<String> entries) {
        List<IPAddress> v4 = new ArrayList<>();
        List<IPAddress> v6 = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        for (String entry : entries) {
            IPAddress address = AddressBytes.parse(entry);
            if (address.isPrefixed() && !address.isPrefixBlock()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' has host bits set; did you mean "
                        + address.toPrefixBlock() + "?");
            }
            (address.isIPv4() ? v4 : v6).add(address);
            blocks.add(address.toString());
        }
        return new AddressBlocks(Ranges.of(v4), Ranges.of(v6), List.copyOf(blocks));
    }

    /** Whether a block holds the address (4 or 16 bytes; other lengths are in no block). */
    public boolean contains(byte[] address) {
        int from = AddressBytes.from(address);
        int length = address.length - from;
        return length == 4 ? v4.contains(address, from) : length == 16 && v6.contains(address, from);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether the blocks cover every IPv4 or every IPv6 address (0.0.0.0/0 or ::/0). */
    public boolean coversAFamily() {
        return v4.coversAll(4) || v6.coversAll(16);
    }

    @Override
    public String toString() {
        return String.join(",", blocks);
    }

    /** Sorted, non-overlapping [first, last] ranges of one family. */
    private static final class Ranges {
        private final byte[][] firsts;
        private final byte[][] lasts;

        private Ranges(byte[][] firsts, byte[][] lasts) {
            this.firsts = firsts;
            this.lasts = lasts;
        }

        static Ranges of(List<IPAddress> blocks) {
            List<byte[][]> ranges = new ArrayList<>();
            for (IPAddress block : blocks) {
                ranges.add(new byte[][] {block.getLower().getBytes(), block.getUpper().getBytes()});
            }
            ranges.sort(Comparator.comparing((byte[][] r) -> r[0], Arrays::compareUnsigned));
            List<byte[][]> merged = new ArrayList<>();
            for (byte[][] range : ranges) {
                byte[][] previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (previous != null && touches(previous[1], range[0])) {
                    if (Arrays.compareUnsigned(range[1], previous[1]) > 0) {
                        previous[1] = range[1]; // overlapping or adjacent blocks: one range
                    }
                } else {
                    merged.add(range);
                }
            }
            return new Ranges(merged.stream().map(r -> r[0]).toArray(byte[][]::new),
                    merged.stream().map(r -> r[1]).toArray(byte[][]::new));
        }

        /** Whether a range starting at {@code first} overlaps or directly follows one ending at {@code last}. */
        private static boolean touches(byte[] last, byte[] first) {
            if (Arrays.compareUnsigned(first, last) <= 0) {
                return true;
            }
            byte[] next = last.clone();
            for (int i = next.length - 1; i >= 0; i--) {
                if (++next[i] != 0) {
                    return Arrays.equals(next, first);
                }
            }
            return false; // last was the family's highest address
        }

        /** Binary search for the last range starting at or before the address, then its end. */
        boolean contains(byte[] address, int from) {
            int low = 0;
            int high = firsts.length - 1;
            int candidate = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (AddressBytes.compare(firsts[mid], address, from) <= 0) {
                    candidate = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return candidate >= 0 && AddressBytes.compare(lasts[candidate], address, from) >= 0;
        }

        boolean coversAll(int length) {
            if (firsts.length != 1) {
                return false;
            }
            byte[] all = new byte[length];
            Arrays.fill(all, (byte) 0xFF);
            return Arrays.equals(firsts[0], new byte[length]) && Arrays.equals(lasts[0], all);
        }
    }
}
