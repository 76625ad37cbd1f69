package org.bwnetflow.connect.rawflows.encode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.model.table.AddressHalves;
import org.bwnetflow.connect.model.table.ColumnType;
import org.bwnetflow.connect.model.table.FlowsColumn;
import org.bwnetflow.connect.model.table.FlowsTable;

/**
 * One FlowMessage record (protobuf bytes) to one line of InfluxDB line protocol for the raw flows
 * table, straight from the bytes into a {@link LineBuffer}:
 * {@code flows_raw,exporter=...,kafka_topic=... flow_start=...t,...,kafka_offset=...i <ts in ms>}.
 *
 * <p>The storage rules the table's readers rely on: every number column is written (0 when the
 * flow lacks the value); a SYMBOL column is left out (NULL) when the flow's text is empty;
 * {@code exporter} is the SamplerAddress as {@code InetAddress.getHostAddress()} writes it;
 * addresses are the two {@link AddressHalves}; flow_start and flow_end are the flow's Unix seconds
 * in microseconds. Symbols come first, as line protocol requires.
 */
public final class FlowLineEncoder {

    /** Flow times beyond 9999-12-31 (a hostile or broken exporter) are stored as that: QuestDB's timestamps end there. */
    static final long MAX_SECONDS = 253_402_300_799L;

    private final byte[] table;
    private final StoredFields fields = new StoredFields();
    private final ExporterText exporters = new ExporterText();
    private final Map<String, byte[]> topics = new HashMap<>();
    private final Column[] symbols;
    private final Column[] numbers;

    public FlowLineEncoder(String tableName) {
        if (!FlowsTable.isValidName(tableName)) {
            throw new IllegalArgumentException("table name '" + tableName + "' is not lower-case letters, digits and _");
        }
        table = ascii(tableName);
        List<Column> symbolColumns = new ArrayList<>();
        List<Column> numberColumns = new ArrayList<>();
        for (FlowsColumn column : FlowsColumn.all()) {
            if (column == FlowsColumn.TS) {
                continue; // the designated timestamp ends the line
            }
            if (column.type() == ColumnType.SYMBOL) {
                symbolColumns.add(new Column(column, ascii("," + column.columnName() + "=")));
            } else {
                String separator = numberColumns.isEmpty() ? " " : ",";
                numberColumns.add(new Column(column, ascii(separator + column.columnName() + "=")));
            }
        }
        symbols = symbolColumns.toArray(new Column[0]);
        numbers = numberColumns.toArray(new Column[0]);
    }

    /**
     * Appends the record's line.
     *
     * @param timestampMillis the Kafka record's timestamp: the row's designated timestamp and first dedup key
     * @return false, with the buffer as it was, when {@code flow} is no FlowMessage
     */
    public boolean append(LineBuffer out, byte[] flow, String topic, int partition, long offset, long timestampMillis) {
        if (!fields.read(flow)) {
            return false;
        }
        out.beginLine();
        out.put(table);
        for (Column column : symbols) {
            writeSymbol(out, column, topic);
        }
        for (Column column : numbers) {
            out.put(column.prefix);
            writeNumber(out, column, partition, offset);
        }
        out.put((byte) ' ');
        out.putLong(timestampMillis);
        out.put((byte) '\n');
        out.endLine();
        return true;
    }

    private void writeSymbol(LineBuffer out, Column column, String topic) {
        if (column.column == FlowsColumn.KAFKA_TOPIC) {
            out.put(column.prefix);
            out.put(topics.computeIfAbsent(topic, FlowLineEncoder::escaped));
            return;
        }
        int slot = column.slot;
        int length = fields.length(slot);
        if (length == 0) {
            return; // NULL: the flow has no such text
        }
        if (column.column == FlowsColumn.EXPORTER) {
            byte[] text = exporters.textOf(fields.source(), fields.offset(slot), length);
            if (text.length > 0) {
                out.put(column.prefix);
                out.put(text);
            }
            return;
        }
        out.put(column.prefix);
        out.putEscaped(fields.source(), fields.offset(slot), length);
    }

    private void writeNumber(LineBuffer out, Column column, int partition, long offset) {
        int slot = column.slot;
        switch (column.kind) {
            case Column.PARTITION -> out.putLong(partition);
            case Column.OFFSET -> out.putLong(offset);
            case Column.ADDRESS_HIGH -> out.putLong(AddressHalves.high(fields.source(), fields.offset(slot), fields.length(slot)));
            case Column.ADDRESS_LOW -> out.putLong(AddressHalves.low(fields.source(), fields.offset(slot), fields.length(slot)));
            case Column.TIMESTAMP -> {
                out.putLong(micros(fields.number(slot)));
                out.put((byte) 't');
                return;
            }
            default -> out.putLong(fields.number(slot));
        }
        out.put((byte) 'i');
    }

    /** Unix seconds (uint64) to microseconds, capped at {@link #MAX_SECONDS}. */
    static long micros(long seconds) {
        return (seconds < 0 || seconds > MAX_SECONDS ? MAX_SECONDS : seconds) * 1_000_000L;
    }

    private static byte[] escaped(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        LineBuffer buffer = new LineBuffer(raw.length * 2);
        buffer.putEscaped(raw, 0, raw.length);
        byte[] result = new byte[buffer.size()];
        System.arraycopy(buffer.array(), 0, result, 0, result.length);
        return result;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A column of the line: its prefix ({@code ,name=}) and the slot of the field it is filled from. */
    private static final class Column {
        static final int NUMBER = 0;
        static final int PARTITION = 1;
        static final int OFFSET = 2;
        static final int ADDRESS_HIGH = 3;
        static final int ADDRESS_LOW = 4;
        static final int TIMESTAMP = 5;

        final FlowsColumn column;
        final byte[] prefix;
        final int slot;
        /** How a number column is written, decided once: appending runs per flow and column. */
        final int kind;

        Column(FlowsColumn column, byte[] prefix) {
            this.column = column;
            this.prefix = prefix;
            this.slot = column.field() == null ? -1 : StoredFields.slotOf(column.field());
            this.kind = kindOf(column);
        }

        private static int kindOf(FlowsColumn column) {
            if (column == FlowsColumn.KAFKA_PARTITION) {
                return PARTITION;
            }
            if (column == FlowsColumn.KAFKA_OFFSET) {
                return OFFSET;
            }
            if (column.type() == ColumnType.ADDRESS_HALF) {
                return column.isAddressHigh() ? ADDRESS_HIGH : ADDRESS_LOW;
            }
            return column.type() == ColumnType.TIMESTAMP ? TIMESTAMP : NUMBER;
        }
    }
}
