package org.bwnetflow.connect.netflow.export;

import static org.bwnetflow.connect.model.FlowField.NORMALIZED;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.bwnetflow.connect.netflow.encode.ExportFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns FlowMessage records into NetFlow v9 or IPFIX datagrams, one observation domain per
 * original exporter (or one for all), and sends them to the collectors. A partition's offset
 * is committed only up to records whose datagrams have been sent.
 */
public class NetFlowExportSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(NetFlowExportSinkTask.class);
    /** v9 counts flow times from the exporter's boot: ours is a week before the task started, so a backlog fits. */
    static final long V9_BOOT_BEFORE_START_MS = TimeUnit.DAYS.toMillis(7);

    private final CollectorSender.Factory senders;
    private final Map<Long, ExportDomain> domains = new HashMap<>();
    /** With source.address.mode=EXPORTER: a socket bound to each domain's exporter address. */
    private final Map<Long, CollectorSender> exporterSenders = new HashMap<>();
    /** Next offset per partition of everything put so far, and of everything sent so far. */
    private final Map<TopicPartition, Long> putOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> sentOffsets = new HashMap<>();
    private final RateLimitedLog skipLog = new RateLimitedLog(60_000);
    /** The partition of the last record put: batches come in runs of one partition, so mostly no new key. */
    private TopicPartition lastPartition;
    private NetFlowExportSinkConfig config;
    private CollectorSender sender;
    private long bootMillis;
    private TransformMetrics metrics;
    private LongAdder flowsSent;
    private LongAdder datagramsSent;
    private LongAdder skipped;
    private LongAdder sendFailures;

    public NetFlowExportSinkTask() {
        this(UdpCollectorSender::new);
    }

    /** For tests: a sender that stands in for the network. */
    NetFlowExportSinkTask(CollectorSender.Factory senders) {
        this.senders = senders;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new NetFlowExportSinkConfig(props);
        bootMillis = config.protocol() == FlowExportEncoder.Format.NETFLOW_V9
                ? System.currentTimeMillis() - V9_BOOT_BEFORE_START_MS : 0;
        metrics = new TransformMetrics();
        flowsSent = metrics.counter("flows-sent", "Flows sent in datagrams");
        datagramsSent = metrics.counter("datagrams-sent", "Datagrams sent (to each collector)");
        skipped = metrics.counter("records-skipped", "Records that are not FlowMessages or have no address pair");
        sendFailures = metrics.counter("send-failures", "Datagrams the kernel refused; retried");
        if (context != null && context.pluginMetrics() != null) {
            metrics.register(context.pluginMetrics());
        }
        try {
            sender = senders.open(config.collectors(), config.bindAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the UDP socket to send from " + config.bindAddress(), e);
        }
        log.info("NetFlow export sink task started: {} to {}", config.protocol(), config.collectors());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long now = System.currentTimeMillis();
        for (SinkRecord record : records) {
            if (record.value() instanceof Struct flow && FlowMessageSchema.SCHEMA.equals(flow.schema())) {
                ExportFlow export = ExportMapping.of(flow, bootMillis);
                if (export != null) {
                    ExportDomain domain = domainOf(flow);
                    long rate = samplingRate(flow);
                    if (domain.rateChanges(rate)) {
                        if (!domain.isEmpty()) {
                            send(domain, now); // the waiting flows were sampled at the old rate
                        }
                        domain.announce(rate);
                    }
                    if (domain.add(export, now)) {
                        send(domain, now);
                    }
                } else {
                    skip(record, "no source and destination address of one family");
                }
            } else {
                skip(record, "not a FlowMessage (value.converter must be FlowMessageConverter)");
            }
            putOffsets.put(partitionOf(record), record.kafkaOffset() + 1);
        }
        for (ExportDomain domain : domains.values()) {
            if (domain.isDue(now, config.flushIntervalMillis())) {
                send(domain, now);
            }
        }
        markSentIfNothingWaits();
    }

    /** Scaled flows (Normalized) are 1 in 1 now; others as sampled, unknown taken as unsampled. */
    private static long samplingRate(Struct flow) {
        if (Flows.enumValue(flow, NORMALIZED) == 1) {
            return 1;
        }
        return Math.max(1, Flows.number(flow, SAMPLING_RATE));
    }

    private ExportDomain domainOf(Struct flow) {
        byte[] exporter = Flows.bytes(flow, SAMPLER_ADDRESS);
        long id = config.domainMode() == NetFlowExportSinkConfig.DomainMode.SINGLE ? config.domainId()
                : DomainIds.of(exporter);
        if (config.sourceAddressMode() == NetFlowExportSinkConfig.SourceAddressMode.EXPORTER
                && !exporterSenders.containsKey(id)) {
            exporterSenders.put(id, exporterSender(exporter));
        }
        return domains.computeIfAbsent(id, key -> new ExportDomain(key,
                new FlowExportEncoder(config.protocol(), FlowExportEncoder.Layout.FULL, key, bootMillis),
                config.maxDatagramBytes(), config.templateIntervalMillis()));
    }

    /**
     * A socket whose datagrams leave from the exporter's address (the worker's for a flow without
     * one); fails the task when the host may not send from it.
     */
    private CollectorSender exporterSender(byte[] exporter) {
        if (exporter == null || (exporter.length != 4 && exporter.length != 16)) {
            return sender;
        }
        String address = "";
        try {
            address = InetAddress.getByAddress(exporter).getHostAddress();
            return senders.open(config.collectors(), address);
        } catch (IOException e) {
            throw new ConnectException("cannot send from the exporter's address " + address + " ("
                    + NetFlowExportSinkConfig.SOURCE_ADDRESS_MODE + "=EXPORTER): a host sends only from its own "
                    + "addresses unless root sets the sysctl net.ipv4.ip_nonlocal_bind=1", e);
        }
    }

    private void send(ExportDomain domain, long now) {
        int flows = domain.pendingFlows();
        byte[] datagram = domain.takeDatagram(now);
        CollectorSender from = exporterSenders.getOrDefault(domain.id(), sender);
        try {
            for (int collector = 0; collector < from.collectors().size(); collector++) {
                from.send(collector, datagram);
            }
        } catch (IOException e) {
            // The flows of this datagram are not acknowledged: Connect redelivers from the last commit.
            sendFailures.increment();
            throw new RetriableException("cannot send to " + config.collectors() + ": " + e.getMessage(), e);
        }
        flowsSent.add(flows);
        datagramsSent.increment();
    }

    private void markSentIfNothingWaits() {
        for (ExportDomain domain : domains.values()) {
            if (!domain.isEmpty()) {
                return;
            }
        }
        sentOffsets.putAll(putOffsets);
    }

    private void skip(SinkRecord record, String why) {
        skipped.increment();
        if (skipLog.shouldLog()) {
            log.warn("Skipped the record at {}-{}@{}: {} (and {} more since the last message)", record.topic(),
                    record.kafkaPartition(), record.kafkaOffset(), why, skipLog.takeSuppressed());
        }
    }

    private TopicPartition partitionOf(SinkRecord record) {
        if (lastPartition == null || lastPartition.partition() != record.kafkaPartition()
                || !lastPartition.topic().equals(record.topic())) {
            lastPartition = new TopicPartition(record.topic(), record.kafkaPartition());
        }
        return lastPartition;
    }

    /** Sends what waits, then commits only what has been sent. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        long now = System.currentTimeMillis();
        for (ExportDomain domain : domains.values()) {
            if (!domain.isEmpty()) {
                send(domain, now);
            }
        }
        markSentIfNothingWaits();
        Map<TopicPartition, OffsetAndMetadata> safe = new LinkedHashMap<>();
        currentOffsets.keySet().forEach(tp -> {
            Long sent = sentOffsets.get(tp);
            if (sent != null) {
                safe.put(tp, new OffsetAndMetadata(sent));
            }
        });
        return safe;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            putOffsets.remove(tp);
            sentOffsets.remove(tp);
        });
    }

    @Override
    public void stop() {
        try {
            for (CollectorSender exporterSender : exporterSenders.values()) {
                if (exporterSender != sender) {
                    exporterSender.close();
                }
            }
            if (sender != null) {
                sender.close();
            }
        } catch (IOException e) {
            log.debug("closing the UDP socket", e);
        }
        if (metrics != null) {
            metrics.close();
        }
        log.info("NetFlow export sink task stopped");
    }

    /** For tests: the flows waiting in all domains. */
    int pendingFlows() {
        return domains.values().stream().mapToInt(ExportDomain::pendingFlows).sum();
    }
}
