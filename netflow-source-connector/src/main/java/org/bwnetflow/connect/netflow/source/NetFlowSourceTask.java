package org.bwnetflow.connect.netflow.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.bwnetflow.connect.model.FlowStructMapper;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.DecoderStateListener;
import org.bwnetflow.connect.netflow.decode.DomainState;
import org.bwnetflow.connect.netflow.decode.ExporterState;
import org.bwnetflow.connect.netflow.decode.FlowListener;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives datagrams on a UDP port, decodes them in poll() and returns one FlowMessage record
 * per flow. Templates, sampling rates and interface names travel in the source offsets.
 */
public class NetFlowSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(NetFlowSourceTask.class);
    private static final long EXPIRY_INTERVAL_MS = 60_000;
    private static final long WARN_INTERVAL_MS = 60_000;

    private NetFlowSourceConfig config;
    private DecoderSettings settings;
    private NetFlowDecoder decoder;
    private BlockingQueue<Datagram> queue;
    private UdpReceiver receiver;
    private SourceMetrics metrics;
    private String topic;
    private boolean keyByExporter;
    private int batchMaxRecords;
    private long pollTimeoutMs;
    private long nextExpiryMs;
    private long nextWarnMs;
    private long reportedInternalErrors;
    /** The records of the poll() in progress; handed to Connect, so a new list each time. */
    private List<SourceRecord> batch = new ArrayList<>();
    private final FlowListener toRecord = this::addRecord;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new NetFlowSourceConfig(props);
        settings = config.decoderSettings();
        topic = config.topic();
        keyByExporter = config.keyByExporter();
        batchMaxRecords = config.batchMaxRecords();
        pollTimeoutMs = config.pollTimeoutMs();
        metrics = new SourceMetrics(context.pluginMetrics());
        decoder = new NetFlowDecoder(settings, new StateListener(context.offsetStorageReader()));
        queue = new ArrayBlockingQueue<>(config.queueCapacity());
        receiver = new UdpReceiver(config.listenAddress(), config.receiverThreads(),
                config.socketReceiveBufferBytes(), config.exporterAllowlist(), queue);
        try {
            receiver.start("netflow-source-" + topic);
        } catch (IOException e) {
            metrics.close();
            throw new ConnectException(NetFlowSourceConfig.LISTEN_PORT + ": " + e.getMessage(), e);
        }
        metrics.registerTask(receiver, queue, decoder.counters(), new KernelDropCounter(receiver.port()));
        nextExpiryMs = System.currentTimeMillis() + EXPIRY_INTERVAL_MS;
        log.info("NetFlow source task started: topic {}, key {}", topic, keyByExporter ? "exporter" : "none");
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Datagram datagram = queue.poll(pollTimeoutMs, TimeUnit.MILLISECONDS);
        batch = new ArrayList<>();
        while (datagram != null) {
            decoder.decode(datagram.data(), 0, datagram.data().length, datagram.sender(), datagram.receivedMillis(),
                    toRecord);
            if (batch.size() >= batchMaxRecords) {
                break;
            }
            datagram = queue.poll();
        }
        housekeeping();
        return batch.isEmpty() ? null : batch;
    }

    private void addRecord(DecodedFlow flow) {
        RecordContext rc = RecordContext.of(flow.domain());
        batch.add(new SourceRecord(rc.partition, rc.offset(flow.domain()), topic, null,
                keyByExporter ? Schema.STRING_SCHEMA : null, keyByExporter ? rc.exporterKey : null,
                FlowMessageSchema.SCHEMA, FlowStructMapper.toStruct(flow), flow.timeReceivedMillis()));
    }

    private void housekeeping() {
        long now = System.currentTimeMillis();
        if (now >= nextExpiryMs) {
            decoder.expire(now);
            nextExpiryMs = now + EXPIRY_INTERVAL_MS;
        }
        long internalErrors = decoder.counters().internalErrors();
        if (internalErrors > reportedInternalErrors && now >= nextWarnMs) {
            log.error("Decoder failed on {} datagram(s) so far (skipped); last error:", internalErrors,
                    decoder.lastInternalError());
            reportedInternalErrors = internalErrors;
            nextWarnMs = now + WARN_INTERVAL_MS;
        }
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (decoder != null) {
            log.info("NetFlow source task stopped: {}", decoder.counters());
        }
    }

    /** Restores a domain from its offset on first contact and keeps the exporter metrics current. */
    private final class StateListener implements DecoderStateListener {
        private final OffsetStorageReader offsets;

        StateListener(OffsetStorageReader offsets) {
            this.offsets = offsets;
        }

        @Override
        public void onNewExporter(ExporterState exporter) {
            metrics.exporterAdded(exporter);
            log.info("New exporter {}", exporter.address().getHostAddress());
        }

        @Override
        public void onExporterRemoved(ExporterState exporter) {
            metrics.exporterRemoved(exporter);
            log.info("Exporter {} idle: forgotten", exporter.address().getHostAddress());
        }

        @Override
        public void onNewDomain(DomainState domain) {
            Map<String, Object> partition = DomainOffsets.partition(domain);
            Map<String, Object> offset;
            try {
                offset = offsets.offset(partition);
            } catch (RuntimeException e) {
                log.warn("Cannot read saved state of {}: starting without it ({})", partition, e.toString());
                return;
            }
            DomainOffsets.SavedState saved = DomainOffsets.read(offset);
            if (saved.isEmpty()) {
                return;
            }
            domain.restore(saved.templates, saved.defaultSamplingRate, saved.samplerRates, saved.interfaces,
                    saved.expectedSequence, System.currentTimeMillis(), settings);
            log.info("Restored {} template(s), sampling and {} interface name(s) of {} from offsets{}",
                    saved.templates.size(), saved.interfaces.size(), partition,
                    saved.unreadable > 0 ? " (" + saved.unreadable + " unreadable entries skipped)" : "");
        }
    }

    /**
     * Per-domain record metadata, cached on the domain: the partition map and key never change;
     * the offset map is rebuilt only when the state or sequence number moved.
     */
    private static final class RecordContext {
        final Map<String, Object> partition;
        final String exporterKey;
        private long changeCount = -1;
        private Map<String, Object> state;
        private long sequence = -2;
        private Map<String, Object> offset;

        private RecordContext(DomainState domain) {
            this.partition = DomainOffsets.partition(domain);
            this.exporterKey = domain.exporter().address().getHostAddress();
        }

        static RecordContext of(DomainState domain) {
            Object attached = domain.attachment();
            if (attached instanceof RecordContext) {
                return (RecordContext) attached;
            }
            RecordContext context = new RecordContext(domain);
            domain.attach(context);
            return context;
        }

        Map<String, Object> offset(DomainState domain) {
            if (state == null || changeCount != domain.changeCount()) {
                state = DomainOffsets.state(domain);
                changeCount = domain.changeCount();
                offset = null;
            }
            if (offset == null || sequence != domain.expectedSequence()) {
                sequence = domain.expectedSequence();
                offset = DomainOffsets.withSequence(state, sequence);
            }
            return offset;
        }
    }
}
