package org.bwnetflow.connect.model.table;

import org.bwnetflow.connect.model.FlowField;

/**
 * The columns of the raw flows table ({@code flows_raw} in the local stack): what the raw flows sink
 * writes, what the filter language translates to and what the dashboard's explorer groups by.
 *
 * <p>One row per Kafka record of a flow topic. The designated timestamp {@link #TS} is the record's
 * timestamp (the source's receive time), and {@link #KAFKA_TOPIC}, {@link #KAFKA_PARTITION},
 * {@link #KAFKA_OFFSET} with it are the table's deduplication keys: a record written twice (a
 * replay after a crash) replaces its own row, so every flow is stored exactly once.
 */
public enum FlowsColumn {
    TS("ts", ColumnType.TIMESTAMP, null, "Kafka record timestamp: when the collector received the flow"),
    FLOW_START("flow_start", ColumnType.TIMESTAMP, FlowField.TIME_FLOW_START, null),
    FLOW_END("flow_end", ColumnType.TIMESTAMP, FlowField.TIME_FLOW_END, null),
    EXPORTER("exporter", ColumnType.SYMBOL, FlowField.SAMPLER_ADDRESS, "the exporter's address as text"),
    SRC_ADDR_HI("src_addr_hi", ColumnType.ADDRESS_HALF, FlowField.SRC_ADDR, "high 64 bits, see AddressHalves"),
    SRC_ADDR_LO("src_addr_lo", ColumnType.ADDRESS_HALF, FlowField.SRC_ADDR, "low 64 bits, see AddressHalves"),
    DST_ADDR_HI("dst_addr_hi", ColumnType.ADDRESS_HALF, FlowField.DST_ADDR, "high 64 bits, see AddressHalves"),
    DST_ADDR_LO("dst_addr_lo", ColumnType.ADDRESS_HALF, FlowField.DST_ADDR, "low 64 bits, see AddressHalves"),
    SRC_PORT("src_port", ColumnType.INT_VALUE, FlowField.SRC_PORT, null),
    DST_PORT("dst_port", ColumnType.INT_VALUE, FlowField.DST_PORT, null),
    PROTO("proto", ColumnType.INT_VALUE, FlowField.PROTO, null),
    BYTES("bytes", ColumnType.COUNTER, FlowField.BYTES, "as in the flow (normalised where the pipeline normalises)"),
    PACKETS("packets", ColumnType.COUNTER, FlowField.PACKETS, null),
    SAMPLING_RATE("sampling_rate", ColumnType.INT_VALUE, FlowField.SAMPLING_RATE, null),
    IN_IF("in_if", ColumnType.INT_VALUE, FlowField.IN_IF, null),
    OUT_IF("out_if", ColumnType.INT_VALUE, FlowField.OUT_IF, null),
    IN_IF_NAME("in_if_name", ColumnType.SYMBOL, FlowField.SRC_IF_NAME, null),
    OUT_IF_NAME("out_if_name", ColumnType.SYMBOL, FlowField.DST_IF_NAME, null),
    SRC_AS("src_as", ColumnType.INT_VALUE, FlowField.SRC_AS, null),
    DST_AS("dst_as", ColumnType.INT_VALUE, FlowField.DST_AS, null),
    NEXT_HOP_AS("next_hop_as", ColumnType.INT_VALUE, FlowField.NEXT_HOP_AS, null),
    SRC_COUNTRY("src_country", ColumnType.SYMBOL, FlowField.SRC_COUNTRY, null),
    DST_COUNTRY("dst_country", ColumnType.SYMBOL, FlowField.DST_COUNTRY, null),
    CID("cid", ColumnType.INT_VALUE, FlowField.CID, "customer id; the explorer's isolation column"),
    FLOW_DIRECTION("flow_direction", ColumnType.INT_VALUE, FlowField.FLOW_DIRECTION, "0 ingress, 1 egress"),
    REMOTE_ADDR("remote_addr", ColumnType.INT_VALUE, FlowField.REMOTE_ADDR, "0 neither, 1 source, 2 destination"),
    KAFKA_TOPIC("kafka_topic", ColumnType.SYMBOL, null, "deduplication key"),
    KAFKA_PARTITION("kafka_partition", ColumnType.INT_VALUE, null, "deduplication key"),
    KAFKA_OFFSET("kafka_offset", ColumnType.INT_VALUE, null, "deduplication key");

    private static final FlowsColumn[] VALUES = values();

    private final String columnName;
    private final ColumnType type;
    private final FlowField field;
    private final String doc;

    FlowsColumn(String columnName, ColumnType type, FlowField field, String doc) {
        this.columnName = columnName;
        this.type = type;
        this.field = field;
        this.doc = doc;
    }

    /** The column's name in SQL (lower case, no quoting needed). */
    public String columnName() {
        return columnName;
    }

    public ColumnType type() {
        return type;
    }

    /** The FlowMessage field the column is filled from; null for the Kafka columns and {@link #TS}. */
    public FlowField field() {
        return field;
    }

    public String doc() {
        return doc;
    }

    /** Whether this is the high half of an address pair ({@code src_addr_hi}, {@code dst_addr_hi}). */
    public boolean isAddressHigh() {
        return this == SRC_ADDR_HI || this == DST_ADDR_HI;
    }

    /** All columns in table order. */
    public static FlowsColumn[] all() {
        return VALUES.clone();
    }

    /** The column(s) stored for a FlowMessage field: two for an address, none for a field not stored. */
    public static FlowsColumn[] of(FlowField field) {
        int count = 0;
        for (FlowsColumn column : VALUES) {
            if (column.field == field) {
                count++;
            }
        }
        FlowsColumn[] columns = new FlowsColumn[count];
        int i = 0;
        for (FlowsColumn column : VALUES) {
            if (column.field == field) {
                columns[i++] = column;
            }
        }
        return columns;
    }

    /** The column with this SQL name, or null: how a name from a request is checked before it reaches SQL. */
    public static FlowsColumn byName(String columnName) {
        for (FlowsColumn column : VALUES) {
            if (column.columnName.equals(columnName)) {
                return column;
            }
        }
        return null;
    }
}
