package org.bwnetflow.connect.netflow.export;

import static org.bwnetflow.connect.model.FlowField.NORMALIZED;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.bwnetflow.connect.model.sink.NonFlowRecords;
import org.bwnetflow.connect.netflow.encode.ExportFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns FlowMessage records into NetFlow v9 or IPFIX datagrams, one observation domain per
 * original exporter (or one for all), and sends them to the collectors. Each record is taken
 * once per assignment of its partition: a batch Connect delivers again after a refused send
 * sends only what was not sent (see {@link PartitionOffsets}), and a refused datagram is sent
 * again as it was (see {@link OutgoingDatagram}). A partition's offset is committed only up to
 * records whose flows every collector took, or that were reported as errant.
 */
public class NetFlowExportSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(NetFlowExportSinkTask.class);
    /** v9 counts flow times from the exporter's boot: ours is a week before the task started, so a backlog fits. */
    static final long V9_BOOT_BEFORE_START_MS = TimeUnit.DAYS.toMillis(7);

    private final CollectorSender.Factory senders;
    private final Map<Long, ExportDomain> domains = new HashMap<>();
    /** With source.address.mode=EXPORTER: a socket bound to each domain's exporter address. */
    private final Map<Long, CollectorSender> exporterSenders = new HashMap<>();
    private final PartitionOffsets offsets = new PartitionOffsets();
    private final RateLimitedLog skipLog = new RateLimitedLog(60_000);
    private final RateLimitedLog refusalLog = new RateLimitedLog(10_000);
    private NetFlowExportSinkConfig config;
    private CollectorSender sender;
    private SendRetries retries;
    private long bootMillis;
    private ExportCounters counters;
    private NonFlowRecords nonFlows;

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
        counters = new ExportCounters();
        if (context != null) {
            counters.register(context.pluginMetrics());
        }
        retries = new SendRetries(config, context);
        nonFlows = new NonFlowRecords("The NetFlow export sink", context, counters.rejected);
        try {
            sender = senders.open(config.collectors(), config.bindAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the UDP sockets to " + config.collectors() + " from "
                    + config.bindAddress(), e);
        }
        log.info("NetFlow export sink task started: {} to {}", config.protocol(), config.collectors());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long now = System.currentTimeMillis();
        // A datagram a collector refused goes first: nothing is taken while one waits.
        sendOutgoing();
        for (SinkRecord record : records) {
            if (offsets.isTaken(record)) {
                counters.redelivered.increment();
            } else {
                take(record, now);
            }
        }
        for (ExportDomain domain : domains.values()) {
            if (domain.isDue(now, config.flushIntervalMillis())) {
                send(domain, now);
            }
        }
        markSentIfAllIdle();
    }

    /** Adds the record's flow to its domain (sending the domain's datagram when full), or skips or reports it. */
    private void take(SinkRecord record, long now) {
        Struct flow;
        try {
            flow = RecordFlows.flowOf(record);
        } catch (DataException e) {
            nonFlows.reject(record, e.getMessage(), e);
            offsets.take(record);
            return;
        }
        ExportFlow export = flow == null ? null : ExportMapping.of(flow, bootMillis);
        if (export == null) {
            skip(record, flow == null ? "an ingest health record" : "no source and destination address of one family");
            offsets.take(record);
            return;
        }
        ExportDomain domain = domainOf(flow);
        long rate = samplingRate(flow);
        if (domain.rateChanges(rate)) {
            if (!domain.isEmpty()) {
                send(domain, now); // the waiting flows were sampled at the old rate; if refused, this record waits
            }
            domain.announce(rate);
        }
        boolean full = domain.add(export, now);
        offsets.take(record); // its flow is the domain's now: a refused send below keeps it in the outgoing datagram
        if (full) {
            send(domain, now);
        }
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

    /** Sends every domain's outgoing datagram, once the backoff of the last refusal has run out. */
    private void sendOutgoing() {
        boolean waiting = domains.values().stream().anyMatch(domain -> domain.outgoing() != null);
        if (!waiting) {
            return;
        }
        if (!retries.mayTry()) {
            throw retries.waitForBackoff();
        }
        for (ExportDomain domain : domains.values()) {
            if (domain.outgoing() != null) {
                deliver(domain);
            }
        }
    }

    /** Cuts the domain's waiting flows into a datagram and sends it. */
    private void send(ExportDomain domain, long now) {
        domain.cut(now, sender.collectors().size());
        deliver(domain);
    }

    /** Hands the domain's outgoing datagram to the collectors that lack it; a refusal is thrown for Connect. */
    private void deliver(ExportDomain domain) {
        try {
            tryDeliver(domain);
        } catch (IOException e) {
            throw retries.refused(e);
        }
    }

    private void tryDeliver(ExportDomain domain) throws IOException {
        OutgoingDatagram datagram = domain.outgoing();
        try {
            datagram.sendTo(exporterSenders.getOrDefault(domain.id(), sender));
        } catch (IOException e) {
            counters.sendFailures.increment();
            domains.values().forEach(ExportDomain::templatesDue);
            if (refusalLog.shouldLog()) {
                log.warn("A collector refused a datagram of domain {} with {} flows; it is kept and sent again to the "
                        + "collectors that lack it, offsets wait ({} more refusals since the last message): {}",
                        domain.id(), datagram.flows(), refusalLog.takeSuppressed(), e.getMessage());
            }
            throw e;
        }
        domain.delivered();
        retries.succeeded();
        counters.flowsSent.add(datagram.flows());
        counters.datagramsSent.increment();
    }

    private void markSentIfAllIdle() {
        for (ExportDomain domain : domains.values()) {
            if (!domain.isIdle()) {
                return;
            }
        }
        offsets.allSent();
    }

    private void skip(SinkRecord record, String why) {
        counters.skipped.increment();
        if (skipLog.shouldLog()) {
            log.info("Skipped the record at {}: {} (and {} more since the last message)", NonFlowRecords.where(record), why,
                    skipLog.takeSuppressed());
        }
    }

    /**
     * Sends what waits, then commits only what every collector took. A refusal here fails
     * nothing (a throwing preCommit makes Connect seek back to the last commit): the datagram
     * waits for the next put, which retries it after the backoff.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        long now = System.currentTimeMillis();
        if (retries.mayTry()) {
            try {
                for (ExportDomain domain : domains.values()) {
                    flushAtCommit(domain, now);
                }
            } catch (IOException e) {
                retries.refusedAtCommit(); // one refusal is one attempt: the other domains wait too
            }
        }
        markSentIfAllIdle();
        return offsets.toCommit(currentOffsets);
    }

    private void flushAtCommit(ExportDomain domain, long now) throws IOException {
        if (domain.outgoing() != null) {
            tryDeliver(domain);
        }
        if (!domain.isEmpty()) {
            domain.cut(now, sender.collectors().size());
            tryDeliver(domain);
        }
    }

    /**
     * Forgets the partitions: when one comes back, Connect starts it from its last commit. A
     * datagram still on its way stays and goes when the collectors take it, so flows of a
     * partition revoked while a collector refused datagrams may reach the collectors twice.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
        int waiting = domains.values().stream().filter(domain -> !domain.isIdle()).mapToInt(domain ->
                domain.pendingFlows() + (domain.outgoing() == null ? 0 : domain.outgoing().flows())).sum();
        if (waiting > 0) {
            log.warn("Partitions {} closed while {} flows wait for the collectors: they are sent when the collectors "
                    + "take them, and the partitions' next owner sends them again from the last commit", partitions, waiting);
        }
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
            log.debug("closing the UDP sockets", e);
        }
        if (counters != null) {
            counters.close();
        }
        log.info("NetFlow export sink task stopped");
    }

    /** For tests: the flows waiting in all domains. */
    int pendingFlows() {
        return domains.values().stream().mapToInt(ExportDomain::pendingFlows).sum();
    }

    /** For tests: a counter of the task's plugin metrics. */
    long counter(String name) {
        return counters.value(name);
    }
}
