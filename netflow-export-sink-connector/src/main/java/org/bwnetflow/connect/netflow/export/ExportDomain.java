package org.bwnetflow.connect.netflow.export;

import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.netflow.encode.ExportFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;

/**
 * One observation domain of the export: its encoder (templates, sequence numbers, v9 uptime
 * clock) and the flows waiting for the next datagram. A datagram is cut when it is full or its
 * first flow has waited a flush interval; templates ride along on the first datagram and then
 * at least once per template interval, and so does the domain's sampling rate when its flows
 * are not scaled yet.
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

    int pendingFlows() {
        return pending.size();
    }

    /** The waiting flows as one datagram (with templates when due), and nothing waiting any more. */
    byte[] takeDatagram(long nowMillis) {
        boolean templates = lastTemplatesMillis == Long.MIN_VALUE || nowMillis - lastTemplatesMillis >= templateIntervalMillis;
        // A sampled domain's rate is repeated with every template refresh, as collectors forget both together.
        long announce = announcementDue || templates && announcedRate != 1 ? announcedRate : 0;
        byte[] datagram = encoder.encode(pending, templates, announce, nowMillis);
        if (templates) {
            lastTemplatesMillis = nowMillis;
        }
        announcementDue = false;
        pending.clear();
        return datagram;
    }

    long id() {
        return id;
    }
}
