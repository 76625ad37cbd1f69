package org.bwnetflow.connect.flowctl.generate;

/** One synthetic flow; addresses are 4 (IPv4) or 16 (IPv6) bytes. */
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
}
