package org.bwnetflow.connect.netflow.export;

import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.bwnetflow.connect.model.transform.TransformMetrics;

/** The export sink task's counters, reported as Connect plugin metrics of the task. */
final class ExportCounters implements AutoCloseable {

    private final TransformMetrics metrics = new TransformMetrics();
    final LongAdder flowsSent = metrics.counter("flows-sent", "Flows in datagrams every collector took");
    final LongAdder datagramsSent = metrics.counter("datagrams-sent", "Datagrams every collector took");
    final LongAdder skipped = metrics.counter("records-skipped", "Flows with no source and destination address of one "
            + "family, and ingest health records: nothing to export");
    final LongAdder rejected = metrics.counter("records-rejected", "Records that are no FlowMessages, reported to "
            + "Connect's errant record reporter (dead letter queue, errors.tolerance)");
    final LongAdder sendFailures = metrics.counter("send-failures", "Sends a collector's socket refused (the kernel "
            + "knows it unreachable); the datagram is sent again to that collector");
    final LongAdder redelivered = metrics.counter("records-redelivered", "Records Connect delivered again after a "
            + "retriable failure that the task had taken already: not sent again");

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
