package org.bwnetflow.connect.dashboard.explore;

import java.time.Instant;
import java.util.List;

/**
 * One view of the explorer: the raw flows of {@code [from, to)} that meet {@code filter} (and, for a
 * customer's login, have its {@code cid}, whatever the filter says), grouped by {@code dimensions},
 * the {@code top} largest groups by {@code metric}.
 *
 * @param cid the customer the login is for, or null for an operator (every customer)
 */
public record ExploreQuery(Instant from, Instant to, Long cid, SqlCondition filter, List<Dimension> dimensions,
                           int top, Metric metric) {

    /** Most groups a view ranks. */
    public static final int MAX_TOP = 50;

    public ExploreQuery {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("group by one dimension at least");
        }
        if (dimensions.size() != dimensions.stream().distinct().count()) {
            throw new IllegalArgumentException("each dimension once");
        }
        if (top < 1 || top > MAX_TOP) {
            throw new IllegalArgumentException("top must be 1 to " + MAX_TOP + ", got " + top);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must lie before to");
        }
    }

    public long seconds() {
        return to.getEpochSecond() - from.getEpochSecond();
    }
}
