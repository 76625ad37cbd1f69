package org.bwnetflow.connect.dashboard.explore;

import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.model.table.FlowsColumn;

/**
 * The explorer's SQL over the raw flows table: every name in it is a {@link FlowsColumn}'s or one of
 * this class's aliases, every value a bound parameter, every number (limits, bucket seconds) one this
 * class was given as an int. The customer condition comes first and stands outside the filter's
 * parentheses, so no filter can widen it.
 */
final class ExploreSql {

    static final String TS = FlowsColumn.TS.columnName();

    private final String table;

    ExploreSql(String table) {
        this.table = table;
    }

    /** A statement and its parameters in order. */
    record Statement(String sql, List<Object> parameters) {
    }

    /** The largest {@code limit} groups over the query's dimensions, with every metric's total. */
    Statement top(ExploreQuery q, List<Dimension> dimensions, int limit) {
        List<Object> parameters = new ArrayList<>();
        String keys = String.join(", ", columns(dimensions));
        String sql = "SELECT " + keys + ", sum(bytes) b, sum(packets) p, count() f FROM " + table + where(q, parameters)
                + " GROUP BY " + keys + " ORDER BY " + rank(q.metric()) + " DESC LIMIT " + limit;
        return new Statement(sql, parameters);
    }

    /**
     * The metric per bucket of {@code stepSeconds} for each of {@code groups} (column g: the group's
     * index) and for everything else (g = -1, "other").
     */
    Statement series(ExploreQuery q, List<List<Object>> groups, long stepSeconds) {
        List<Object> parameters = new ArrayList<>();
        String which = caseOf(q.dimensions(), groups, parameters);
        String sql = "SELECT " + TS + ", " + which + " g, " + q.metric().aggregate() + " m FROM " + table
                + where(q, parameters) + " SAMPLE BY " + stepSeconds + "s";
        return new Statement(sql, parameters);
    }

    /**
     * The metric between two levels of a Sankey diagram: a = the index of the first dimension's value
     * among {@code fromValues} (-1 for any other), b likewise for the second.
     */
    Statement link(ExploreQuery q, Dimension from, List<List<Object>> fromValues, Dimension to,
                   List<List<Object>> toValues) {
        List<Object> parameters = new ArrayList<>();
        String a = caseOf(List.of(from), fromValues, parameters);
        String b = caseOf(List.of(to), toValues, parameters);
        String sql = "SELECT " + a + " a, " + b + " b, " + q.metric().aggregate() + " m FROM " + table
                + where(q, parameters);
        return new Statement(sql, parameters);
    }

    private static String rank(Metric metric) {
        return switch (metric) {
            case BYTES -> "b";
            case PACKETS -> "p";
            case FLOWS -> "f";
        };
    }

    /** {@code CASE WHEN <group 0> THEN 0 ... ELSE -1 END}; a group's values flat over its dimensions' columns. */
    private static String caseOf(List<Dimension> dimensions, List<List<Object>> groups, List<Object> parameters) {
        if (groups.isEmpty()) {
            return "-1";
        }
        List<String> columns = columns(dimensions);
        StringBuilder sql = new StringBuilder("CASE");
        for (int g = 0; g < groups.size(); g++) {
            List<Object> values = groups.get(g);
            sql.append(" WHEN ");
            for (int c = 0; c < columns.size(); c++) {
                sql.append(c == 0 ? "" : " AND ").append(columns.get(c));
                if (values.get(c) == null) {
                    sql.append(" IS NULL");
                } else {
                    sql.append(" = ?");
                    parameters.add(values.get(c));
                }
            }
            sql.append(" THEN ").append(g);
        }
        return sql.append(" ELSE -1 END").toString();
    }

    static List<String> columns(List<Dimension> dimensions) {
        List<String> columns = new ArrayList<>();
        for (Dimension dimension : dimensions) {
            dimension.columns().forEach(column -> columns.add(column.columnName()));
        }
        return columns;
    }

    /** The range, the customer (first, outside the filter's parentheses), then the filter. */
    private static String where(ExploreQuery q, List<Object> parameters) {
        parameters.add(q.from());
        parameters.add(q.to());
        StringBuilder sql = new StringBuilder(" WHERE " + TS + " >= ? AND " + TS + " < ?");
        if (q.cid() != null) {
            sql.append(" AND ").append(FlowsColumn.CID.columnName()).append(" = ?");
            parameters.add(q.cid());
        }
        if (!q.filter().isAll()) {
            sql.append(" AND (").append(q.filter().sql()).append(')');
            parameters.addAll(q.filter().parameters());
        }
        return sql.toString();
    }
}
