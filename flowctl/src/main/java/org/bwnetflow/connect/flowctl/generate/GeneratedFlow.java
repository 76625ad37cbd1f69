package org.bwnetflow.connect.flowctl.generate;

import org.bwnetflow.connect.netflow.encode.ExportFlow;

/** One synthetic flow; addresses are 4 (IPv4) or 16 (IPv6) bytes, times relative to when it is sent. */
public record GeneratedFlow(
        byte[] srcAddr, byte[] dstAddr, byte[] nextHop,
        int inIf, int outIf,
        long packets, long bytes,
        long endAgoMillis, long durationMillis,
        int srcPort, int dstPort, int tcpFlags, int proto, int tos,
        long srcAs, long dstAs, int srcMask, int dstMask, int direction) {

    public boolean isIpv6() {
        return srcAddr.length == 16;
    }

    /** The flow as the encoder writes it, when sent at {@code nowMillis}. */
    public ExportFlow at(long nowMillis) {
        long end = nowMillis - endAgoMillis;
        return new ExportFlow(srcAddr, dstAddr, nextHop, Integer.toUnsignedLong(inIf), Integer.toUnsignedLong(outIf),
                packets, bytes, end - durationMillis, end, srcPort, dstPort, tcpFlags, proto, tos, srcAs, dstAs,
                srcMask, dstMask, direction, 0, 0, 0, 0, 0);
    }

    /** The flows as the encoder writes them, when sent at {@code nowMillis}. */
    public static java.util.List<ExportFlow> at(java.util.List<GeneratedFlow> flows, long nowMillis) {
        return flows.stream().map(f -> f.at(nowMillis)).toList();
    }
}
