package org.bwnetflow.connect.rawflows;

import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.bwnetflow.connect.rawflows.write.BatchWriter;

/** The raw flows sink task's counters, reported as Connect plugin metrics of the task. */
final class SinkCounters implements AutoCloseable {

    private final TransformMetrics metrics = new TransformMetrics();
    final LongAdder skipped = metrics.counter("records-skipped", "Records that were no flows (not FlowMessage bytes "
            + "or Struct, tombstones, ingest health records, no timestamp): skipped, and sent to the dead letter queue "
            + "when there is one");
    private final BatchWriter.Counters writer = new BatchWriter.Counters(
            metrics.counter("rows-written", "Rows QuestDB took (a replay's rewritten rows count again)"),
            metrics.counter("batches-written", "Write requests QuestDB took"),
            metrics.counter("write-retries", "Writes retried because QuestDB did not answer, timed out or answered "
                    + "5xx or 429"),
            metrics.counter("rows-refused", "Rows QuestDB refused (400 naming the line): cut out of their batch and "
                    + "skipped"));

    BatchWriter.Counters writer() {
        return writer;
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
