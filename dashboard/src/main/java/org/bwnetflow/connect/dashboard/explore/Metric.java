package org.bwnetflow.connect.dashboard.explore;

import java.util.Locale;

/** What the explorer ranks and plots groups by. */
public enum Metric {
    BYTES("sum(bytes)"),
    PACKETS("sum(packets)"),
    FLOWS("count()");

    private final String aggregate;

    Metric(String aggregate) {
        this.aggregate = aggregate;
    }

    /** The SQL aggregate over the raw flows table. */
    String aggregate() {
        return aggregate;
    }

    public String paramName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric of a request parameter; an error naming the choices otherwise. */
    public static Metric named(String name) {
        for (Metric metric : values()) {
            if (metric.paramName().equals(name)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("metric must be bytes, packets or flows");
    }
}
