package org.bwnetflow.connect.flowctl.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The table {@code flowctl_offsets} (topic, partition, next_offset): where each partition's next
 * row starts, written in the same transaction as the rows, so the database always says exactly
 * which records it holds.
 */
final class OffsetTable implements AutoCloseable {

    private final PreparedStatement upsert;

    /** Creates the table if missing, on a connection without auto-commit. */
    OffsetTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS flowctl_offsets (topic TEXT NOT NULL, "
                    + "partition INTEGER NOT NULL, next_offset INTEGER NOT NULL, PRIMARY KEY (topic, partition))");
        }
        connection.commit();
        upsert = connection.prepareStatement("INSERT INTO flowctl_offsets (topic, partition, next_offset) "
                + "VALUES (?, ?, ?) ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset");
    }

    /** Every partition's next offset as committed. */
    static Map<TopicPartition, Long> read(Connection connection) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT topic, partition, next_offset FROM flowctl_offsets")) {
            while (rows.next()) {
                offsets.put(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
            }
        }
        return offsets;
    }

    /** Sets the partitions' next offsets in the connection's open transaction (the caller commits). */
    void write(Map<TopicPartition, Long> offsets) throws SQLException {
        for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
            upsert.setString(1, e.getKey().topic());
            upsert.setInt(2, e.getKey().partition());
            upsert.setLong(3, e.getValue());
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    @Override
    public void close() throws SQLException {
        upsert.close();
    }
}
