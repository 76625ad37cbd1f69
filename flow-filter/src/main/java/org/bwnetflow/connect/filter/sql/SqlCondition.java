package org.bwnetflow.connect.filter.sql;

import java.util.List;

/**
 * A boolean SQL expression on the raw flows table and its parameters: {@code sql} holds only column names of
 * {@link org.bwnetflow.connect.model.table.FlowsColumn}, operators, parentheses and {@code ?}; {@code parameters}
 * holds the values ({@link Long} or {@link String}) in placeholder order, to be bound to a prepared statement.
 */
public record SqlCondition(String sql, List<Object> parameters) {

    public SqlCondition {
        parameters = List.copyOf(parameters);
    }
}
