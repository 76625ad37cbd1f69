package org.bwnetflow.connect.bgp.speaker.gobgp;

import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.bgp.speaker.PortRange;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.FlowSpecComponentItem;

/**
 * Port ranges and protocols as FlowSpec numeric operator items (RFC 8955 section 4.2.1.1) and back. An item's
 * operator byte: end-of-list 0x80 and the value's length 0x30 (both filled in by gobgpd and ignored here), AND 0x40
 * (with the item before; without it the item starts a new alternative), less-than 0x04, greater-than 0x02, equal 0x01.
 */
final class FlowSpecItems {

    static final int AND = 0x40;
    static final int LT = 0x04;
    static final int GT = 0x02;
    static final int EQ = 0x01;
    private static final int COMPARISON = 0x07;

    private FlowSpecItems() {
    }

    /** A single port as {@code =p}; a range as {@code >=from AND <=to}; the ranges one after another, OR'ed. */
    static List<FlowSpecComponentItem> ports(List<PortRange> ranges) {
        List<FlowSpecComponentItem> items = new ArrayList<>();
        for (PortRange r : ranges) {
            if (r.isSinglePort()) {
                items.add(item(EQ, r.from()));
            } else {
                items.add(item(GT | EQ, r.from()));
                items.add(item(AND | LT | EQ, r.to()));
            }
        }
        return items;
    }

    /** One value, equal. */
    static List<FlowSpecComponentItem> equal(int value) {
        return List.of(item(EQ, value));
    }

    /**
     * The ports that items match, as canonical ranges; the items may be anyone's (any order, any mix of =, <, <=, >,
     * >=), but {@code !=}, "true" and "false" and values above 65535 are refused, as is a list matching no port.
     */
    static List<PortRange> portRanges(List<FlowSpecComponentItem> items) {
        List<PortRange> ranges = new ArrayList<>();
        long lo = -1;
        long hi = -1;
        for (int i = 0; i < items.size(); i++) {
            FlowSpecComponentItem item = items.get(i);
            int op = item.getOp();
            long value = item.getValue();
            if (value > PortRange.MAX_PORT) {
                throw new IllegalArgumentException("port " + value + " above 65535");
            }
            long[] bounds = bounds(op & COMPARISON, value);
            boolean and = (op & AND) != 0;
            if (i == 0 && and) {
                throw new IllegalArgumentException("the first item of a port list has the AND bit");
            }
            if (and) {
                lo = Math.max(lo, bounds[0]);
                hi = Math.min(hi, bounds[1]);
            } else {
                add(ranges, lo, hi);
                lo = bounds[0];
                hi = bounds[1];
            }
        }
        add(ranges, lo, hi);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("the port items match no port");
        }
        return PortRange.canonical(ranges);
    }

    /** The one value that items match with a single {@code =}; refused otherwise (several protocols, ranges). */
    static int singleEqual(List<FlowSpecComponentItem> items) {
        if (items.size() != 1 || (items.get(0).getOp() & (COMPARISON | AND)) != EQ || items.get(0).getValue() > 255) {
            throw new IllegalArgumentException("not a single protocol: " + text(items));
        }
        return (int) items.get(0).getValue();
    }

    static String text(List<FlowSpecComponentItem> items) {
        StringBuilder text = new StringBuilder();
        for (FlowSpecComponentItem item : items) {
            text.append(text.length() == 0 ? "" : " ").append("op 0x").append(Integer.toHexString(item.getOp()))
                    .append(' ').append(item.getValue());
        }
        return text.toString();
    }

    private static long[] bounds(int comparison, long value) {
        switch (comparison) {
            case EQ:
                return new long[] {value, value};
            case GT:
                return new long[] {value + 1, PortRange.MAX_PORT};
            case GT | EQ:
                return new long[] {value, PortRange.MAX_PORT};
            case LT:
                return new long[] {0, value - 1};
            case LT | EQ:
                return new long[] {0, value};
            default:
                throw new IllegalArgumentException("port comparison 0x" + Integer.toHexString(comparison)
                        + " is not one of =, <, <=, >, >=");
        }
    }

    private static void add(List<PortRange> ranges, long lo, long hi) {
        if (lo >= 0 && hi <= PortRange.MAX_PORT && lo <= hi) {
            ranges.add(PortRange.of((int) lo, (int) hi));
        }
    }

    private static FlowSpecComponentItem item(int op, long value) {
        return FlowSpecComponentItem.newBuilder().setOp(op).setValue(value).build();
    }
}
