package org.bwnetflow.connect.bgp.speaker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Ports {@code from} to {@code to}, both included, within 0-65535; a single port is a range of one. */
public record PortRange(int from, int to) {

    public static final int MAX_PORT = 65535;

    public PortRange {
        if (from < 0 || to > MAX_PORT || from > to) {
            throw new IllegalArgumentException("not a port range: " + from + "-" + to + " (ports are 0-65535, from <= to)");
        }
    }

    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    public static PortRange of(int from, int to) {
        return new PortRange(from, to);
    }

    /** {@code 53} or {@code 1024-65535}. */
    public static PortRange parse(String text) {
        int dash = text.indexOf('-');
        try {
            return dash < 0 ? of(Integer.parseInt(text.trim()))
                    : of(Integer.parseInt(text.substring(0, dash).trim()), Integer.parseInt(text.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port or port range: '" + text + "'", e);
        }
    }

    public boolean isSinglePort() {
        return from == to;
    }

    /** The same ports as {@code ranges}, sorted, with overlapping and adjacent ranges joined: one list for one set of ports. */
    public static List<PortRange> canonical(List<PortRange> ranges) {
        Objects.requireNonNull(ranges, "port ranges");
        List<PortRange> sorted = new ArrayList<>(ranges);
        sorted.forEach(r -> Objects.requireNonNull(r, "port range"));
        sorted.sort(Comparator.comparingInt(PortRange::from).thenComparingInt(PortRange::to));
        List<PortRange> joined = new ArrayList<>();
        for (PortRange r : sorted) {
            PortRange last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && r.from <= last.to + 1) {
                joined.set(joined.size() - 1, new PortRange(last.from, Math.max(last.to, r.to)));
            } else {
                joined.add(r);
            }
        }
        return List.copyOf(joined);
    }

    @Override
    public String toString() {
        return isSinglePort() ? Integer.toString(from) : from + "-" + to;
    }
}
