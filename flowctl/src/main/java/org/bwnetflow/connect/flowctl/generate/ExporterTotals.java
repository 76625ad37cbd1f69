package org.bwnetflow.connect.flowctl.generate;

/** What the generator sent as one exporter: the ground truth a test compares against. */
public final class ExporterTotals {

    private final String exporter;
    private final long sourceId;
    private final long clockOffsetSeconds;
    private long datagrams;
    private long flows;
    private long bytes;
    private long packets;

    ExporterTotals(String exporter, long sourceId, long clockOffsetSeconds) {
        this.exporter = exporter;
        this.sourceId = sourceId;
        this.clockOffsetSeconds = clockOffsetSeconds;
    }

    void add(GeneratedFlow flow) {
        flows++;
        bytes += flow.bytes();
        packets += flow.packets();
    }

    void datagramSent() {
        datagrams++;
    }

    public String getExporter() {
        return exporter;
    }

    public long getSourceId() {
        return sourceId;
    }

    /** How far this exporter's clock was off (--clock-offset): all its flows then carry a time that far away. */
    public long getClockOffsetSeconds() {
        return clockOffsetSeconds;
    }

    public long getDatagrams() {
        return datagrams;
    }

    public long getFlows() {
        return flows;
    }

    public long getBytes() {
        return bytes;
    }

    public long getPackets() {
        return packets;
    }
}
