package org.bwnetflow.connect.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.tenant.testing.TenantFlows;
import org.junit.jupiter.api.Test;

/** The counters reach Connect's plugin metrics and leave them on close. */
class TenantRouterMetricsTest {

    private final Map<String, MetricValueProvider<?>> metrics = new LinkedHashMap<>();

    private final PluginMetrics plugin = new PluginMetrics() {
        @Override
        public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
            return new MetricName(name, "plugins", description, tags);
        }

        @Override
        public void addMetric(MetricName name, MetricValueProvider<?> provider) {
            metrics.put(name.name(), provider);
        }

        @Override
        public void removeMetric(MetricName name) {
            metrics.remove(name.name());
        }

        @Override
        public Sensor addSensor(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeSensor(String name) {
            throw new UnsupportedOperationException();
        }
    };

    @SuppressWarnings("unchecked")
    private long value(String name) {
        return ((Gauge<Long>) metrics.get(name)).value(null, 0);
    }

    @Test
    void countersAreReportedAndRemoved() {
        TenantRouter<SourceRecord> router = new TenantRouter<>();
        router.configure(Map.of(TenantRouter.TENANTS, "1-100"));
        router.withPluginMetrics(plugin);
        assertThat(metrics).containsOnlyKeys("routed", "unassigned", "dropped");
        router.apply(TenantFlows.record(TenantFlows.flow(5)));
        router.apply(TenantFlows.record(TenantFlows.flow(500)));
        router.apply(TenantFlows.record(TenantFlows.flow(0)));
        assertThat(value("routed")).isEqualTo(1);
        assertThat(value("unassigned")).isEqualTo(2);
        assertThat(value("dropped")).isZero();
        router.close();
        assertThat(metrics).isEmpty();
    }
}
