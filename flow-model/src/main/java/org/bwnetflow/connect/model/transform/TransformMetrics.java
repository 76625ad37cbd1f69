package org.bwnetflow.connect.model.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * A transform's counters (lookups, misses, reloads, errors, ...), kept as LongAdders (several
 * tasks' threads may share nothing, but metric readers run elsewhere) and reported as Connect
 * plugin metrics once the worker hands them over ({@code Monitorable}, Kafka 4.1+).
 */
public final class TransformMetrics implements AutoCloseable {

    private final Map<String, Counter> counters = new LinkedHashMap<>();
    private final Map<String, Gauge<Long>> gauges = new LinkedHashMap<>();
    private final Map<String, String> gaugeDescriptions = new LinkedHashMap<>();
    private final List<MetricName> registered = new ArrayList<>();
    private final List<TaggedGauge> taggedGauges = new ArrayList<>();
    private PluginMetrics metrics;

    /** Declares a counter; call before {@link #register}. */
    public LongAdder counter(String name, String description) {
        return counters.computeIfAbsent(name, n -> new Counter(description)).adder;
    }

    /** Declares a gauge: a value read when the metric is read (e.g. what a task holds in memory); before {@link #register}. */
    public void gauge(String name, String description, LongSupplier value) {
        gauges.put(name, (config, now) -> value.getAsLong());
        gaugeDescriptions.put(name, description);
    }

    /**
     * A gauge with tags, declared at any time (e.g. one per router as routers appear): reported at
     * once if the metrics are registered already, else with the others.
     */
    public synchronized void taggedGauge(String name, String description, Map<String, String> tags, LongSupplier value) {
        Gauge<Long> gauge = (config, now) -> value.getAsLong();
        TaggedGauge tagged = new TaggedGauge(name, description, new LinkedHashMap<>(tags), gauge);
        taggedGauges.add(tagged);
        if (metrics != null) {
            register(metrics, tagged);
        }
    }

    private void register(PluginMetrics pluginMetrics, TaggedGauge tagged) {
        MetricName metricName = pluginMetrics.metricName(tagged.name, tagged.description, tagged.tags);
        pluginMetrics.addMetric(metricName, tagged.gauge);
        registered.add(metricName);
    }

    /** Reports every declared counter and gauge through the worker's plugin metrics. */
    public synchronized void register(PluginMetrics pluginMetrics) {
        this.metrics = pluginMetrics;
        taggedGauges.forEach(tagged -> register(pluginMetrics, tagged));
        counters.forEach((name, counter) -> {
            MetricName metricName = pluginMetrics.metricName(name, counter.description, new LinkedHashMap<>());
            pluginMetrics.addMetric(metricName, (Gauge<Long>) (config, now) -> counter.adder.sum());
            registered.add(metricName);
        });
        gauges.forEach((name, gauge) -> {
            MetricName metricName = pluginMetrics.metricName(name, gaugeDescriptions.get(name), new LinkedHashMap<>());
            pluginMetrics.addMetric(metricName, gauge);
            registered.add(metricName);
        });
    }

    /** The value of a counter or gauge, for tests and logs. */
    public long value(String name) {
        Counter counter = counters.get(name);
        if (counter != null) {
            return counter.adder.sum();
        }
        Gauge<Long> gauge = gauges.get(name);
        return gauge == null ? 0 : gauge.value(null, 0);
    }

    @Override
    public synchronized void close() {
        if (metrics != null) {
            registered.forEach(metrics::removeMetric);
            registered.clear();
        }
    }

    private record TaggedGauge(String name, String description, LinkedHashMap<String, String> tags, Gauge<Long> gauge) {
    }

    private static final class Counter {
        final String description;
        final LongAdder adder = new LongAdder();

        Counter(String description) {
            this.description = description;
        }
    }
}
