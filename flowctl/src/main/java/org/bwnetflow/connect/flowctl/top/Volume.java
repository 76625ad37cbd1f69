package org.bwnetflow.connect.flowctl.top;

/** Bytes, packets and flows added up (bytes and packets already scaled by the sampling rate). */
public final class Volume {

    long bytes;
    long packets;
    long flows;

    void add(long flowBytes, long flowPackets, long flowCount) {
        bytes += flowBytes;
        packets += flowPackets;
        flows += flowCount;
    }

    void add(Volume other) {
        add(other.bytes, other.packets, other.flows);
    }

    public long bytes() {
        return bytes;
    }

    public long packets() {
        return packets;
    }

    public long flows() {
        return flows;
    }
}
