package org.bwnetflow.connect.dashboard.query;

import java.time.Instant;

/**
 * What to read: a measurement over [{@code from}, {@code to}), totalled or split by one of its
 * tags ({@code split} null for the total), in buckets of {@code stepSeconds}, for one customer
 * or all ({@code cid} null), at most {@code limit} keys (the largest by bytes).
 */
public record TrafficQuery(Measurement measurement, String split, Instant from, Instant to, long stepSeconds, Long cid,
                           int limit) {

    /** The most buckets a series may have: enough for a day at 10 s, few enough for a browser. */
    public static final long MAX_BUCKETS = 10_000;

    public TrafficQuery {
        if (split != null) {
            split = measurement.tag(split);
        }
        if (cid != null && !measurement.isTraffic()) {
            throw new IllegalArgumentException(measurement.table() + " is not per customer: no cid");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
        if (stepSeconds < 1) {
            throw new IllegalArgumentException("step must be at least 1 second, got " + stepSeconds);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    /** This query as a series: an error when it would have more than {@link #MAX_BUCKETS} buckets. */
    public TrafficQuery requireSeriesSize() {
        if ((to.getEpochSecond() - from.getEpochSecond()) / stepSeconds > MAX_BUCKETS) {
            throw new IllegalArgumentException("from " + from + " to " + to + " in steps of " + stepSeconds
                    + " s is more than " + MAX_BUCKETS + " buckets; choose a longer step");
        }
        return this;
    }

    /** The length of the range in seconds. */
    public long seconds() {
        return Math.max(1, to.getEpochSecond() - from.getEpochSecond());
    }

    /** The same query for one customer. */
    public TrafficQuery forCustomer(long customer) {
        return new TrafficQuery(measurement, split, from, to, stepSeconds, customer, limit);
    }
}
