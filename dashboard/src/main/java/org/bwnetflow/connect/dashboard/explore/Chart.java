package org.bwnetflow.connect.dashboard.explore;

import java.util.Locale;

/** What a view draws besides the table of its top groups. */
public enum Chart {
    /** Only the table. */
    TABLE,
    /** The metric over time of each top group, the rest as "other". */
    SERIES,
    /** Links between the values of two or three dimensions, the top values of each level. */
    SANKEY;

    public String paramName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Chart named(String name) {
        for (Chart chart : values()) {
            if (chart.paramName().equals(name)) {
                return chart;
            }
        }
        throw new IllegalArgumentException("chart must be table, series or sankey");
    }
}
