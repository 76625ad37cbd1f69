package org.bwnetflow.connect.dashboard.explore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.dashboard.explore.ExploreView.Group;
import org.bwnetflow.connect.dashboard.explore.ExploreView.GroupSeries;
import org.bwnetflow.connect.dashboard.explore.ExploreView.Link;
import org.bwnetflow.connect.dashboard.explore.ExploreView.Node;
import org.bwnetflow.connect.dashboard.explore.ExploreView.Sankey;
import org.bwnetflow.connect.dashboard.explore.ExploreView.Series;

/**
 * The explorer's questions to the raw flows table: the top groups, their series and the Sankey
 * diagram of a view. Every answer is bounded by the view's top N: at most N rows for the groups,
 * N + 1 per bucket for the series, N² per pair of levels for the Sankey. "Other" (everything but the
 * top N) is never grouped by in SQL: it is the view's total less the top groups', which QuestDB
 * computes with a compiled filter instead of a computed key per flow (see docs/BENCHMARKS.md).
 * A view's statements share one {@link Deadline}.
 */
public final class Explorer {

    /** Bucket lengths a series may have, each dividing a day (so buckets start at multiples of it). */
    static final long[] STEPS = {10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    /** Most buckets a series has: the shortest step that keeps below it. */
    static final int MAX_BUCKETS = 200;
    static final String OTHER = "other";

    private final PgDatabase database;
    private final ExploreSql sql;
    private final Duration viewTimeout;

    public Explorer(PgDatabase database, String table) {
        this(database, table, Duration.ofSeconds(PgDatabase.VIEW_TIMEOUT_SECONDS));
    }

    /** {@code viewTimeout}: how long one view may take in all its statements. */
    public Explorer(PgDatabase database, String table, Duration viewTimeout) {
        this.database = database;
        this.sql = new ExploreSql(table);
        this.viewTimeout = viewTimeout;
    }

    public String describe() {
        return database.describe();
    }

    public ExploreView explore(ExploreQuery q, Chart chart) {
        Deadline deadline = Deadline.after(viewTimeout);
        List<List<Object>> values = new ArrayList<>();
        List<Group> groups = top(q, q.dimensions(), q.top(), values, deadline);
        Series series = chart == Chart.SERIES ? series(q, groups, values, deadline) : null;
        Sankey sankey = chart == Chart.SANKEY ? sankey(q, deadline) : null;
        return new ExploreView(q.dimensions().stream().map(Dimension::paramName).toList(), q.metric().paramName(),
                groups, series, sankey);
    }

    /** The top groups over {@code dimensions}; their column values (flat) go into {@code values}. */
    private List<Group> top(ExploreQuery q, List<Dimension> dimensions, int limit, List<List<Object>> values,
                            Deadline deadline) {
        ExploreSql.Statement statement = sql.top(q, dimensions, limit);
        int columns = ExploreSql.columns(dimensions).size();
        List<Group> groups = new ArrayList<>();
        for (PgDatabase.Row row : database.query(statement.sql(), statement.parameters(), deadline)) {
            List<Object> flat = new ArrayList<>(row.values().subList(0, columns));
            values.add(flat);
            groups.add(group(dimensions, flat, row.count(columns), row.count(columns + 1), row.count(columns + 2)));
        }
        return groups;
    }

    private static Group group(List<Dimension> dimensions, List<Object> flat, long bytes, long packets, long flows) {
        List<String> keys = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        int c = 0;
        for (Dimension dimension : dimensions) {
            List<Object> own = flat.subList(c, c + dimension.columns().size());
            c += own.size();
            keys.add(dimension.text(own));
            labels.add(dimension.label(own));
            conditions.add(dimension.drillDown(own));
        }
        String condition = conditions.contains(null) ? null : String.join(" and ", conditions);
        return new Group(keys, labels, condition, bytes, packets, flows);
    }

    private Series series(ExploreQuery q, List<Group> groups, List<List<Object>> values, Deadline deadline) {
        long step = step(q.seconds());
        long first = Math.floorDiv(q.from().getEpochSecond(), step) * step;
        int buckets = (int) ((q.to().getEpochSecond() - 1 - first) / step + 1);
        long[][] sums = bucketSums(q, values, step, first, buckets, deadline);
        int other = groups.size();
        boolean otherSeen = false;
        for (long sum : sums[other]) {
            otherSeen |= sum != 0;
        }
        List<GroupSeries> series = new ArrayList<>();
        for (int g = 0; g < other || g == other && otherSeen; g++) {
            List<long[]> points = new ArrayList<>(buckets);
            for (int b = 0; b < buckets; b++) {
                points.add(new long[] {first + b * step, sums[g][b]});
            }
            Group group = g < other ? groups.get(g) : null;
            series.add(group == null ? new GroupSeries(OTHER, null, null, points)
                    : new GroupSeries(String.join(" / ", group.keys().stream().map(String::valueOf).toList()),
                            group.keys(), group.condition(), points));
        }
        return new Series(step, series);
    }

    /** [g][bucket]: the metric of the g-th top group, the last row "other" (the total less the top groups'). */
    private long[][] bucketSums(ExploreQuery q, List<List<Object>> values, long step, long first, int buckets,
                                Deadline deadline) {
        int other = values.size();
        long[][] sums = new long[other + 1][buckets];
        if (!values.isEmpty()) {
            Map<List<Object>, Integer> index = indexOf(values);
            int columns = values.get(0).size();
            ExploreSql.Statement statement = sql.seriesOf(q, values, step);
            for (PgDatabase.Row row : database.query(statement.sql(), statement.parameters(), deadline)) {
                int bucket = bucket(row, first, step);
                Integer g = index.get(row.values().subList(1, 1 + columns));
                if (g != null && bucket >= 0 && bucket < buckets) {
                    sums[g][bucket] += row.count(1 + columns);
                }
            }
        }
        ExploreSql.Statement total = sql.seriesTotal(q, step);
        for (PgDatabase.Row row : database.query(total.sql(), total.parameters(), deadline)) {
            int bucket = bucket(row, first, step);
            if (bucket >= 0 && bucket < buckets) {
                sums[other][bucket] += row.count(1);
            }
        }
        for (int b = 0; b < buckets; b++) {
            for (int g = 0; g < other; g++) {
                sums[other][b] -= sums[g][b];
            }
        }
        return sums;
    }

    private static int bucket(PgDatabase.Row row, long first, long step) {
        return (int) ((((Instant) row.get(0)).getEpochSecond() - first) / step);
    }

    /** Each group's flat values to its index among the top groups. */
    private static Map<List<Object>, Integer> indexOf(List<List<Object>> values) {
        Map<List<Object>, Integer> index = new HashMap<>();
        for (int g = 0; g < values.size(); g++) {
            index.put(values.get(g), g);
        }
        return index;
    }

    /** The shortest bucket length that gives at most {@link #MAX_BUCKETS} buckets over the range. */
    static long step(long seconds) {
        for (long step : STEPS) {
            if (seconds / step <= MAX_BUCKETS) {
                return step;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    private Sankey sankey(ExploreQuery q, Deadline deadline) {
        List<Dimension> levels = q.dimensions();
        if (levels.size() < 2 || levels.size() > 3) {
            throw new IllegalArgumentException("a Sankey diagram is of two or three dimensions, got " + levels.size());
        }
        List<List<List<Object>>> topValues = new ArrayList<>();
        List<List<Group>> topGroups = new ArrayList<>();
        for (Dimension level : levels) {
            List<List<Object>> values = new ArrayList<>();
            topGroups.add(top(q, List.of(level), q.top(), values, deadline));
            topValues.add(values);
        }
        ExploreSql.Statement totalStatement = sql.total(q);
        List<PgDatabase.Row> totalRows = database.query(totalStatement.sql(), totalStatement.parameters(), deadline);
        long total = totalRows.isEmpty() ? 0 : totalRows.get(0).count(0);
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Link> links = new ArrayList<>();
        for (int level = 0; level + 1 < levels.size(); level++) {
            long[][] sums = linkSums(q, level, topValues, topGroups, total, deadline);
            for (int a = 0; a < sums.length; a++) {
                for (int b = 0; b < sums[a].length; b++) {
                    if (sums[a][b] > 0) {
                        Node source = node(nodes, level, levels.get(level), topGroups.get(level), a);
                        Node target = node(nodes, level + 1, levels.get(level + 1), topGroups.get(level + 1), b);
                        links.add(new Link(source.id(), target.id(), sums[a][b]));
                    }
                }
            }
        }
        links.sort((a, b) -> Long.compare(b.value(), a.value()));
        return new Sankey(new ArrayList<>(nodes.values()), links);
    }

    /**
     * The metric between the values of {@code level} and the next level: [a][b] for the a-th top value
     * and the b-th of the next, the last index of each standing for "other". Only the top-to-top links
     * are asked for; a top value's links to "other" are its total less its links to the top values,
     * and "other" to "other" is what is left of {@code total}.
     */
    private long[][] linkSums(ExploreQuery q, int level, List<List<List<Object>>> topValues,
                              List<List<Group>> topGroups, long total, Deadline deadline) {
        List<Group> from = topGroups.get(level);
        List<Group> to = topGroups.get(level + 1);
        long[][] sums = new long[from.size() + 1][to.size() + 1];
        if (!from.isEmpty() && !to.isEmpty()) {
            Map<List<Object>, Integer> fromIndex = indexOf(topValues.get(level));
            Map<List<Object>, Integer> toIndex = indexOf(topValues.get(level + 1));
            int fromColumns = topValues.get(level).get(0).size();
            int toColumns = topValues.get(level + 1).get(0).size();
            ExploreSql.Statement statement = sql.link(q, q.dimensions().get(level), topValues.get(level),
                    q.dimensions().get(level + 1), topValues.get(level + 1));
            for (PgDatabase.Row row : database.query(statement.sql(), statement.parameters(), deadline)) {
                Integer a = fromIndex.get(row.values().subList(0, fromColumns));
                Integer b = toIndex.get(row.values().subList(fromColumns, fromColumns + toColumns));
                if (a != null && b != null) {
                    sums[a][b] += row.count(fromColumns + toColumns);
                }
            }
        }
        long rest = total;
        for (int a = 0; a < from.size(); a++) {
            long own = metric(q.metric(), from.get(a));
            rest -= own;
            sums[a][to.size()] = own - rowSum(sums[a], to.size());
        }
        for (int b = 0; b < to.size(); b++) {
            long own = metric(q.metric(), to.get(b));
            rest -= own;
            long toTop = 0;
            for (int a = 0; a < from.size(); a++) {
                toTop += sums[a][b];
            }
            sums[from.size()][b] = own - toTop;
            rest += toTop;
        }
        sums[from.size()][to.size()] = rest;
        return sums;
    }

    private static long rowSum(long[] row, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += row[i];
        }
        return sum;
    }

    private static long metric(Metric metric, Group group) {
        return switch (metric) {
            case BYTES -> group.bytes();
            case PACKETS -> group.packets();
            case FLOWS -> group.flows();
        };
    }

    /** The node of the {@code index}-th top value of a level; the index past the last is "other". */
    private static Node node(Map<String, Node> nodes, int level, Dimension dimension, List<Group> top, int index) {
        boolean other = index >= top.size();
        String id = level + ":" + (other ? OTHER : top.get(index).keys().get(0));
        return nodes.computeIfAbsent(id, key -> other ? new Node(key, level, dimension.paramName(), null, OTHER, null)
                : new Node(key, level, dimension.paramName(), top.get(index).keys().get(0),
                        top.get(index).labels().get(0), top.get(index).condition()));
    }
}
