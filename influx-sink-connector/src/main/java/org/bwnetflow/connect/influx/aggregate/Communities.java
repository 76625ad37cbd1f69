package org.bwnetflow.connect.influx.aggregate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The BGP communities the {@code community} tag counts (config {@value AggregationSpec#COMMUNITIES}):
 * standard communities {@code AS:value} (16 bits each, as RFC 1997 writes them; the flow field
 * holds {@code AS << 16 | value}) and {@code AS:*} for every value of an AS, large communities
 * {@code A:B:C} (RFC 8092, 32 bits each) and {@code A:B:*}, {@code A:*:*}. Empty: the tag has no
 * value, so a measurement with it writes nothing. Immutable; lookups allocate nothing (sorted
 * arrays, binary search).
 */
public final class Communities {

    /** Entries at most: a community tag value each (or more, for a wildcard), bounded by tag.max.values anyway. */
    public static final int MAX_ENTRIES = 1000;
    public static final Communities NONE = new Communities(new long[0], new long[0], new long[0], new long[0], new long[0],
            new long[0], List.of());

    private static final long UINT16 = 0xFFFFL;
    private static final long UINT32 = 0xFFFF_FFFFL;

    private final long[] standard;
    private final long[] standardAs;
    /** Large communities as A << 32 | B (sorted) and, in step, C. */
    private final long[] largeHigh;
    private final long[] largeLow;
    private final long[] largeAb;
    private final long[] largeA;
    private final List<String> entries;

    private Communities(long[] standard, long[] standardAs, long[] largeHigh, long[] largeLow, long[] largeAb, long[] largeA,
            List<String> entries) {
        this.standard = standard;
        this.standardAs = standardAs;
        this.largeHigh = largeHigh;
        this.largeLow = largeLow;
        this.largeAb = largeAb;
        this.largeA = largeA;
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses the entries ({@code 65000:100}, {@code 65000:*}, {@code 4200000000:1:2}, {@code 4200000000:1:*},
     * {@code 4200000000:*:*}; surrounding spaces ignored).
     *
     * @throws IllegalArgumentException naming the bad entry and why
     */
    public static Communities parse(List<String> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("more than " + MAX_ENTRIES + " communities");
        }
        Set<String> seen = new HashSet<>();
        LongList standard = new LongList();
        LongList standardAs = new LongList();
        LongList large = new LongList();
        LongList largeAb = new LongList();
        LongList largeA = new LongList();
        for (String raw : entries) {
            String entry = raw.trim();
            String[] parts = entry.split(":", -1);
            if (parts.length == 2) {
                long as = number(entry, parts[0], UINT16, "AS");
                if (parts[1].equals("*")) {
                    standardAs.add(as);
                } else {
                    standard.add(as << 16 | number(entry, parts[1], UINT16, "value"));
                }
            } else if (parts.length == 3) {
                long a = number(entry, parts[0], UINT32, "global administrator");
                if (parts[1].equals("*")) {
                    if (!parts[2].equals("*")) {
                        throw new IllegalArgumentException("'" + entry + "': a wildcard local data part 1 needs '*' as part 2 too");
                    }
                    largeA.add(a);
                } else if (parts[2].equals("*")) {
                    largeAb.add(a << 32 | number(entry, parts[1], UINT32, "local data part 1"));
                } else {
                    large.add(a << 32 | number(entry, parts[1], UINT32, "local data part 1"));
                    large.add(number(entry, parts[2], UINT32, "local data part 2"));
                }
            } else {
                throw new IllegalArgumentException("'" + entry + "' is no community: give AS:value or AS:* (standard, 16 bits "
                        + "each) or A:B:C, A:B:* or A:*:* (large, 32 bits each)");
            }
            if (!seen.add(canonical(parts))) {
                throw new IllegalArgumentException("'" + entry + "' is listed twice");
            }
        }
        return new Communities(standard.sorted(), standardAs.sorted(), largeHighs(large), largeLows(large), largeAb.sorted(),
                largeA.sorted(), entries.stream().map(String::trim).toList());
    }

    private static String canonical(String[] parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            text.append(text.length() == 0 ? "" : ":").append(part.equals("*") ? "*" : Long.toString(Long.parseLong(part)));
        }
        return text.toString();
    }

    private static long number(String entry, String text, long max, String what) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + entry + "': the " + what + " '" + text + "' is not a number"
                    + (text.equals("*") ? " (a wildcard '*' is allowed only at the end)" : ""));
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new IllegalArgumentException("'" + entry + "': the " + what + " " + value + " is more than " + max
                    + (max == UINT16 ? " (a standard community has 16 bits each; for 32-bit ASes use a large community A:B:C)"
                    : ""));
        }
        return value;
    }

    /** The entries as configured (trimmed). */
    public List<String> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** True when the standard community {@code AS << 16 | value} is counted. */
    public boolean countsStandard(long community) {
        return community >= 0 && community <= UINT32
                && (Arrays.binarySearch(standard, community) >= 0 || Arrays.binarySearch(standardAs, community >>> 16) >= 0);
    }

    /** True when the large community {@code a:b:c} is counted. */
    public boolean countsLarge(long a, long b, long c) {
        if (a < 0 || a > UINT32 || b < 0 || b > UINT32 || c < 0 || c > UINT32) {
            return false;
        }
        long high = a << 32 | b;
        return Arrays.binarySearch(largeA, a) >= 0 || Arrays.binarySearch(largeAb, high) >= 0 || largeExact(high, c);
    }

    private boolean largeExact(long high, long low) {
        int lo = 0;
        int hi = largeHigh.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = largeHigh[mid] != high ? Long.compare(largeHigh[mid], high) : Long.compare(largeLow[mid], low);
            if (c == 0) {
                return true;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /** The text of a standard community, {@code AS:value}. */
    static String standardText(long community) {
        return (community >>> 16 & UINT16) + ":" + (community & UINT16);
    }

    /** The text of a large community, {@code A:B:C}. */
    static String largeText(long high, long low) {
        return (high >>> 32) + ":" + (high & UINT32) + ":" + low;
    }

    /** Exact large communities, pairs (A << 32 | B, C), sorted by both. */
    private static long[] largeHighs(LongList pairs) {
        return sortedPairs(pairs)[0];
    }

    private static long[] largeLows(LongList pairs) {
        return sortedPairs(pairs)[1];
    }

    private static long[][] sortedPairs(LongList pairs) {
        int n = pairs.size / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] v = pairs.values;
        Arrays.sort(order, (x, y) -> v[2 * x] != v[2 * y] ? Long.compare(v[2 * x], v[2 * y]) : Long.compare(v[2 * x + 1], v[2 * y + 1]));
        long[] high = new long[n];
        long[] low = new long[n];
        for (int i = 0; i < n; i++) {
            high[i] = v[2 * order[i]];
            low[i] = v[2 * order[i] + 1];
        }
        return new long[][] {high, low};
    }

    /** A growable long array, for parsing only. */
    private static final class LongList {
        long[] values = new long[8];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Communities other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
