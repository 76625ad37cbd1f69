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

    /** The metric over every flow of the view: what the Sankey diagram's "other" links are the rest of. */
    Statement total(ExploreQuery q) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT " + q.metric().aggregate() + " m FROM " + table + where(q, parameters);
        return new Statement(sql, parameters);
    }

    /** The metric per bucket of {@code stepSeconds} over every flow of the view (the series' total). */
    Statement seriesTotal(ExploreQuery q, long stepSeconds) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT " + TS + ", " + q.metric().aggregate() + " m FROM " + table + where(q, parameters)
                + " SAMPLE BY " + stepSeconds + "s";
        return new Statement(sql, parameters);
    }

    /**
     * The metric per bucket of {@code stepSeconds} and group, of the flows in one of {@code groups}
     * only (their values flat over the dimensions' columns): at most groups x buckets rows.
     */
    Statement seriesOf(ExploreQuery q, List<List<Object>> groups, long stepSeconds) {
        List<Object> parameters = new ArrayList<>();
        List<String> columns = columns(q.dimensions());
        String where = where(q, parameters) + " AND " + anyOf(columns, groups, parameters);
        String sql = "SELECT " + TS + ", " + String.join(", ", columns) + ", " + q.metric().aggregate() + " m FROM "
                + table + where + " SAMPLE BY " + stepSeconds + "s";
        return new Statement(sql, parameters);
    }

    /**
     * The metric between two levels of a Sankey diagram, of the flows whose first dimension has one of
     * {@code fromValues} and whose second one of {@code toValues}: at most |from| x |to| rows. The
     * links from or to "other" follow from these and the levels' totals; asking for them here would
     * group every flow by a computed key.
     */
    Statement link(ExploreQuery q, Dimension from, List<List<Object>> fromValues, Dimension to,
                   List<List<Object>> toValues) {
        List<Object> parameters = new ArrayList<>();
        List<String> fromColumns = columns(List.of(from));
        List<String> toColumns = columns(List.of(to));
        String where = where(q, parameters) + " AND " + anyOf(fromColumns, fromValues, parameters) + " AND "
                + anyOf(toColumns, toValues, parameters);
        String keys = String.join(", ", fromColumns) + ", " + String.join(", ", toColumns);
        String sql = "SELECT " + keys + ", " + q.metric().aggregate() + " m FROM " + table + where + " GROUP BY " + keys;
        return new Statement(sql, parameters);
    }

    private static String rank(Metric metric) {
        return switch (metric) {
            case BYTES -> "b";
            case PACKETS -> "p";
            case FLOWS -> "f";
        };
    }

    /**
     * {@code ((a = ? AND b = ?) OR (...))}: a flow has one of {@code groups}' values (each flat over
     * {@code columns}). Comparisons and OR only, so that QuestDB compiles the filter (JIT).
     */
    private static String anyOf(List<String> columns, List<List<Object>> groups, List<Object> parameters) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no groups to ask for");
        }
        StringBuilder sql = new StringBuilder("(");
        for (int g = 0; g < groups.size(); g++) {
            List<Object> values = groups.get(g);
            sql.append(g == 0 ? "(" : " OR (");
            for (int c = 0; c < columns.size(); c++) {
                sql.append(c == 0 ? "" : " AND ").append(columns.get(c));
                if (values.get(c) == null) {
                    sql.append(" IS NULL");
                } else {
                    sql.append(" = ?");
                    parameters.add(values.get(c));
                }
            }
            sql.append(')');
        }
        return sql.append(')').toString();
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
