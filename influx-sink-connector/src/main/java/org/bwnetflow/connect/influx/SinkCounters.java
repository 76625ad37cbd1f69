package org.bwnetflow.connect.influx;

import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.bwnetflow.connect.model.transform.TransformMetrics;

/** The sink task's counters, reported as Connect plugin metrics of the task. */
final class SinkCounters implements AutoCloseable {

    private final TransformMetrics metrics = new TransformMetrics();
    final LongAdder counted = metrics.counter("records-counted", "Flows added to a window");
    final LongAdder late = metrics.counter("late-records", "Flows that reached Kafka after their window's end plus "
            + "the allowed lateness; not counted");
    final LongAdder rejected = metrics.counter("rejected-records", "Records that were not FlowMessages, sent to the "
            + "dead letter queue (errors.tolerance=all)");
    final LongAdder points = metrics.counter("points-written", "Points written (a window's totals, rewritten while "
            + "the window changes)");
    final LongAdder healthPoints = metrics.counter("health-points-written", "Ingest health points written (one per "
            + "ingest health record; rewritten only by a redelivery)");
    final LongAdder retries = metrics.counter("write-retries", "Writes that failed with 5xx, 429 or a timeout and are "
            + "retried");
    final LongAdder folded = metrics.counter("folded-tag-values", "Tag values beyond tag.max.values folded into "
            + "'other', in final windows");

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
