package org.bwnetflow.connect.dashboard.explore;

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
 * (N + 1) per bucket for the series, (N + 1)² per pair of levels for the Sankey.
 */
public final class Explorer {

    /** Bucket lengths a series may have, each dividing a day (so buckets start at multiples of it). */
    static final long[] STEPS = {10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    /** Most buckets a series has: the shortest step that keeps below it. */
    static final int MAX_BUCKETS = 200;
    static final String OTHER = "other";

    private final PgDatabase database;
    private final ExploreSql sql;

    public Explorer(PgDatabase database, String table) {
        this.database = database;
        this.sql = new ExploreSql(table);
    }

    public String describe() {
        return database.describe();
    }

    public ExploreView explore(ExploreQuery q, Chart chart) {
        List<List<Object>> values = new ArrayList<>();
        List<Group> groups = top(q, q.dimensions(), q.top(), values);
        Series series = chart == Chart.SERIES ? series(q, groups, values) : null;
        Sankey sankey = chart == Chart.SANKEY ? sankey(q) : null;
        return new ExploreView(q.dimensions().stream().map(Dimension::paramName).toList(), q.metric().paramName(),
                groups, series, sankey);
    }

    /** The top groups over {@code dimensions}; their column values (flat) go into {@code values}. */
    private List<Group> top(ExploreQuery q, List<Dimension> dimensions, int limit, List<List<Object>> values) {
        ExploreSql.Statement statement = sql.top(q, dimensions, limit);
        int columns = ExploreSql.columns(dimensions).size();
        List<Group> groups = new ArrayList<>();
        for (PgDatabase.Row row : database.query(statement.sql(), statement.parameters())) {
            List<Object> flat = row.values().subList(0, columns);
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

    private Series series(ExploreQuery q, List<Group> groups, List<List<Object>> values) {
        long step = step(q.seconds());
        long first = Math.floorDiv(q.from().getEpochSecond(), step) * step;
        int buckets = (int) ((q.to().getEpochSecond() - 1 - first) / step + 1);
        long[][] sums = new long[groups.size() + 1][buckets]; // the last: "other"
        boolean otherSeen = false;
        ExploreSql.Statement statement = sql.series(q, values, step);
        for (PgDatabase.Row row : database.query(statement.sql(), statement.parameters())) {
            int bucket = (int) ((((Instant) row.get(0)).getEpochSecond() - first) / step);
            int g = (int) row.count(1);
            if (bucket >= 0 && bucket < buckets) {
                sums[g < 0 ? groups.size() : g][bucket] += row.count(2);
                otherSeen |= g < 0;
            }
        }
        List<GroupSeries> series = new ArrayList<>();
        for (int g = 0; g <= groups.size(); g++) {
            if (g == groups.size() && !otherSeen) {
                break;
            }
            List<long[]> points = new ArrayList<>(buckets);
            for (int b = 0; b < buckets; b++) {
                points.add(new long[] {first + b * step, sums[g][b]});
            }
            Group group = g < groups.size() ? groups.get(g) : null;
            series.add(group == null ? new GroupSeries(OTHER, null, null, points)
                    : new GroupSeries(String.join(" / ", group.keys().stream().map(String::valueOf).toList()),
                            group.keys(), group.condition(), points));
        }
        return new Series(step, series);
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

    private Sankey sankey(ExploreQuery q) {
        List<Dimension> levels = q.dimensions();
        if (levels.size() < 2 || levels.size() > 3) {
            throw new IllegalArgumentException("a Sankey diagram is of two or three dimensions, got " + levels.size());
        }
        List<List<List<Object>>> topValues = new ArrayList<>();
        List<List<Group>> topGroups = new ArrayList<>();
        for (Dimension level : levels) {
            List<List<Object>> values = new ArrayList<>();
            topGroups.add(top(q, List.of(level), q.top(), values));
            topValues.add(values);
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Link> links = new ArrayList<>();
        for (int level = 0; level + 1 < levels.size(); level++) {
            ExploreSql.Statement statement = sql.link(q, levels.get(level), topValues.get(level), levels.get(level + 1),
                    topValues.get(level + 1));
            Map<String, Long> sums = new HashMap<>();
            for (PgDatabase.Row row : database.query(statement.sql(), statement.parameters())) {
                Node source = node(nodes, level, levels.get(level), topGroups.get(level), (int) row.count(0));
                Node target = node(nodes, level + 1, levels.get(level + 1), topGroups.get(level + 1), (int) row.count(1));
                sums.merge(source.id() + "\n" + target.id(), row.count(2), Long::sum);
            }
            sums.forEach((pair, value) -> {
                String[] ends = pair.split("\n");
                links.add(new Link(ends[0], ends[1], value));
            });
        }
        links.sort((a, b) -> Long.compare(b.value(), a.value()));
        return new Sankey(new ArrayList<>(nodes.values()), links);
    }

    private static Node node(Map<String, Node> nodes, int level, Dimension dimension, List<Group> top, int index) {
        String id = level + ":" + (index < 0 ? OTHER : top.get(index).keys().get(0));
        return nodes.computeIfAbsent(id, key -> index < 0 ? new Node(key, level, dimension.paramName(), null, OTHER, null)
                : new Node(key, level, dimension.paramName(), top.get(index).keys().get(0),
                        top.get(index).labels().get(0), top.get(index).condition()));
    }
}
