package org.bwnetflow.connect.netflow.source;

import org.bwnetflow.connect.model.logging.RateLimitedLog;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.bwnetflow.connect.model.StructValues;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.netflow.decode.DatagramKey;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.DomainState;
import org.bwnetflow.connect.netflow.decode.ExporterState;
import org.bwnetflow.connect.netflow.decode.ListenerFailure;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.decode.StateListener;
import org.bwnetflow.connect.netflow.source.offsets.OffsetJournal;
import org.bwnetflow.connect.netflow.source.offsets.PendingDatagrams;
import org.bwnetflow.connect.netflow.source.offsets.StateRestorer;
import org.bwnetflow.connect.netflow.source.offsets.StateRestorer.DomainKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives datagrams on a UDP port, decodes them in poll() and returns one FlowMessage record
 * per flow. The decoder's proven state travels in the source offsets ({@link OffsetJournal}) and
 * comes back, read in the background, when a domain is first seen ({@link StateRestorer}).
 */
public class NetFlowSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(NetFlowSourceTask.class);
    private static final long MAX_EXPIRY_INTERVAL_MS = 10_000;
    private static final long SUMMARY_INTERVAL_MS = 60_000;
    /** Connect puts the connector's name into its config, and so into every task's. */
    private static final String CONNECTOR_NAME = "name";

    private NetFlowSourceConfig config;
    private NetFlowDecoder decoder;
    private FlowRecords records;
    private ClockSkewCount clockSkew;
    private DatagramQueue queue;
    private UdpReceiver receiver;
    private SourceMetrics metrics;
    private ExporterMetrics exporterMetrics;
    /** Null when health.topic is empty. */
    private IngestHealthReport health;
    private OffsetJournal journal;
    private StateRestorer restorer;
    private PendingDatagrams pending;
    private String topic;
    private int batchMaxRecords;
    private long pollTimeoutMs;
    private long restoreTimeoutMs;
    private long nextExpiryMs;
    private long nextSummaryMs;
    private final RateLimitedLog internalErrorLog = new RateLimitedLog(60_000);
    private long reportedInternalErrors;
    private final StateSummary summary = new StateSummary();
    private final TaskCounters taskCounters = new TaskCounters();
    /** Records of the poll() in progress; handed to Connect, so a new list each time. */
    private List<SourceRecord> batch = new ArrayList<>();
    /** Records decoded beyond batch.max.records: the next poll() returns them first. */
    private List<SourceRecord> carried = new ArrayList<>();
    private long expiryIntervalMs;

    // Seams for tests that must provoke failures the real world rarely does; the defaults are the real thing.
    Function<DecodedFlow, Struct> structMapper = FlowStructMapper::toStruct;
    Function<Predicate<InetAddress>, Predicate<InetAddress>> allowlistWrapper = Function.identity();

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new NetFlowSourceConfig(props);
        DecoderSettings settings = config.decoderSettings();
        topic = config.topic();
        batchMaxRecords = config.batchMaxRecords();
        pollTimeoutMs = config.pollTimeoutMs();
        restoreTimeoutMs = config.restoreTimeoutMs();
        metrics = new SourceMetrics(context.pluginMetrics());
        exporterMetrics = new ExporterMetrics(metrics, config.metricsExportersMax());
        journal = new OffsetJournal(settings.templateExpiryMillis(), System::currentTimeMillis);
        decoder = new NetFlowDecoder(settings, new TaskStateListener());
        clockSkew = new ClockSkewCount(config.flowClock());
        records = new FlowRecords(decoder, journal, topic, config.keyByExporter(), clockSkew, structMapper);
        queue = new DatagramQueue(config.queueCapacity(), config.queueMaxBytes());
        pending = new PendingDatagrams(config.queueMaxBytes() / 4);
        String name = "netflow-source-" + topic;
        restorer = new StateRestorer(context.offsetStorageReader(), settings.templateExpiryMillis(),
                settings.idleExpiryMillis(), name);
        receiver = new UdpReceiver(config.listenAddress(), config.receiverThreads(), config.socketReceiveBufferBytes(),
                allowlistWrapper.apply(config.exporterAllowlist()), queue);
        try {
            receiver.start(name);
        } catch (IOException e) {
            exporterMetrics.close();
            metrics.close();
            throw new ConnectException(NetFlowSourceConfig.LISTEN_PORT + ": " + e.getMessage(), e);
        }
        restorer.start();
        KernelDropCounter kernelDrops = new KernelDropCounter(receiver.port());
        SourceTaskGauges.register(metrics, receiver, queue, decoder, journal, restorer, pending, exporterMetrics,
                taskCounters, kernelDrops);
        health = healthReport(props, kernelDrops);
        expiryIntervalMs = Math.min(MAX_EXPIRY_INTERVAL_MS, settings.idleExpiryMillis() / 4);
        nextExpiryMs = System.currentTimeMillis() + expiryIntervalMs;
        nextSummaryMs = System.currentTimeMillis() + SUMMARY_INTERVAL_MS;
        log.info("NetFlow source task started: topic {}, key {}, state budget {} MiB, Structs filled {}", topic,
                config.keyByExporter() ? "exporter" : "none", settings.stateMaxBytes() >> 20,
                StructValues.available() ? "directly" : "through Struct.put (slower: the value array is not reachable)");
    }

    private IngestHealthReport healthReport(Map<String, String> props, KernelDropCounter kernelDrops) {
        if (config.healthTopic().isEmpty()) {
            return null;
        }
        IngestHealthReport.TaskTotals totals = new IngestHealthReport.TaskTotals(receiver.datagramsReceived::sum,
                receiver.datagramsNotAllowed::sum, kernelDrops::drops, clockSkew::flows);
        return new IngestHealthReport(config.healthTopic(), config.healthIntervalMs(),
                props.getOrDefault(CONNECTOR_NAME, ""), NetFlowSourceConnector.taskNumber(props),
                config.metricsExportersMax(), decoder, totals, System.currentTimeMillis());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        failIfReceiverStopped();
        batch = carried;
        carried = new ArrayList<>();
        try {
            applyRestores();
            Datagram datagram = batch.isEmpty() ? queue.poll(pollTimeoutMs, TimeUnit.MILLISECONDS) : queue.poll();
            while (datagram != null) {
                route(datagram);
                datagram = batch.size() < batchMaxRecords ? queue.poll() : null;
            }
        } catch (ListenerFailure e) {
            throw new ConnectException("Building a FlowMessage record failed: " + e.getCause(), e.getCause());
        }
        if (batch.size() > batchMaxRecords) {
            carried = new ArrayList<>(batch.subList(batchMaxRecords, batch.size()));
            batch = new ArrayList<>(batch.subList(0, batchMaxRecords));
        }
        housekeeping();
        return batch.isEmpty() ? null : batch;
    }

    private void failIfReceiverStopped() {
        Throwable failure = receiver.failure();
        if (failure != null) {
            throw new ConnectException("UDP receiver thread " + receiver.failedThread() + " stopped: " + failure,
                    failure);
        }
    }

    /** A domain seen for the first time waits (bounded) for its saved state; everything else decodes now. */
    private void route(Datagram datagram) {
        byte[] data = datagram.data();
        long domainId = DatagramKey.domainId(data, 0, data.length);
        int version = DatagramKey.version(data, 0, data.length);
        if (domainId == DatagramKey.NONE || decoder.knows(datagram.sender(), version, domainId)) {
            decode(datagram);
            return;
        }
        DomainKey key = new DomainKey(datagram.sender(), version, domainId);
        if (pending.isWaiting(key)) {
            if (!pending.add(key, datagram)) {
                // no room to wait: decode now, in order, without the saved state
                taskCounters.restoresSkipped++;
                pending.release(key, this::decode);
                decode(datagram);
            }
        } else if (pending.hasRoomFor(datagram) && restorer.request(key)) {
            pending.start(key, datagram, System.currentTimeMillis());
        } else {
            taskCounters.restoresSkipped++;
            decode(datagram);
        }
    }

    private void applyRestores() {
        long now = System.currentTimeMillis();
        StateRestorer.Result result;
        while ((result = restorer.poll()) != null) {
            DomainKey key = result.key();
            DomainState domain = result.saved() == null ? null
                    : decoder.restore(key.exporter(), key.version(), key.domainId(), result.saved(), now);
            if (domain != null) {
                journal.restored(domain, result.index());
                taskCounters.domainsRestored++;
            }
            pending.release(key, this::decode);
        }
        taskCounters.restoresTimedOut += pending.releaseOlderThan(restoreTimeoutMs, now, this::decode);
    }

    private void decode(Datagram datagram) {
        records.decode(datagram, batch);
    }

    private void housekeeping() {
        long now = System.currentTimeMillis();
        taskCounters.publish(decoder, clockSkew);
        if (now >= nextExpiryMs) {
            decoder.expire(now);
            exporterMetrics.rebalance(decoder.exporters());
            nextExpiryMs = now + expiryIntervalMs;
        }
        if (health != null) {
            health.reportIfDue(now, batch);
        }
        if (now >= nextSummaryMs) {
            summary.logIfChanged(decoder, journal);
            nextSummaryMs = now + SUMMARY_INTERVAL_MS;
        }
        long internalErrors = decoder.counters().internalErrors();
        if (internalErrors > reportedInternalErrors && internalErrorLog.shouldLog()) {
            log.error("Decoder failed on {} datagram(s) so far (skipped); last error:", internalErrors,
                    decoder.lastInternalError());
            reportedInternalErrors = internalErrors;
        }
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (restorer != null) {
            restorer.close();
        }
        if (exporterMetrics != null) {
            exporterMetrics.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (decoder != null) {
            log.info("NetFlow source task stopped: {}", decoder.counters());
        }
    }

    /** Decoder state events: offsets to save or delete, exporter metrics to drop. */
    private final class TaskStateListener implements StateListener {

        @Override
        public void exporterAdded(ExporterState exporter) {
            log.debug("New exporter {}", exporter.address().getHostAddress());
        }

        @Override
        public void exporterProven(ExporterState exporter) {
            exporterMetrics.exporterProven(exporter);
        }

        @Override
        public void exporterRemoved(ExporterState exporter) {
            exporterMetrics.exporterRemoved(exporter);
            if (health != null) {
                health.exporterForgotten(exporter);
            }
            log.debug("Exporter {} forgotten", exporter.address().getHostAddress());
        }

        @Override
        public void domainRemoved(DomainState domain) {
            journal.domainRemoved(domain);
        }

        @Override
        public void provenTemplateChanged(DomainState domain, int templateId) {
            journal.provenTemplateChanged(domain, templateId);
        }

        @Override
        public void provenTemplateRemoved(DomainState domain, int templateId) {
            journal.provenTemplateRemoved(domain, templateId);
        }

        @Override
        public void provenInterfaceChanged(DomainState domain, long ifIndex) {
            journal.provenInterfaceChanged(domain, ifIndex);
        }
    }
}
