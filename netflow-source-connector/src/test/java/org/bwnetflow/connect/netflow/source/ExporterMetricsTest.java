package org.bwnetflow.connect.netflow.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.bwnetflow.connect.model.FlowClock;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.ExporterState;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.decode.StateListener;
import org.bwnetflow.connect.netflow.testing.Datagrams;
import org.junit.jupiter.api.Test;

/** Per-exporter metrics are bounded: the exporters with most flows get their own, everything else is "other". */
class ExporterMetricsTest {

    /** Plugin metrics that keep what is registered, the way the worker's metrics registry would. */
    private final Map<MetricName, Gauge<?>> registered = new LinkedHashMap<>();
    private final PluginMetrics plugin = new PluginMetrics() {
        @Override
        public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
            return new MetricName(name, "plugins", description, tags);
        }

        @Override
        public void addMetric(MetricName name, MetricValueProvider<?> provider) {
            assertThat(registered).doesNotContainKey(name);
            registered.put(name, (Gauge<?>) provider);
        }

        @Override
        public void removeMetric(MetricName name) {
            assertThat(registered.remove(name)).isNotNull();
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

    @Test
    void theTopExportersByFlowsGetMetricsAndTheRestAreSummedAsOther() throws Exception {
        NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), StateListener.NONE);
        byte[] template = Datagrams.v9(0, 0).v9Template(256, 8, 4).bytes();
        for (int i = 0; i < 300; i++) {
            InetAddress exporter = InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
            decoder.decode(template, 0, template.length, exporter, 0, f -> { });
            for (int n = 0; n <= i; n++) { // exporter i sends i + 1 flows
                byte[] data = Datagrams.v9(n + 1, 0).set(256, 8).u32(n).bytes();
                decoder.decode(data, 0, data.length, exporter, 0, f -> { });
            }
        }
        for (int i = 0; i < 1000; i++) { // a spoofed flood: templates only, never a flow
            InetAddress spoofed = InetAddress.getByAddress(new byte[] {127, 9, (byte) (i >> 8), (byte) i});
            decoder.decode(template, 0, template.length, spoofed, 0, f -> { });
        }
        SourceMetrics metrics = new SourceMetrics(plugin);
        try (ExporterMetrics exporters = new ExporterMetrics(metrics, 256)) {
            exporters.rebalance(decoder.exporters());
            assertThat(exporters.taggedCount()).isEqualTo(256);
            assertThat(registered).hasSize(256 * 5 + 5);
            assertThat(value("exporter-flows", "10.0.1.43")).isEqualTo(300); // exporter 299: the most flows
            assertThat(registered.keySet()).noneMatch(n -> n.tags().get("exporter").startsWith("127.9."));
            assertThat(taggedFlows() + value("exporter-flows", "other")).isEqualTo(decoder.counters().flows());
            assertThat(value("exporter-datagrams", "other")).isGreaterThanOrEqualTo(1000); // the flood's datagrams

            ExporterState top = decoder.exporters().stream().max((a, b) -> Long.compare(a.flows(), b.flows()))
                    .orElseThrow();
            exporters.exporterRemoved(top); // e.g. idle: its metrics go, its totals stay under "other"
            assertThat(registered.keySet()).noneMatch(n -> n.tags().get("exporter").equals("10.0.1.43"));
            exporters.rebalance(List.copyOf(decoder.exporters()).stream().filter(e -> e != top).toList());
            assertThat(exporters.taggedCount()).isEqualTo(256);
            assertThat(taggedFlows() + value("exporter-flows", "other")).isEqualTo(decoder.counters().flows());
        }
        assertThat(registered).isEmpty();
    }

    /**
     * The clock-skewed count is a per-exporter metric like the others: the exporter with a wrong
     * clock has exactly its skewed flows, the others 0, and "other" keeps a forgotten exporter's.
     */
    @Test
    void clockSkewedFlowsAreCountedAtTheirExporter() throws Exception {
        NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), StateListener.NONE);
        ClockSkewCount clockSkew = new ClockSkewCount(new FlowClock(FlowClock.DEFAULT_TOLERANCE_MILLIS));
        long now = System.currentTimeMillis();
        InetAddress wrongClock = InetAddress.getByName("192.0.2.1");
        InetAddress rightClock = InetAddress.getByName("192.0.2.2");
        decode(decoder, clockSkew, wrongClock, now, now + 365L * 86_400_000, now - 3_000, 2_000, now + 61_000);
        decode(decoder, clockSkew, rightClock, now, now - 59_000, now + 59_000, now);
        SourceMetrics metrics = new SourceMetrics(plugin);
        try (ExporterMetrics exporters = new ExporterMetrics(metrics, 256)) {
            exporters.rebalance(decoder.exporters());
            assertThat(value("exporter-clock-skewed", "192.0.2.1")).isEqualTo(3);
            assertThat(value("exporter-clock-skewed", "192.0.2.2")).isZero();
            assertThat(value("exporter-clock-skewed", "other")).isZero();
            assertThat(clockSkew.flows()).as("the task's count").isEqualTo(3);

            ExporterState forgotten = decoder.exporters().stream().filter(e -> e.address().equals(wrongClock))
                    .findFirst().orElseThrow();
            exporters.exporterRemoved(forgotten);
            exporters.rebalance(decoder.exporters().stream().filter(e -> e != forgotten).toList());
            assertThat(value("exporter-clock-skewed", "other")).as("a forgotten exporter's count stays").isEqualTo(3);
        }
    }

    /** One v9 datagram from {@code exporter}, received at {@code received}, with a flow ending at each time. */
    private static void decode(NetFlowDecoder decoder, ClockSkewCount clockSkew, InetAddress exporter, long received,
            long... endMillis) {
        Datagrams datagram = Datagrams.v9(1, 0).v9Template(256, 8, 4, 153, 8).set(256, 4 + 12 * endMillis.length);
        for (long end : endMillis) {
            datagram.u32(0x0A000001L).u32(end >>> 32).u32(end);
        }
        byte[] data = datagram.bytes();
        decoder.decode(data, 0, data.length, exporter, received, clockSkew::count);
    }

    private long taggedFlows() {
        return registered.keySet().stream()
                .filter(n -> n.name().equals("exporter-flows") && !n.tags().get("exporter").equals("other"))
                .mapToLong(n -> (Long) registered.get(n).value(null, 0)).sum();
    }

    private long value(String name, String exporter) {
        return registered.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && exporter.equals(e.getKey().tags().get("exporter")))
                .mapToLong(e -> (Long) e.getValue().value(null, 0)).findFirst().orElseThrow();
    }
}
