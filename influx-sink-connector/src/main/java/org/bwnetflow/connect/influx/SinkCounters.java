package org.bwnetflow.connect.influx;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.bwnetflow.connect.model.transform.TransformMetrics;

/** The sink task's counters and gauges, reported as Connect plugin metrics of the task. */
final class SinkCounters implements AutoCloseable {

    private final TransformMetrics metrics = new TransformMetrics();
    final LongAdder counted = metrics.counter("records-counted", "Flows added to a window");
    final LongAdder clockCorrected = metrics.counter("clock-corrected-records", "Flows whose time lay further than "
            + "flow.time.tolerance.ms from their record's timestamp: counted in the window of the record's time");
    final LongAdder rejected = metrics.counter("rejected-records", "Records that were not FlowMessages, sent to the "
            + "dead letter queue (errors.tolerance=all)");
    final LongAdder points = metrics.counter("points-written", "Points written (each segment's totals of a window, "
            + "and early totals of a quiet partition's open segment)");
    final LongAdder healthPoints = metrics.counter("health-points-written", "Ingest health points written (one per "
            + "ingest health record; rewritten only by a redelivery)");
    final LongAdder retries = metrics.counter("write-retries", "Writes that failed with 5xx, 429 or a timeout and are "
            + "retried");
    final LongAdder bucketFailures = metrics.counter("bucket-write-failures", "Writes to a customer's bucket that "
            + "failed with 404 or 403 (influx.bucket.per.customer): that customer's points wait and are retried");
    final LongAdder folded = metrics.counter("folded-tag-values", "Tag values beyond tag.max.values folded into "
            + "'other', in written segments");

    /** Declares the gauges: what the task holds (read by the metrics reporter's thread, so from volatile snapshots). */
    SinkCounters(LongSupplier windowsHeld, LongSupplier segmentsWaiting) {
        metrics.gauge("windows-held", "Windows held in memory over all partitions: those of the open segments and "
                + "of closed segments waiting for their write", windowsHeld);
        metrics.gauge("segments-waiting", "Closed segments whose points are not written yet", segmentsWaiting);
    }

    /** The registry, for the writer's own counters: declare them before {@link #register}. */
    TransformMetrics metrics() {
        return metrics;
    }

    void register(PluginMetrics pluginMetrics) {
        if (pluginMetrics != null) {
            metrics.register(pluginMetrics);
        }
    }

    long value(String name) {
        return metrics.value(name);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
