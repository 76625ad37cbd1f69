package org.bwnetflow.connect.influx.health;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.model.IngestHealth;

/**
 * Maps an ingest health record ({@link IngestHealth}) to one point, as it is: tags {@code connector},
 * {@code task} and {@code exporter}, a long field per counter and the interval's length, at the
 * time it was reported. Field names are the record's in snake case ({@code SequenceGaps} →
 * {@code sequence_gaps}), the columns of QuestDB's {@code ingest} table.
 */
public final class IngestPoints {

    public static final String CONNECTOR_TAG = "connector";
    public static final String TASK_TAG = "task";
    public static final String EXPORTER_TAG = "exporter";
    /** The fields written, in order: record field → column. */
    public static final Map<String, String> FIELDS = fields();

    private final String measurement;

    public IngestPoints(String measurement) {
        this.measurement = measurement;
    }

    /**
     * The point of a health record.
     *
     * @throws DataException when an identifying field is empty (line protocol cannot carry an empty tag)
     */
    public Point toPoint(Struct health) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put(CONNECTOR_TAG, health.getString(IngestHealth.CONNECTOR));
        tags.put(TASK_TAG, String.valueOf(health.getInt32(IngestHealth.TASK)));
        tags.put(EXPORTER_TAG, health.getString(IngestHealth.EXPORTER));
        Map<String, Long> values = new LinkedHashMap<>();
        FIELDS.forEach((field, column) -> values.put(column, health.getInt64(field)));
        try {
            return new Point(measurement, tags, values, health.getInt64(IngestHealth.TIME_REPORTED));
        } catch (IllegalArgumentException e) {
            throw new DataException("Ingest health record without " + e.getMessage() + ": " + health, e);
        }
    }

    /** {@code SequenceGaps} → {@code sequence_gaps}. */
    static String column(String field) {
        StringBuilder column = new StringBuilder(field.length() + 4);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                column.append('_');
            }
            column.append(Character.toLowerCase(c));
        }
        return column.toString();
    }

    private static Map<String, String> fields() {
        List<String> names = new ArrayList<>();
        names.add(IngestHealth.INTERVAL_MS);
        names.addAll(IngestHealth.COUNTERS);
        Map<String, String> fields = new LinkedHashMap<>();
        names.forEach(name -> fields.put(name, column(name)));
        return Collections.unmodifiableMap(fields);
    }
}
