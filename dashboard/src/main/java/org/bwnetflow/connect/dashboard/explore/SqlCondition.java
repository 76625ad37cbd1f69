package org.bwnetflow.connect.dashboard.explore;

import java.util.List;

/**
 * A boolean SQL condition over the raw flows table's column names with {@code ?} placeholders, and
 * the values bound to them in order (Long or String). No value ever appears in {@link #sql()}.
 */
public record SqlCondition(String sql, List<Object> parameters) {

    /** The condition every row meets (an empty filter). */
    public static final SqlCondition ALL = new SqlCondition("", List.of());

    public SqlCondition {
        parameters = List.copyOf(parameters);
    }

    public boolean isAll() {
        return sql.isEmpty();
    }
}
