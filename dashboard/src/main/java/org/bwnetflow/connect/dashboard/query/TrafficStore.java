package org.bwnetflow.connect.dashboard.query;

import java.util.List;

/** A time-series database holding the Influx sink's measurements, asked in the dashboard's terms. */
public interface TrafficStore {

    /** Rates per bucket for each of the largest keys; buckets without data are zero. */
    List<Series> series(TrafficQuery query);

    /** Totals per key over the range, largest bytes first. */
    List<Total> totals(TrafficQuery query);

    /**
     * The sources' ingest health over the query's range ({@link Measurement#INGEST}, split by
     * exporter): flows/s per bucket of the largest exporters, each exporter's counts, the tasks' own.
     */
    Ingest ingest(TrafficQuery query);

    /** Where the data comes from, for the page and the logs (no credentials). */
    String describe();
}
