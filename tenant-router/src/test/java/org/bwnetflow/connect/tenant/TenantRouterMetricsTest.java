package org.bwnetflow.connect.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.testing.RecordingPluginMetrics;
import org.bwnetflow.connect.tenant.testing.TenantFlows;
import org.junit.jupiter.api.Test;

/** The counters reach Connect's plugin metrics and leave them on close. */
class TenantRouterMetricsTest {

    private final RecordingPluginMetrics metrics = new RecordingPluginMetrics();

    @Test
    void countersAreReportedAndRemoved() {
        TenantRouter<SourceRecord> router = new TenantRouter<>();
        router.configure(Map.of(TenantRouter.TENANTS, "1-100"));
        router.withPluginMetrics(metrics);
        assertThat(metrics.names()).containsExactlyInAnyOrder("routed", "unassigned", "dropped");
        router.apply(TenantFlows.record(TenantFlows.flow(5)));
        router.apply(TenantFlows.record(TenantFlows.flow(500)));
        router.apply(TenantFlows.record(TenantFlows.flow(0)));
        assertThat(metrics.value("routed")).isEqualTo(1L);
        assertThat(metrics.value("unassigned")).isEqualTo(2L);
        assertThat(metrics.value("dropped")).isEqualTo(0L);
        router.close();
        assertThat(metrics.names()).isEmpty();
    }
}
