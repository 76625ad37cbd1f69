package org.bwnetflow.connect.netflow.encode;

/**
 * One flow as the encoder writes it; addresses are 4 (IPv4) or 16 (IPv6) bytes, the next hop
 * of the same family, times are Unix milliseconds. The layer-2 fields (MACs as 48-bit numbers,
 * VLANs, Ethernet type) are written only by the {@link FlowExportEncoder.Layout#FULL} layout.
 */
public record ExportFlow(
        byte[] srcAddr, byte[] dstAddr, byte[] nextHop,
        long inIf, long outIf,
        long packets, long bytes,
        long startMillis, long endMillis,
        int srcPort, int dstPort, int tcpFlags, int proto, int tos,
        long srcAs, long dstAs, int srcMask, int dstMask, int direction,
        long srcMac, long dstMac, int srcVlan, int dstVlan, int etype) {

    public boolean isIpv6() {
        return srcAddr.length == 16;
    }
}
