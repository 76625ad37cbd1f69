package org.bwnetflow.connect.flowctl.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;

/**
 * The {@code flows} table of {@code flowctl sqlite}: one column per chosen FlowMessage field
 * (lower-case name; numbers INTEGER, everything else TEXT as {@code flowctl tail --format json}
 * writes it, addresses as text), with indexes on the time and address columns present.
 */
final class FlowTable implements AutoCloseable {

    /** bwNetFlow's SQLite dump had these. */
    static final String DEFAULT_FIELDS = "TimeFlowStart,SrcAddr,DstAddr,SrcPort,DstPort,Proto,Etype,Packets,Bytes";
    private static final List<String> INDEXED = List.of("timeflowstart", "timeflowend", "timereceived", "srcaddr",
            "dstaddr");

    private final List<FlowField> fields = new ArrayList<>();
    private final PreparedStatement insert;

    /**
     * Creates the table and its indexes if missing, on a connection without auto-commit.
     *
     * @throws IllegalArgumentException naming an unknown field
     */
    FlowTable(Connection connection, String fieldNames) throws SQLException {
        for (String name : fieldNames.split(",")) {
            String trimmed = name.trim();
            fields.add(java.util.Arrays.stream(FlowField.all()).filter(f -> f.fieldName().equalsIgnoreCase(trimmed))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown field '" + trimmed
                            + "': use FlowMessage field names, e.g. TimeFlowStart,SrcAddr,Bytes")));
        }
        List<String> columns = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        StringBuilder create = new StringBuilder("CREATE TABLE IF NOT EXISTS flows (");
        for (int i = 0; i < fields.size(); i++) {
            String column = column(fields.get(i));
            columns.add(column);
            marks.add("?");
            create.append(i == 0 ? "" : ", ").append(column).append(isNumber(fields.get(i)) ? " INTEGER" : " TEXT");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(create.append(')').toString());
            for (String column : columns) {
                if (INDEXED.contains(column)) {
                    statement.execute("CREATE INDEX IF NOT EXISTS flows_" + column + " ON flows (" + column + ")");
                }
            }
        }
        connection.commit();
        insert = connection.prepareStatement("INSERT INTO flows (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", marks) + ")");
    }

    void add(Struct flow) throws SQLException {
        for (int i = 0; i < fields.size(); i++) {
            FlowField field = fields.get(i);
            Object value = flow.get(FlowMessageSchema.field(field));
            if (isNumber(field)) {
                insert.setLong(i + 1, (Long) value);
            } else {
                insert.setString(i + 1, FlowJson.valueText(field, value));
            }
        }
        insert.addBatch();
    }

    /** Inserts the rows added since the last flush, in the connection's open transaction (the caller commits). */
    void flush() throws SQLException {
        insert.executeBatch();
    }

    private static String column(FlowField field) {
        return field.fieldName().toLowerCase(Locale.ROOT);
    }

    /** Counters, ports, times and other numbers; MACs, addresses, names and enums are text. */
    private static boolean isNumber(FlowField field) {
        return switch (field.wireType()) {
            case BYTES, STRING, BOOL, ENUM, UINT32_LIST -> false;
            default -> field != FlowField.SRC_MAC && field != FlowField.DST_MAC;
        };
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
