package org.bwnetflow.connect.netflow.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * The task's numbers as Connect plugin metrics (JMX, under
 * {@code kafka.connect:type=plugins,connector=...,task=...}). Registers gauges and removes them
 * again; what is measured is decided by {@link SourceTaskGauges} and {@link ExporterMetrics}.
 */
final class SourceMetrics implements AutoCloseable {

    private final PluginMetrics metrics;
    private final List<MetricName> registered = new ArrayList<>();

    /** @param metrics Connect's plugin metrics; null disables reporting (unit tests) */
    SourceMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /** A task-wide gauge. */
    void gauge(String name, String description, LongSupplier value) {
        MetricName metricName = add(name, description, Map.of(), value);
        if (metricName != null) {
            registered.add(metricName);
        }
    }

    /** A gauge with tags, removed by the caller with {@link #remove}; null when metrics are off. */
    MetricName add(String name, String description, Map<String, String> tags, LongSupplier value) {
        if (metrics == null) {
            return null;
        }
        MetricName metricName = metrics.metricName(name, description, new LinkedHashMap<>(tags));
        metrics.addMetric(metricName, (Gauge<Long>) (config, now) -> value.getAsLong());
        return metricName;
    }

    void remove(MetricName name) {
        if (metrics != null && name != null) {
            metrics.removeMetric(name);
        }
    }

    @Override
    public void close() {
        registered.forEach(this::remove);
        registered.clear();
    }
}
