package org.bwnetflow.connect.model.table;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The raw flows table's DDL: columns of {@link FlowsColumn}, partitioned by hour, deduplicated on
 * the record's timestamp, topic, partition and offset, and kept for a time to live (QuestDB drops
 * whole partitions older than that).
 */
public final class FlowsTable {

    /** The table's name in the local stack. */
    public static final String DEFAULT_NAME = "flows_raw";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private FlowsTable() {
    }

    /** Whether a table name is safe to put into SQL unquoted (lower-case letters, digits, underscores). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** {@code CREATE TABLE IF NOT EXISTS} for the table, keeping partitions for {@code retentionHours}. */
    public static String createStatement(String name, int retentionHours) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("table name '" + name + "' is not lower-case letters, digits and _");
        }
        checkRetention(retentionHours);
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name).append(" (");
        FlowsColumn[] columns = FlowsColumn.all();
        for (int i = 0; i < columns.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(columns[i].columnName()).append(' ')
                    .append(columns[i].type().sqlType());
        }
        return sql.append(") TIMESTAMP(").append(FlowsColumn.TS.columnName()).append(") PARTITION BY HOUR TTL ")
                .append(retentionHours).append(" HOURS WAL DEDUP UPSERT KEYS(")
                .append(FlowsColumn.TS.columnName()).append(", ").append(FlowsColumn.KAFKA_TOPIC.columnName())
                .append(", ").append(FlowsColumn.KAFKA_PARTITION.columnName()).append(", ")
                .append(FlowsColumn.KAFKA_OFFSET.columnName()).append(')').toString();
    }

    /** {@code ALTER TABLE ... SET TTL}: how a changed retention reaches an existing table. */
    public static String retentionStatement(String name, int retentionHours) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("table name '" + name + "' is not lower-case letters, digits and _");
        }
        checkRetention(retentionHours);
        return String.format(Locale.ROOT, "ALTER TABLE %s SET TTL %d HOURS", name, retentionHours);
    }

    /**
     * {@code ALTER TABLE ... DEDUP ENABLE UPSERT KEYS(...)}: the deduplication keys on a table that exists already,
     * e.g. one that line protocol created on a first write (without keys), so that a replay still replaces its rows.
     */
    public static String dedupStatement(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("table name '" + name + "' is not lower-case letters, digits and _");
        }
        return "ALTER TABLE " + name + " DEDUP ENABLE UPSERT KEYS(" + FlowsColumn.TS.columnName() + ", "
                + FlowsColumn.KAFKA_TOPIC.columnName() + ", " + FlowsColumn.KAFKA_PARTITION.columnName() + ", "
                + FlowsColumn.KAFKA_OFFSET.columnName() + ")";
    }

    /** The create statement checked it and the alter statement did not: a TTL of 0 would turn retention off. */
    private static void checkRetention(int retentionHours) {
        if (retentionHours < 1) {
            throw new IllegalArgumentException("retention is at least one hour");
        }
    }
}
