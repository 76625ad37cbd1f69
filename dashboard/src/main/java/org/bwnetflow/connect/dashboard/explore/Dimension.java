package org.bwnetflow.connect.dashboard.explore;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bwnetflow.connect.model.ProtocolNumbers;
import org.bwnetflow.connect.model.table.AddressHalves;
import org.bwnetflow.connect.model.table.ColumnType;
import org.bwnetflow.connect.model.table.FlowsColumn;

/**
 * What the explorer groups by: every stored field of the raw flows table but its times, counters
 * and Kafka keys, an address as one dimension of its two halves. A request names dimensions by
 * {@link #paramName()}; only these names reach SQL, as their {@link FlowsColumn}s' names.
 *
 * <p>{@link #drillDown} writes a group's condition in the filter language, the text the page adds to
 * the filter when a group is clicked; see docs/dashboard.md for the list.
 */
public enum Dimension {
    CID("cid", "cid %s", FlowsColumn.CID),
    EXPORTER("exporter", "exporter %s", FlowsColumn.EXPORTER),
    SRC_ADDR("src_addr", "src host %s", FlowsColumn.SRC_ADDR_HI, FlowsColumn.SRC_ADDR_LO),
    DST_ADDR("dst_addr", "dst host %s", FlowsColumn.DST_ADDR_HI, FlowsColumn.DST_ADDR_LO),
    SRC_PORT("src_port", "src port %s", FlowsColumn.SRC_PORT),
    DST_PORT("dst_port", "dst port %s", FlowsColumn.DST_PORT),
    PROTO("proto", "proto %s", FlowsColumn.PROTO),
    SAMPLING_RATE("sampling_rate", "SamplingRate = %s", FlowsColumn.SAMPLING_RATE),
    IN_IF("in_if", "in if %s", FlowsColumn.IN_IF),
    OUT_IF("out_if", "out if %s", FlowsColumn.OUT_IF),
    IN_IF_NAME("in_if_name", "in if name %s", FlowsColumn.IN_IF_NAME),
    OUT_IF_NAME("out_if_name", "out if name %s", FlowsColumn.OUT_IF_NAME),
    SRC_AS("src_as", "src as %s", FlowsColumn.SRC_AS),
    DST_AS("dst_as", "dst as %s", FlowsColumn.DST_AS),
    NEXT_HOP_AS("next_hop_as", "NextHopAS = %s", FlowsColumn.NEXT_HOP_AS),
    SRC_COUNTRY("src_country", "src country %s", FlowsColumn.SRC_COUNTRY),
    DST_COUNTRY("dst_country", "dst country %s", FlowsColumn.DST_COUNTRY),
    FLOW_DIRECTION("flow_direction", "FlowDirection = %s", FlowsColumn.FLOW_DIRECTION),
    REMOTE_ADDR("remote_addr", "RemoteAddr = %s", FlowsColumn.REMOTE_ADDR);

    private static final Dimension[] VALUES = values();

    private final String paramName;
    private final String condition;
    private final List<FlowsColumn> columns;

    Dimension(String paramName, String condition, FlowsColumn... columns) {
        this.paramName = paramName;
        this.condition = condition;
        this.columns = List.of(columns);
    }

    /** The name in requests, URLs and answers. */
    public String paramName() {
        return paramName;
    }

    /** The stored columns: two for an address (high, low half), one otherwise. */
    public List<FlowsColumn> columns() {
        return columns;
    }

    boolean isAddress() {
        return columns.size() == 2;
    }

    /** Whether the column holds text (SYMBOL): its value is quoted in a condition. */
    private boolean isText() {
        return columns.get(0).type() == ColumnType.SYMBOL;
    }

    /** A group's value as the page shows it: an address as text, a number or text as it is; null stays null. */
    public String text(List<Object> values) {
        if (isAddress()) {
            return AddressHalves.text((Long) values.get(0), (Long) values.get(1));
        }
        Object value = values.get(0);
        return value == null ? null : value.toString();
    }

    /** A name for a value where one exists (a protocol's, from IANA's table), else null. */
    public String label(List<Object> values) {
        if (this == PROTO && values.get(0) instanceof Long number) {
            return ProtocolNumbers.name(number);
        }
        return null;
    }

    /**
     * The filter language's condition that a flow belongs to the group with these values, or null
     * when the language cannot say it (an empty text column).
     */
    public String drillDown(List<Object> values) {
        String text = text(values);
        if (text == null) {
            return null;
        }
        boolean quote = isText() && !this.equals(EXPORTER) && !this.equals(SRC_COUNTRY) && !this.equals(DST_COUNTRY);
        return String.format(Locale.ROOT, condition, quote ? quoted(text) : text);
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The dimension a request names; an error listing the names otherwise (the name itself never reaches SQL). */
    public static Dimension named(String name) {
        for (Dimension dimension : VALUES) {
            if (dimension.paramName.equals(name)) {
                return dimension;
            }
        }
        throw new IllegalArgumentException("no dimension '" + shortened(name) + "'; the dimensions are "
                + String.join(", ", names()));
    }

    /** Every dimension's name, in table order. */
    public static List<String> names() {
        return Arrays.stream(VALUES).map(Dimension::paramName).toList();
    }

    private static String shortened(String name) {
        String printable = name.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
