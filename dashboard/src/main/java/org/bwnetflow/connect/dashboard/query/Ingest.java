package org.bwnetflow.connect.dashboard.query;

import java.util.Comparator;
import java.util.List;

/**
 * The sources' ingest health over a range ({@link Measurement#INGEST}): flows/s per exporter per
 * bucket (the largest exporters, the rest as "other"), what each exporter brought over the whole
 * range, and the source tasks' own counters summed over tasks. The tasks' own rows
 * ({@value Measurement#TASK_ROW}) are only in {@link #tasks}: their flows are the exporters' again.
 */
public record Ingest(List<ExporterSeries> flowsPerSecond, List<Exporter> exporters, Tasks tasks) {

    /** "other" (exporters without a row of their own at the source) last, else the most flows first. */
    private static final Comparator<Exporter> ORDER = Comparator
            .comparing((Exporter e) -> SeriesBuilder.OTHER.equals(e.exporter()))
            .thenComparing(Comparator.comparingLong(Exporter::flows).reversed())
            .thenComparing(Exporter::exporter);

    public Ingest {
        exporters = exporters.stream().sorted(ORDER).toList();
    }

    /** One bucket of an exporter's series: its start (Unix seconds) and the flows per second over it. */
    public record FlowRate(long epochSecond, double flowsPerSecond) {
    }

    /** The buckets of one exporter (an address, or "other"), every bucket of the range present. */
    public record ExporterSeries(String key, List<FlowRate> points) {
    }

    /**
     * What one exporter brought over the range: counts, the rates they make over its length, the
     * flows whose time lay beyond the source's clock tolerance (its clock is wrong), and when the
     * last report in the range that had it sending was made (Unix seconds): an exporter that went
     * silent stops getting rows.
     */
    public record Exporter(String exporter, long flows, long datagrams, double flowsPerSecond, double datagramsPerSecond,
                           long sequenceGaps, long sequenceMissing, long clockSkewed, long lastReport) {

        /** The counts of an exporter over a range of {@code seconds}, in the order of {@link #COUNTS}. */
        static Exporter of(String exporter, long[] c, long lastReport, long seconds) {
            return new Exporter(exporter, c[0], c[1], c[0] / (double) seconds, c[1] / (double) seconds, c[2], c[3], c[4],
                    lastReport);
        }
    }

    /** The columns (fields) of an exporter's counts, as {@link Exporter#of} takes them. */
    static final List<String> COUNTS = List.of("flows", "datagrams", "sequence_gaps", "sequence_missing", "clock_skewed");

    /** The source tasks' own counters (their {@value Measurement#TASK_ROW} rows), summed over tasks and range. */
    public record Tasks(long datagramsReceived, long kernelDrops, long notAllowed, long malformed, long templateMisses) {
    }
}
