package org.bwnetflow.connect.flowctl.generate;

/** What the generator sent as one exporter: the ground truth a test compares against. */
public final class ExporterTotals {

    private final String exporter;
    private final long sourceId;
    private long datagrams;
    private long flows;
    private long bytes;
    private long packets;

    ExporterTotals(String exporter, long sourceId) {
        this.exporter = exporter;
        this.sourceId = sourceId;
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
