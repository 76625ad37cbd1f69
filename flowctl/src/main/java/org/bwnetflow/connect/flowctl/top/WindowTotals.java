package org.bwnetflow.connect.flowctl.top;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The traffic of one window: the total, the split by each dimension, and the seconds it covers. */
final class WindowTotals {

    /** One row of a top list. */
    record Row(String label, Volume volume) {
    }

    private final Volume total;
    private final Map<Dimension, Map<String, Volume>> split;
    private final long seconds;

    WindowTotals(Volume total, Map<Dimension, Map<String, Volume>> split, long seconds) {
        this.total = total;
        this.split = split;
        this.seconds = seconds;
    }

    Volume total() {
        return total;
    }

    /** Seconds the rates are averaged over. */
    long seconds() {
        return seconds;
    }

    /** How many labels the dimension has in this window. */
    int labels(Dimension dimension) {
        return split.get(dimension).size();
    }

    /** The {@code n} largest labels of a dimension by the sort key, ties by label. */
    List<Row> top(Dimension dimension, SortKey sort, int n) {
        return split.get(dimension).entrySet().stream()
                .map(e -> new Row(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong((Row r) -> sort.of(r.volume())).reversed()
                        .thenComparing(Row::label))
                .limit(n)
                .toList();
    }
}
