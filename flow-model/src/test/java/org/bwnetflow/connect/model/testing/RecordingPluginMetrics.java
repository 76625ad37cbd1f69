package org.bwnetflow.connect.model.testing;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

/** Plugin metrics that keep what is registered, the way the worker's metrics registry would. */
public final class RecordingPluginMetrics implements PluginMetrics {

    private final Map<MetricName, Gauge<?>> registered = new LinkedHashMap<>();

    @Override
    public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
        return new MetricName(name, "plugins", description, tags);
    }

    @Override
    public void addMetric(MetricName name, MetricValueProvider<?> provider) {
        if (registered.putIfAbsent(name, (Gauge<?>) provider) != null) {
            throw new IllegalStateException("registered twice: " + name);
        }
    }

    @Override
    public void removeMetric(MetricName name) {
        if (registered.remove(name) == null) {
            throw new IllegalStateException("not registered: " + name);
        }
    }

    @Override
    public Sensor addSensor(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeSensor(String name) {
        throw new UnsupportedOperationException();
    }

    /** The registered metrics' names. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        registered.keySet().forEach(n -> names.add(n.name()));
        return names;
    }

    /** A registered gauge's value. */
    public Object value(String name) {
        return registered.entrySet().stream().filter(e -> e.getKey().name().equals(name)).findFirst().orElseThrow()
                .getValue().value(null, 0);
    }
}
