package org.bwnetflow.connect.dashboard.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Turns rows of (bucket time, key, bytes, packets) into one series per key on the query's full
 * grid of buckets (missing buckets are zero traffic: the sink writes only windows that had any),
 * keeping the {@code limit} largest keys by bytes (or flows) and adding the rest up as "other".
 * Counts add up saturating at Long.MAX_VALUE, rates are computed in floating point: a counter the
 * sink saturated shows as a huge rate, never a negative one.
 */
final class SeriesBuilder {

    static final String OTHER = "other";

    private final TrafficQuery query;
    private final long first;
    private final int buckets;
    private final Map<String, long[][]> byKey = new HashMap<>();

    SeriesBuilder(TrafficQuery query) {
        this.query = query;
        this.first = query.firstBucket();
        this.buckets = (int) query.buckets(); // at most TrafficQuery.MAX_BUCKETS: requireSeriesSize() came first
    }

    /** Adds a row; its time is put into the bucket it falls in (databases align buckets their own way). */
    void add(String key, long epochSecond, long bytes, long packets) {
        int bucket = (int) ((Math.floorDiv(epochSecond, query.stepSeconds()) * query.stepSeconds() - first)
                / query.stepSeconds());
        if (bucket < 0 || bucket >= buckets) {
            return;
        }
        long[][] counts = byKey.computeIfAbsent(key, k -> new long[2][buckets]);
        counts[0][bucket] = Saturating.add(counts[0][bucket], bytes);
        counts[1][bucket] = Saturating.add(counts[1][bucket], packets);
    }

    /** Bits/s and packets/s per key (the counts added as bytes and packets). */
    List<Series> build() {
        return build(this::series);
    }

    /** Flows/s per key (the counts added as flows and 0), for the sources' ingest health. */
    List<Ingest.ExporterSeries> buildFlowRates() {
        return build((key, counts) -> {
            List<Ingest.FlowRate> points = new ArrayList<>(buckets);
            for (int b = 0; b < buckets; b++) {
                points.add(new Ingest.FlowRate(first + b * query.stepSeconds(), counts[0][b] / (double) query.stepSeconds()));
            }
            return new Ingest.ExporterSeries(key, points);
        });
    }

    /**
     * The {@code limit} largest keys by their first count, then "other": the rest, and a key that
     * already was "other" in the data (the source's own "other" exporters), so there is one.
     */
    private <S> List<S> build(BiFunction<String, long[][], S> toSeries) {
        List<Map.Entry<String, long[][]>> keys = new ArrayList<>(byKey.entrySet());
        keys.sort(Comparator.comparingLong((Map.Entry<String, long[][]> e) -> -sum(e.getValue()[0]))
                .thenComparing(Map.Entry::getKey));
        List<S> series = new ArrayList<>();
        long[][] data = byKey.get(OTHER);
        long[][] other = data == null ? null : new long[][] {data[0].clone(), data[1].clone()};
        for (Map.Entry<String, long[][]> key : keys) {
            if (key.getKey().equals(OTHER)) {
                continue;
            }
            if (series.size() < query.limit()) {
                series.add(toSeries.apply(key.getKey(), key.getValue()));
            } else {
                other = other == null ? new long[2][buckets] : other;
                for (int b = 0; b < buckets; b++) {
                    other[0][b] = Saturating.add(other[0][b], key.getValue()[0][b]);
                    other[1][b] = Saturating.add(other[1][b], key.getValue()[1][b]);
                }
            }
        }
        if (other != null) {
            series.add(toSeries.apply(OTHER, other));
        }
        return series;
    }

    private Series series(String key, long[][] counts) {
        List<Point> points = new ArrayList<>(buckets);
        double step = query.stepSeconds();
        for (int b = 0; b < buckets; b++) {
            points.add(new Point(first + b * query.stepSeconds(), counts[0][b] * 8.0 / step, counts[1][b] / step));
        }
        return new Series(key, points);
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum = Saturating.add(sum, v);
        }
        return sum;
    }
}
