package org.bwnetflow.connect.netflow.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.kafka.common.MetricName;
import org.bwnetflow.connect.netflow.decode.ExporterState;

/**
 * Per-exporter metrics with bounded cardinality: exporters with the most decoded flows (at most
 * {@code max}) get their own gauges, tagged {@code exporter=ADDRESS}; everything else, including
 * exporters already forgotten, is summed under {@code exporter=other}. Exporters that never
 * decoded a flow (a spoofed flood) never get gauges of their own.
 *
 * <p>Changed on the poll thread; the {@code other} sums are published as a snapshot that metric
 * readers on other threads can read safely.
 */
final class ExporterMetrics implements AutoCloseable {

    static final String TAG = "exporter";
    static final String OTHER = "other";
    private static final Comparator<ExporterState> BY_FLOWS =
            Comparator.comparingLong(ExporterState::flows).thenComparingLong(ExporterState::datagrams);

    private final SourceMetrics metrics;
    private final int max;
    private final Map<ExporterState, List<MetricName>> tagged = new HashMap<>();
    private final List<MetricName> otherMetrics = new ArrayList<>();
    private final long[] removed = new long[5];
    private volatile long[] other = new long[5];

    ExporterMetrics(SourceMetrics metrics, int max) {
        this.metrics = metrics;
        this.max = max;
        Map<String, String> tags = Map.of(TAG, OTHER);
        otherMetrics.add(metrics.add("exporter-datagrams", "Datagrams from exporters without metrics of their own",
                tags, () -> other[0]));
        otherMetrics.add(metrics.add("exporter-flows", "Flows from exporters without metrics of their own", tags,
                () -> other[1]));
        otherMetrics.add(metrics.add("exporter-sequence-gaps", "Sequence gaps of exporters without metrics of their own",
                tags, () -> other[2]));
        otherMetrics.add(metrics.add("exporter-sequence-missing",
                "Units never received from exporters without metrics of their own", tags, () -> other[3]));
        otherMetrics.add(metrics.add("exporter-clock-skewed",
                "Flows with a time beyond flow.time.tolerance.ms from exporters without metrics of their own", tags,
                () -> other[4]));
    }

    int taggedCount() {
        return tagged.size();
    }

    /** An exporter decoded its first flow: it gets gauges at once while there is room (the rest wait for {@link #rebalance}). */
    void exporterProven(ExporterState exporter) {
        if (tagged.size() < max) {
            tagged.computeIfAbsent(exporter, this::register);
        }
    }

    /** An exporter was forgotten: its gauges go, its totals stay in {@code other}. */
    void exporterRemoved(ExporterState exporter) {
        List<MetricName> names = tagged.remove(exporter);
        if (names != null) {
            names.forEach(metrics::remove);
        }
        add(removed, exporter);
    }

    /** Gives gauges to the top exporters by flows, takes them from the rest, and recomputes {@code other}. */
    void rebalance(List<ExporterState> exporters) {
        Set<ExporterState> top = top(exporters);
        for (ExporterState gone : new ArrayList<>(tagged.keySet())) {
            if (!top.contains(gone)) {
                tagged.remove(gone).forEach(metrics::remove);
            }
        }
        for (ExporterState exporter : top) {
            tagged.computeIfAbsent(exporter, this::register);
        }
        long[] sums = removed.clone();
        for (ExporterState exporter : exporters) {
            if (!tagged.containsKey(exporter)) {
                add(sums, exporter);
            }
        }
        other = sums;
    }

    private static void add(long[] sums, ExporterState exporter) {
        sums[0] += exporter.datagrams();
        sums[1] += exporter.flows();
        sums[2] += exporter.sequenceGaps();
        sums[3] += exporter.sequenceMissing();
        sums[4] += exporter.clockSkewed();
    }

    private Set<ExporterState> top(List<ExporterState> exporters) {
        PriorityQueue<ExporterState> heap = new PriorityQueue<>(Math.max(1, max), BY_FLOWS);
        for (ExporterState exporter : exporters) {
            if (max == 0 || exporter.flows() == 0) {
                continue;
            }
            if (heap.size() < max) {
                heap.add(exporter);
            } else if (BY_FLOWS.compare(exporter, heap.peek()) > 0) {
                heap.poll();
                heap.add(exporter);
            }
        }
        return new HashSet<>(heap);
    }

    private List<MetricName> register(ExporterState exporter) {
        Map<String, String> tags = Map.of(TAG, exporter.address().getHostAddress());
        List<MetricName> names = new ArrayList<>(5);
        names.add(metrics.add("exporter-datagrams", "Datagrams from this exporter", tags, exporter::datagrams));
        names.add(metrics.add("exporter-flows", "Flows from this exporter", tags, exporter::flows));
        names.add(metrics.add("exporter-sequence-gaps", "Sequence gaps of this exporter", tags,
                exporter::sequenceGaps));
        names.add(metrics.add("exporter-sequence-missing", "Units this exporter sent that never arrived", tags,
                exporter::sequenceMissing));
        names.add(metrics.add("exporter-clock-skewed", "Flows of this exporter whose time lay beyond "
                + "flow.time.tolerance.ms from their receive time: its clock is wrong", tags, exporter::clockSkewed));
        return names;
    }

    @Override
    public void close() {
        tagged.values().forEach(names -> names.forEach(metrics::remove));
        tagged.clear();
        otherMetrics.forEach(metrics::remove);
        otherMetrics.clear();
    }
}
