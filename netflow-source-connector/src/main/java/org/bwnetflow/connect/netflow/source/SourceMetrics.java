package org.bwnetflow.connect.netflow.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.bwnetflow.connect.netflow.decode.DecoderCounters;
import org.bwnetflow.connect.netflow.decode.ExporterState;

/**
 * The task's numbers as Connect plugin metrics (JMX, under
 * {@code kafka.connect:type=plugins,connector=...,task=...}): what arrived, what was decoded,
 * what was dropped and why, and per exporter the loss its sequence numbers reveal.
 */
final class SourceMetrics implements AutoCloseable {

    private final PluginMetrics metrics;
    private final List<MetricName> taskMetrics = new ArrayList<>();
    private final Map<ExporterState, List<MetricName>> exporterMetrics = new ConcurrentHashMap<>();

    /** @param metrics Connect's plugin metrics; null disables reporting (unit tests) */
    SourceMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    void registerTask(UdpReceiver receiver, java.util.Queue<?> queue, DecoderCounters counters,
            KernelDropCounter kernelDrops) {
        Map<String, String> none = Map.of();
        gauge(taskMetrics, "datagrams-received", "UDP datagrams received", none, receiver.datagramsReceived::get);
        gauge(taskMetrics, "bytes-received", "UDP payload bytes received", none, receiver.bytesReceived::get);
        gauge(taskMetrics, "datagrams-not-allowed", "Datagrams dropped because the sender is not in exporter.allowlist",
                none, receiver.datagramsNotAllowed::get);
        gauge(taskMetrics, "queue-size", "Datagrams waiting between the receivers and poll()", none, queue::size);
        gauge(taskMetrics, "socket-receive-buffer-bytes", "SO_RCVBUF the kernel granted", none,
                receiver::effectiveReceiveBufferBytes);
        gauge(taskMetrics, "kernel-drops", "Datagrams the kernel dropped on the listen port (host-wide; -1 unknown)",
                none, kernelDrops::drops);
        gauge(taskMetrics, "datagrams-decoded", "Datagrams handed to the decoder", none, counters::datagrams);
        gauge(taskMetrics, "flows", "Flow records decoded", none, counters::flows);
        gauge(taskMetrics, "options-records", "Options data records (sampling, interface tables)", none,
                counters::optionsRecords);
        gauge(taskMetrics, "templates-received", "Template records received", none, counters::templatesReceived);
        gauge(taskMetrics, "template-misses", "Data sets skipped because their template is unknown", none,
                counters::templateMisses);
        gauge(taskMetrics, "templates-rejected", "Templates refused by templates.max.per.exporter", none,
                counters::templatesRejected);
        gauge(taskMetrics, "options-rejected", "Options records whose new sampler or interface hit a per-domain limit",
                none, counters::optionsRejected);
        gauge(taskMetrics, "malformed", "Malformed datagrams or sets, skipped", none, counters::malformed);
        gauge(taskMetrics, "unknown-version", "Datagrams that are not NetFlow v5, v9 or IPFIX", none,
                counters::unknownVersion);
        gauge(taskMetrics, "exporters-rejected", "Datagrams dropped by exporters.max or domains.max.per.exporter",
                none, counters::exportersRejected);
        gauge(taskMetrics, "sequence-gaps", "Forward jumps of export sequence numbers (loss before us)", none,
                counters::sequenceGaps);
        gauge(taskMetrics, "sequence-missing", "Datagrams (v9) or records (v5, IPFIX) lost before us", none,
                counters::sequenceMissing);
        gauge(taskMetrics, "decoder-errors", "Decoder bugs caught by the last-resort guard", none,
                counters::internalErrors);
    }

    void exporterAdded(ExporterState exporter) {
        if (metrics == null) {
            return;
        }
        Map<String, String> tags = Map.of("exporter", exporter.address().getHostAddress());
        List<MetricName> names = new ArrayList<>();
        gauge(names, "exporter-datagrams", "Datagrams from this exporter", tags, exporter::datagrams);
        gauge(names, "exporter-flows", "Flows from this exporter", tags, exporter::flows);
        gauge(names, "exporter-sequence-gaps", "Sequence gaps of this exporter", tags, exporter::sequenceGaps);
        gauge(names, "exporter-sequence-missing", "Units this exporter sent that never arrived", tags,
                exporter::sequenceMissing);
        exporterMetrics.put(exporter, names);
    }

    void exporterRemoved(ExporterState exporter) {
        List<MetricName> names = exporterMetrics.remove(exporter);
        if (names != null && metrics != null) {
            names.forEach(metrics::removeMetric);
        }
    }

    private void gauge(List<MetricName> into, String name, String description, Map<String, String> tags,
            LongSupplier value) {
        if (metrics == null) {
            return;
        }
        MetricName metricName = metrics.metricName(name, description, new LinkedHashMap<>(tags));
        metrics.addMetric(metricName, (Gauge<Long>) (config, now) -> value.getAsLong());
        into.add(metricName);
    }

    @Override
    public void close() {
        if (metrics == null) {
            return;
        }
        taskMetrics.forEach(metrics::removeMetric);
        taskMetrics.clear();
        exporterMetrics.values().forEach(names -> names.forEach(metrics::removeMetric));
        exporterMetrics.clear();
    }
}
