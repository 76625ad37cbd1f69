package org.bwnetflow.connect.netflow.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bwnetflow.connect.netflow.encode.ExportFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;

/**
 * One observation domain of the export: its encoder (templates, sequence numbers, v9 uptime
 * clock), the flows waiting for the next datagram, and the datagram on its way out. A datagram
 * is cut when it is full or its first flow has waited a flush interval; templates ride along on
 * the first datagram and then at least once per template interval, and so does the domain's
 * sampling rate when its flows are not scaled yet. A datagram a collector refused stays the
 * domain's outgoing one until every collector took it; no other is cut meanwhile, so the
 * collectors see the domain's sequence numbers in order.
 */
final class ExportDomain {

    private final long id;
    private final FlowExportEncoder encoder;
    private final int maxFlows;
    private final long templateIntervalMillis;
    private final List<ExportFlow> pending = new ArrayList<>();
    private long firstPendingMillis;
    private long lastTemplatesMillis = Long.MIN_VALUE;
    /** The 1-in-N rate the collectors were told about (1: none, or flows already scaled). */
    private long announcedRate = 1;
    private boolean announcementDue;
    private OutgoingDatagram outgoing;

    ExportDomain(long id, FlowExportEncoder encoder, int maxDatagramBytes, long templateIntervalMillis) {
        this.id = id;
        this.encoder = encoder;
        this.maxFlows = encoder.maxFlows(maxDatagramBytes);
        if (maxFlows < 1) {
            throw new IllegalArgumentException("a datagram of " + maxDatagramBytes + " bytes holds no flow with templates");
        }
        this.templateIntervalMillis = templateIntervalMillis;
    }

    /** Adds a flow; true when the datagram is full and should be sent now. */
    boolean add(ExportFlow flow, long nowMillis) {
        if (pending.isEmpty()) {
            firstPendingMillis = nowMillis;
        }
        pending.add(flow);
        return pending.size() >= maxFlows;
    }

    /** True when flows of this rate need an announcement first (send what waits, then {@link #announce}). */
    boolean rateChanges(long rate) {
        return rate != announcedRate;
    }

    /** The next datagram tells the collectors that the domain's flows are sampled 1 in {@code rate}. */
    void announce(long rate) {
        announcedRate = rate;
        announcementDue = true;
    }

    boolean isDue(long nowMillis, long flushIntervalMillis) {
        return !pending.isEmpty() && nowMillis - firstPendingMillis >= flushIntervalMillis;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Nothing waits and nothing is on its way: every flow added was taken by every collector. */
    boolean isIdle() {
        return pending.isEmpty() && outgoing == null;
    }

    int pendingFlows() {
        return pending.size();
    }

    /** The datagram on its way out (one a collector refused), or null. */
    OutgoingDatagram outgoing() {
        return outgoing;
    }

    /** Every collector took the outgoing datagram. */
    void delivered() {
        outgoing = null;
    }

    /**
     * Makes the waiting flows the outgoing datagram (with templates when due) and waits for nothing
     * any more; only when no datagram is on its way.
     */
    void cut(long nowMillis, int collectors) {
        if (outgoing != null) {
            throw new IllegalStateException("domain " + id + " still has a datagram on its way");
        }
        boolean templates = lastTemplatesMillis == Long.MIN_VALUE || nowMillis - lastTemplatesMillis >= templateIntervalMillis;
        // A sampled domain's rate is repeated with every template refresh, as collectors forget both together.
        long announce = announcementDue || templates && announcedRate != 1 ? announcedRate : 0;
        long sequence = encoder.nextSequence();
        List<ExportFlow> flows = List.copyOf(pending);
        byte[] datagram = encoder.encode(flows, templates, announce, nowMillis);
        // Sent again to a collector that refused it: with templates, and only the announcement it had (in
        // IPFIX an added options record would count in the sequence).
        Supplier<byte[]> withTemplates = templates ? () -> datagram
                : () -> encoder.encodeAgain(sequence, flows, true, announce, nowMillis);
        if (templates) {
            lastTemplatesMillis = nowMillis;
        }
        announcementDue = false;
        outgoing = new OutgoingDatagram(datagram, withTemplates, flows.size(), collectors);
        pending.clear();
    }

    /**
     * A collector refused a datagram: it may restart and forget the templates and the sampling
     * rate, so the next datagram cut carries both again.
     */
    void templatesDue() {
        lastTemplatesMillis = Long.MIN_VALUE;
    }

    long id() {
        return id;
    }
}
