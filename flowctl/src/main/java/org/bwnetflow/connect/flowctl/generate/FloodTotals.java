package org.bwnetflow.connect.flowctl.generate;

import java.util.List;

/** What the generator sent of one {@code --flood}: printed with the totals, so a test knows when the attack began. */
public final class FloodTotals {

    private final FloodSpec spec;
    private long datagrams;
    private long flows;
    private long packets;
    private long bytes;
    private long firstDatagramMillis;
    private long lastDatagramMillis;

    FloodTotals(FloodSpec spec) {
        this.spec = spec;
    }

    void datagramSent(List<GeneratedFlow> sent, long atMillis) {
        if (datagrams == 0) {
            firstDatagramMillis = atMillis;
        }
        lastDatagramMillis = atMillis;
        datagrams++;
        for (GeneratedFlow flow : sent) {
            flows++;
            packets += flow.packets();
            bytes += flow.bytes();
        }
    }

    /** The flood as given (all eight fields). */
    public String getFlood() {
        return spec.toString();
    }

    public String getTarget() {
        return spec.targetText();
    }

    public long getDatagrams() {
        return datagrams;
    }

    public long getFlows() {
        return flows;
    }

    public long getPackets() {
        return packets;
    }

    public long getBytes() {
        return bytes;
    }

    /** Wall clock (Unix ms) right before the flood's first datagram was sent; 0 if none was. */
    public long getFirstDatagramMillis() {
        return firstDatagramMillis;
    }

    /** Wall clock (Unix ms) right before the flood's last datagram was sent; 0 if none was. */
    public long getLastDatagramMillis() {
        return lastDatagramMillis;
    }
}
