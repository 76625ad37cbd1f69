package org.bwnetflow.connect.netflow.source;

import org.bwnetflow.connect.netflow.decode.DecoderCounters;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.decode.StateKind;
import org.bwnetflow.connect.netflow.source.offsets.OffsetJournal;
import org.bwnetflow.connect.netflow.source.offsets.PendingDatagrams;
import org.bwnetflow.connect.netflow.source.offsets.StateRestorer;

/** Every task-wide metric of the source, in one place: what arrived, what was decoded, kept, dropped, saved. */
final class SourceTaskGauges {

    private SourceTaskGauges() {
    }

    static void register(SourceMetrics m, UdpReceiver receiver, DatagramQueue queue, NetFlowDecoder decoder,
            OffsetJournal journal, StateRestorer restorer, PendingDatagrams pending, ExporterMetrics exporters,
            TaskCounters task, KernelDropCounter kernelDrops) {
        long startedAt = System.currentTimeMillis();
        m.gauge("task-started-at-ms", "When this task started (epoch ms); its counters count from then", () -> startedAt);
        receiving(m, receiver, queue, kernelDrops);
        decoding(m, decoder.counters());
        m.gauge("clock-skewed", "Flows whose time lay beyond flow.time.tolerance.ms from their receive time "
                + "(exporters with a wrong clock)", () -> task.clockSkewed);
        state(m, decoder, task, exporters);
        offsets(m, journal, restorer, pending, task);
    }

    private static void receiving(SourceMetrics m, UdpReceiver receiver, DatagramQueue queue, KernelDropCounter drops) {
        m.gauge("datagrams-received", "UDP datagrams received", receiver.datagramsReceived::sum);
        m.gauge("bytes-received", "UDP payload bytes received", receiver.bytesReceived::sum);
        m.gauge("datagrams-not-allowed", "Datagrams dropped because the sender is not in exporter.allowlist",
                receiver.datagramsNotAllowed::sum);
        m.gauge("queue-size", "Datagrams waiting between the receivers and poll()", queue::size);
        m.gauge("queue-bytes", "Bytes of datagrams waiting between the receivers and poll()", queue::bytes);
        m.gauge("socket-receive-buffer-bytes", "SO_RCVBUF the kernel granted", receiver::effectiveReceiveBufferBytes);
        m.gauge("kernel-drops", "Datagrams the kernel dropped on the listen port (host-wide; -1 unknown)",
                drops::drops);
    }

    private static void decoding(SourceMetrics m, DecoderCounters c) {
        m.gauge("datagrams-decoded", "Datagrams handed to the decoder", c::datagrams);
        m.gauge("flows", "Flow records decoded (both halves of biflow records)", c::flows);
        m.gauge("reverse-flows", "Flows made from the reverse half of RFC 5103 biflow records", c::reverseFlows);
        m.gauge("options-records", "Options data records (sampling, interface tables)", c::optionsRecords);
        m.gauge("templates-received", "Template records received", c::templatesReceived);
        m.gauge("templates-withdrawn", "IPFIX template withdrawals (single or all)", c::templatesWithdrawn);
        m.gauge("template-misses", "Data sets skipped because their template is unknown", c::templateMisses);
        m.gauge("malformed", "Malformed datagrams or sets, skipped", c::malformed);
        m.gauge("unknown-version", "Datagrams that are not NetFlow v5, v9, IPFIX or sFlow v5", c::unknownVersion);
        m.gauge("time-fields-unusual-length", "Time fields of a length the decoder does not know, ignored",
                c::timeFieldsUnusualLength);
        m.gauge("sequence-gaps", "Forward jumps of export sequence numbers (loss before us)", c::sequenceGaps);
        m.gauge("sequence-missing", "Datagrams (v9) or records (v5, IPFIX) lost before us", c::sequenceMissing);
        m.gauge("decoder-errors", "Decoder bugs caught by the last-resort guard", c::internalErrors);
        sflow(m, c);
    }

    private static void sflow(SourceMetrics m, DecoderCounters c) {
        m.gauge("sflow-samples", "sFlow flow samples decoded (one flow each)", c::sflowSamples);
        m.gauge("sflow-counter-samples", "sFlow counter samples (counted, not turned into flows)",
                c::sflowCounterSamples);
        m.gauge("sflow-unknown-samples", "sFlow samples of a format the decoder does not know, skipped",
                c::sflowUnknownSamples);
        m.gauge("sflow-unknown-records", "sFlow flow records of a format the decoder does not know, skipped",
                c::sflowUnknownRecords);
    }

    private static void state(SourceMetrics m, NetFlowDecoder decoder, TaskCounters task, ExporterMetrics exporters) {
        DecoderCounters c = decoder.counters();
        long max = decoder.settings().stateMaxBytes();
        m.gauge("state-bytes", "Heap bytes of decoder state, as charged to state.max.bytes", () -> task.stateBytes);
        m.gauge("state-proven-bytes", "Of which state that has decoded flows", () -> task.provenStateBytes);
        m.gauge("state-max-bytes", "state.max.bytes", () -> max);
        m.gauge("exporters", "Exporters the decoder keeps state for", () -> task.exporters);
        m.gauge("exporters-with-metrics", "Exporters with metrics of their own (metrics.exporters.max)",
                exporters::taggedCount);
        m.gauge("exporters-rejected", "Datagrams of new exporters the state budget had no room for",
                c::exportersRejected);
        m.gauge("domains-rejected",
                "Datagrams of new source ids / observation domains the state budget had no room for", c::domainsRejected);
        m.gauge("templates-rejected", "New templates the state budget had no room for", c::templatesRejected);
        m.gauge("options-rejected", "Options records whose new sampler or interface the state budget had no room for",
                c::optionsRejected);
        for (StateKind kind : StateKind.values()) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT) + "s";
            m.gauge(name + "-evicted", "State entries (" + name + ") evicted to stay within state.max.bytes",
                    () -> c.evicted(kind));
        }
        m.gauge("exporters-expired", "Exporters forgotten after state.idle.expiry.ms",
                () -> c.expired(StateKind.EXPORTER));
        m.gauge("domains-expired", "Domains forgotten after state.idle.expiry.ms", () -> c.expired(StateKind.DOMAIN));
        m.gauge("templates-expired", "Templates forgotten after template.expiry.ms", () -> c.expired(StateKind.TEMPLATE));
    }

    private static void offsets(SourceMetrics m, OffsetJournal journal, StateRestorer restorer,
            PendingDatagrams pending, TaskCounters task) {
        m.gauge("offset-writes", "State offsets written: templates, interface buckets, domain indexes "
                + "(besides, each record carries its domain's offset)",
                journal::writes);
        m.gauge("offset-tombstones", "Offsets deleted for forgotten templates, interfaces, domains and exporters",
                journal::tombstones);
        m.gauge("offset-max-bytes", "The largest offset value written so far", journal::largestOffsetBytes);
        m.gauge("offset-entries-cut", "Interface entries left out of an offset to keep it under 64 KiB",
                journal::entriesCut);
        m.gauge("offset-writes-pending", "Offset writes waiting for a record to carry them", journal::pendingWrites);
        m.gauge("restore-reads", "Batched reads of saved state from the offsets", restorer::reads);
        m.gauge("restore-read-failures", "Reads of saved state that failed (those domains started empty)",
                restorer::readFailures);
        m.gauge("restore-unreadable", "Saved entries that could not be read back", restorer::unreadableEntries);
        m.gauge("domains-restored", "Domains whose saved state came back from the offsets", () -> task.domainsRestored);
        m.gauge("restores-skipped", "New domains decoded at once, without waiting for saved state, because too "
                + "many reads were queued or the waiting datagrams filled their buffer", () -> task.restoresSkipped);
        m.gauge("restores-timed-out", "New domains whose saved state did not come within offsets.restore.timeout.ms",
                () -> task.restoresTimedOut);
        m.gauge("datagrams-waiting-restore", "Bytes of datagrams held while their domain's saved state is read",
                pending::heldBytes);
    }
}
