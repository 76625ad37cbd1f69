package org.bwnetflow.connect.model.transform;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.bwnetflow.connect.model.Version;

/**
 * What every transform of the bundle shares: its ConfigDef, the bundle's version, counters in
 * {@link #metrics} reported as Connect plugin metrics once the worker hands them over, and
 * releasing them on close. A transform parses its own config in {@code configure} and declares its
 * counters as fields ({@code metrics.counter(...)}); one that holds more overrides {@link #close()}
 * and calls {@code super.close()}.
 */
public abstract class FlowTransformation<R extends ConnectRecord<R>> implements Transformation<R>, Versioned, Monitorable {

    protected final TransformMetrics metrics = new TransformMetrics();
    private final ConfigDef configDef;

    protected FlowTransformation(ConfigDef configDef) {
        this.configDef = configDef;
    }

    @Override
    public ConfigDef config() {
        return configDef;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        metrics.register(pluginMetrics);
    }

    /** A counter's value, for tests, benchmarks and logs. */
    public long counter(String name) {
        return metrics.value(name);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
