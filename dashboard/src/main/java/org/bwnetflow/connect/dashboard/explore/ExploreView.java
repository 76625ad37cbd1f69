package org.bwnetflow.connect.dashboard.explore;

import java.util.List;

/**
 * What the explorer answers for one view (JSON as it is): the top groups, and the series or the
 * Sankey diagram when asked for. {@code condition} is the group's condition in the filter language
 * (what a click adds to the filter), null when the language cannot say it.
 */
public record ExploreView(List<String> dimensions, String metric, List<Group> groups, Series series, Sankey sankey) {

    /** One group: its value per dimension as text, a name per value where one exists, its totals. */
    public record Group(List<String> keys, List<String> labels, String condition, long bytes, long packets,
                        long flows) {
    }

    /** The metric per bucket ({@code [epochSecond, value]}) of each top group, "other" (keys null) last. */
    public record Series(long stepSeconds, List<GroupSeries> groups) {
    }

    public record GroupSeries(String name, List<String> keys, String condition, List<long[]> points) {
    }

    /** Nodes per level (dimension), links between adjacent levels. */
    public record Sankey(List<Node> nodes, List<Link> links) {
    }

    /** {@code id} is unique across levels; {@code key} null for a level's "other". */
    public record Node(String id, int level, String dimension, String key, String label, String condition) {
    }

    public record Link(String source, String target, long value) {
    }
}
