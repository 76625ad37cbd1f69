package org.bwnetflow.connect.bmp.source;

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
 * {@code kafka.connect:type=plugins,connector=...,task=...}), as netflow-source-connector's
 * SourceMetrics does: registers gauges and removes them again.
 */
final class PluginGauges implements AutoCloseable {

    private final PluginMetrics metrics;
    private final List<MetricName> registered = new ArrayList<>();

    /** @param metrics Connect's plugin metrics; null disables reporting (unit tests) */
    PluginGauges(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /** A task-wide gauge, removed on {@link #close()}. */
    void gauge(String name, String description, LongSupplier value) {
        MetricName metricName = add(name, description, Map.of(), value);
        if (metricName != null) {
            registered.add(metricName);
        }
    }

    /** A gauge with tags, removed by the caller with {@link #remove}; null when metrics are off. */
    synchronized MetricName add(String name, String description, Map<String, String> tags, LongSupplier value) {
        if (metrics == null) {
            return null;
        }
        MetricName metricName = metrics.metricName(name, description, new LinkedHashMap<>(tags));
        metrics.addMetric(metricName, (Gauge<Long>) (config, now) -> value.getAsLong());
        return metricName;
    }

    synchronized void remove(MetricName name) {
        if (metrics != null && name != null) {
            metrics.removeMetric(name);
        }
    }

    @Override
    public synchronized void close() {
        registered.forEach(this::remove);
        registered.clear();
    }
}
