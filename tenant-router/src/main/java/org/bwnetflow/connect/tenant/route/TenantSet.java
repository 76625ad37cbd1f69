package org.bwnetflow.connect.tenant.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The customer ids that are tenants: single ids and inclusive ranges ({@code 1000,1200-1299}),
 * kept as sorted, merged ranges and looked up by binary search. Empty means every cid above 0.
 */
public final class TenantSet {

    /** The largest uint32: the largest customer id a FlowMessage can carry. */
    public static final long MAX_CID = 0xFFFF_FFFFL;

    private static final TenantSet ALL = new TenantSet(new long[] {1}, new long[] {MAX_CID}, true);

    private final long[] starts;
    private final long[] ends;
    private final boolean all;

    private TenantSet(long[] starts, long[] ends, boolean all) {
        this.starts = starts;
        this.ends = ends;
        this.all = all;
    }

    /**
     * Parses the entries of the allowlist.
     *
     * @throws IllegalArgumentException naming the first bad entry and what is wrong with it
     */
    public static TenantSet parse(List<String> entries) {
        if (entries.isEmpty()) {
            return ALL;
        }
        List<long[]> ranges = new ArrayList<>();
        for (String raw : entries) {
            ranges.add(range(raw.trim()));
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] starts = new long[ranges.size()];
        long[] ends = new long[ranges.size()];
        int n = 0;
        for (long[] range : ranges) {
            if (n > 0 && range[0] <= ends[n - 1] + 1) {
                ends[n - 1] = Math.max(ends[n - 1], range[1]);
            } else {
                starts[n] = range[0];
                ends[n] = range[1];
                n++;
            }
        }
        return new TenantSet(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), false);
    }

    private static long[] range(String entry) {
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("empty entry (two commas in a row?)");
        }
        int dash = entry.indexOf('-', 1);
        if (dash < 0) {
            long cid = cid(entry, entry);
            return new long[] {cid, cid};
        }
        long from = cid(entry, entry.substring(0, dash).trim());
        long to = cid(entry, entry.substring(dash + 1).trim());
        if (from > to) {
            throw new IllegalArgumentException("'" + entry + "' is a reversed range (" + from + " > " + to + ")");
        }
        return new long[] {from, to};
    }

    private static long cid(String entry, String text) {
        long value;
        try {
            if (text.isEmpty() || !Character.isDigit(text.charAt(0))) {
                throw new NumberFormatException();
            }
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "': '" + text + "' is not a customer id (a number 1-"
                    + MAX_CID + ")");
        }
        if (value == 0) {
            throw new IllegalArgumentException("'" + entry + "': 0 is not a customer id (Cid 0 means no customer)");
        }
        if (value > MAX_CID) {
            throw new IllegalArgumentException("'" + entry + "': " + value + " is above " + MAX_CID
                    + ", the largest uint32 Cid");
        }
        return value;
    }

    /** Whether the customer id is a tenant; never for 0. */
    public boolean contains(long cid) {
        if (cid <= 0 || cid > MAX_CID) {
            return false;
        }
        if (all) {
            return true;
        }
        int low = 0;
        int high = starts.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (cid < starts[mid]) {
                high = mid - 1;
            } else if (cid > ends[mid]) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The largest tenant id. */
    public long max() {
        return ends[ends.length - 1];
    }

    /** Whether every cid above 0 is a tenant (the allowlist was empty). */
    public boolean isAll() {
        return all;
    }
}
