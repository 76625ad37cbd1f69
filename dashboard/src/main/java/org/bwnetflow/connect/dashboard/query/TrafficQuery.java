package org.bwnetflow.connect.dashboard.query;

import java.time.Instant;
import java.util.Locale;

/**
 * What to read: a measurement over [{@code from}, {@code to}), totalled or split by one of its
 * tags ({@code split} null for the total), in buckets of {@code stepSeconds}, for one customer
 * or all ({@code cid} null), at most {@code limit} keys (the largest by bytes).
 */
public record TrafficQuery(Measurement measurement, String split, Instant from, Instant to, long stepSeconds, Long cid,
                           int limit) {

    /** The most buckets a series may have: enough for a day at 10 s, few enough for a browser. */
    public static final long MAX_BUCKETS = 10_000;
    /**
     * The most points an answer of series may hold (buckets × series, "other" included): about
     * 3 MB of JSON, and what the dashboard holds of it at once; the page asks for about 300
     * buckets × 9 series per chart.
     */
    public static final long MAX_POINTS = 50_000;

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

    /**
     * This query as series: an error naming the bound when it would have more than
     * {@link #MAX_BUCKETS} buckets, or more than {@link #MAX_POINTS} points in its
     * {@code limit} series and "other".
     */
    public TrafficQuery requireSeriesSize() {
        long buckets = buckets();
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("from " + from + " to " + to + " in steps of " + stepSeconds
                    + " s is more than " + MAX_BUCKETS + " buckets; choose a longer step");
        }
        long points = buckets * (limit + 1L);
        if (points > MAX_POINTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "from %s to %s in steps of %d s with limit %d "
                    + "is %,d buckets × %d series = %,d points, more than %,d; choose a longer step or a smaller limit",
                    from, to, stepSeconds, limit, buckets, limit + 1, points, MAX_POINTS));
        }
        return this;
    }

    /** The first bucket's start (Unix seconds): the range's start rounded down to a whole step. */
    public long firstBucket() {
        return Math.floorDiv(from.getEpochSecond(), stepSeconds) * stepSeconds;
    }

    /** The number of buckets from {@link #firstBucket()} to the end of the range (at least 1). */
    public long buckets() {
        long span = to.getEpochSecond() - firstBucket();
        return Math.max(1, span / stepSeconds + (span % stepSeconds == 0 ? 0 : 1));
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
