package org.bwnetflow.connect.flowctl.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;

/**
 * The SQLite file of {@code flowctl sqlite}: the flows table and the offsets table, changed only
 * together, one transaction per batch. A crash at any moment leaves the rows and the offsets of the
 * last committed batch (SQLite's journal rolls back the rest on the next open).
 */
final class FlowDatabase implements AutoCloseable {

    private final Connection connection;
    private final FlowTable flows;
    private final OffsetTable offsets;
    private final Map<TopicPartition, Long> stored;

    /** @throws IllegalArgumentException naming an unknown field */
    FlowDatabase(Path file, String fieldNames) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            connection.setAutoCommit(false);
            flows = new FlowTable(connection, fieldNames);
            offsets = new OffsetTable(connection);
            stored = OffsetTable.read(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The next offset of every partition as the database holds it at the start. */
    Map<TopicPartition, Long> storedOffsets() {
        return stored;
    }

    void add(Struct flow) throws SQLException {
        flows.add(flow);
    }

    /** Commits the rows added since the last commit together with the partitions' next offsets. */
    void commit(Map<TopicPartition, Long> nextOffsets) throws SQLException {
        flows.flush();
        offsets.write(nextOffsets);
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            flows.close();
            offsets.close();
        }
    }
}
