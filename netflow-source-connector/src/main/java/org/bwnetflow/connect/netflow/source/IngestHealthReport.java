package org.bwnetflow.connect.netflow.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.netflow.decode.DecoderCounters;
import org.bwnetflow.connect.netflow.decode.ExporterState;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;

/**
 * The task's ingest health records: every interval, what each exporter sent since the last report
 * (the {@code max} exporters with the most flows get rows of their own, the rest share one
 * {@value IngestHealth#OTHER_EXPORTERS} row, so spoofed senders cannot multiply the rows) and the
 * task's own row {@value IngestHealth#TASK_ROW}: everything received and decoded, and what was
 * dropped before decoding. Counts are differences between reports, so a database adds them up.
 */
final class IngestHealthReport {

    /** The task-wide counters that are not the decoder's. */
    record TaskTotals(LongSupplier received, LongSupplier notAllowed, LongSupplier kernelDrops,
            LongSupplier clockSkewed) {
    }

    private static final String[] EXPORTER_FIELDS = {IngestHealth.DATAGRAMS, IngestHealth.FLOWS,
        IngestHealth.SEQUENCE_GAPS, IngestHealth.SEQUENCE_MISSING, IngestHealth.CLOCK_SKEWED};
    private static final String[] TASK_FIELDS = {IngestHealth.DATAGRAMS, IngestHealth.FLOWS,
        IngestHealth.SEQUENCE_GAPS, IngestHealth.SEQUENCE_MISSING, IngestHealth.CLOCK_SKEWED,
        IngestHealth.DATAGRAMS_RECEIVED, IngestHealth.NOT_ALLOWED, IngestHealth.MALFORMED, IngestHealth.TEMPLATE_MISSES,
        IngestHealth.KERNEL_DROPS};
    private static final Comparator<Delta> MOST_FLOWS = Comparator.comparingLong((Delta d) -> d.counts[1])
            .thenComparingLong(d -> d.counts[0]).reversed();

    private final String topic;
    private final long intervalMs;
    private final String connector;
    private final int task;
    private final int max;
    private final NetFlowDecoder decoder;
    private final TaskTotals totals;
    /** Each exporter's counts at the last report. */
    private final Map<ExporterState, long[]> reported = new IdentityHashMap<>();
    /** What exporters forgotten since the last report sent after it. */
    private final long[] forgotten = new long[EXPORTER_FIELDS.length];
    private long[] taskReported;
    private long lastReportMs;

    IngestHealthReport(String topic, long intervalMs, String connector, int task, int max, NetFlowDecoder decoder,
            TaskTotals totals, long now) {
        this.topic = topic;
        this.intervalMs = intervalMs;
        this.connector = connector;
        this.task = task;
        this.max = max;
        this.decoder = decoder;
        this.totals = totals;
        this.taskReported = taskCounts();
        this.lastReportMs = now;
    }

    /** An exporter's state is dropped: what it sent since the last report goes into the next "other" row. */
    void exporterForgotten(ExporterState exporter) {
        long[] now = counts(exporter);
        long[] before = reported.remove(exporter);
        for (int i = 0; i < now.length; i++) {
            forgotten[i] += now[i] - (before == null ? 0 : before[i]);
        }
    }

    /**
     * Appends this interval's records to {@code out} once the interval has passed; nothing before
     * (called on every poll: the exporters are only listed when a report is due).
     */
    void reportIfDue(long now, List<SourceRecord> out) {
        if (now - lastReportMs < intervalMs) {
            return;
        }
        long interval = now - lastReportMs;
        List<Delta> changed = new ArrayList<>();
        for (ExporterState exporter : decoder.exporters()) {
            long[] counts = counts(exporter);
            long[] before = reported.put(exporter, counts);
            Delta delta = new Delta(exporter.addressText(), minus(counts, before));
            if (delta.any()) {
                changed.add(delta);
            }
        }
        changed.sort(MOST_FLOWS);
        long[] other = forgotten.clone();
        Arrays.fill(forgotten, 0);
        for (int i = 0; i < changed.size(); i++) {
            Delta delta = changed.get(i);
            if (i < max) {
                out.add(record(now, interval, delta.exporter, EXPORTER_FIELDS, delta.counts));
            } else {
                add(other, delta.counts);
            }
        }
        if (new Delta(IngestHealth.OTHER_EXPORTERS, other).any()) {
            out.add(record(now, interval, IngestHealth.OTHER_EXPORTERS, EXPORTER_FIELDS, other));
        }
        long[] task = taskCounts();
        out.add(record(now, interval, IngestHealth.TASK_ROW, TASK_FIELDS, minus(task, taskReported)));
        taskReported = task;
        lastReportMs = now;
    }

    private SourceRecord record(long now, long interval, String exporter, String[] fields, long[] values) {
        Struct health = IngestHealth.newRecord(now, interval, connector, task, exporter);
        for (int i = 0; i < fields.length; i++) {
            health.put(fields[i], values[i]);
        }
        // No offset of its own: a lost report is not replayed (the next one counts from its own start).
        return new SourceRecord(Map.of(), null, topic, null, Schema.STRING_SCHEMA, exporter, IngestHealth.SCHEMA,
                health, now);
    }

    private long[] taskCounts() {
        DecoderCounters c = decoder.counters();
        long kernelDrops = totals.kernelDrops().getAsLong();
        return new long[] {c.datagrams(), c.flows(), c.sequenceGaps(), c.sequenceMissing(),
            totals.clockSkewed().getAsLong(), totals.received().getAsLong(), totals.notAllowed().getAsLong(),
            c.malformed(), c.templateMisses(), Math.max(0, kernelDrops)};
    }

    private static long[] counts(ExporterState exporter) {
        return new long[] {exporter.datagrams(), exporter.flows(), exporter.sequenceGaps(), exporter.sequenceMissing(),
            exporter.clockSkewed()};
    }

    /** Differences; a counter that went backwards (kernel counters of a re-bound port) counts as 0. */
    private static long[] minus(long[] now, long[] before) {
        long[] delta = now.clone();
        if (before != null) {
            for (int i = 0; i < delta.length; i++) {
                delta[i] = Math.max(0, now[i] - before[i]);
            }
        }
        return delta;
    }

    private static void add(long[] sum, long[] more) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += more[i];
        }
    }

    private record Delta(String exporter, long[] counts) {
        boolean any() {
            for (long count : counts) {
                if (count != 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
