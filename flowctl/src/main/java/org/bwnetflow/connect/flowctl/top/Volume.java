package org.bwnetflow.connect.flowctl.top;

import org.bwnetflow.connect.model.Counters;

/**
 * Bytes, packets and flows added up (bytes and packets already scaled by the sampling rate), each
 * saturating at Long.MAX_VALUE: a hostile exporter's counters never make a total negative.
 */
public final class Volume {

    long bytes;
    long packets;
    long flows;

    void add(long flowBytes, long flowPackets, long flowCount) {
        bytes = Counters.add(bytes, flowBytes);
        packets = Counters.add(packets, flowPackets);
        flows = Counters.add(flows, flowCount);
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
