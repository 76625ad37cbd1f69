package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u32;

/**
 * The flow records of one sFlow flow sample, merged into one {@link DecodedFlow}: the raw packet
 * header (0:1, parsed by {@link SFlowPacketHeader}), sampled Ethernet (0:2), sampled IPv4 (0:3)
 * and IPv6 (0:4), extended switch (0:1001), router (0:1002) and gateway (0:1003). Other formats
 * are counted and skipped by their length.
 *
 * <p>Merging, independent of the records' order: the parsed packet header's L3/L4 fields win over
 * a sampled IPv4/IPv6 record's; the extended router's next hop wins over the gateway's. Bytes is
 * the frame length (the raw header's, else sampled Ethernet's), else the IP length; with
 * {@code ipLength} the other way round. Packets is 1.
 */
final class SFlowFlowRecords {

    private static final int RAW_PACKET_HEADER = 1;
    private static final int SAMPLED_ETHERNET = 2;
    private static final int SAMPLED_IPV4 = 3;
    private static final int SAMPLED_IPV6 = 4;
    private static final int EXTENDED_SWITCH = 1001;
    private static final int EXTENDED_ROUTER = 1002;
    private static final int EXTENDED_GATEWAY = 1003;

    private static final int RAW_HEADER_FIXED = 16;
    private static final int SAMPLED_ETHERNET_LENGTH = 24;
    private static final int SAMPLED_IPV4_LENGTH = 32;
    private static final int SAMPLED_IPV6_LENGTH = 56;
    private static final int EXTENDED_SWITCH_LENGTH = 16;
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;

    private final DecoderCounters counters;
    private final boolean ipLength;
    private final SFlowPacketHeader header = new SFlowPacketHeader();

    // Per sample: what its records said, before they are merged.
    private long frameLength;
    private long headerIpLength;
    private long sampledIpLength;
    private boolean headerL3;
    private boolean routerNextHop;
    /** The last sampled IPv4/IPv6 record: where it is (in the datagram being decoded) and its address length. */
    private byte[] sampledBytes;
    private int sampledAt;
    private int sampledAddressLength;

    SFlowFlowRecords(DecoderCounters counters, boolean ipLength) {
        this.counters = counters;
        this.ipLength = ipLength;
    }

    /**
     * Reads {@code count} records from {@code [pos, end)} into {@code flow}; false (counted as
     * malformed) when a record's header or length runs past the sample.
     */
    boolean read(byte[] b, int pos, int end, long count, DecodedFlow flow) {
        frameLength = -1;
        headerIpLength = -1;
        sampledIpLength = -1;
        headerL3 = false;
        routerNextHop = false;
        sampledBytes = null;
        for (long i = 0; i < count; i++) {
            if (end - pos < 8 || u32(b, pos + 4) > end - pos - 8) {
                counters.malformed++;
                sampledBytes = null;
                return false;
            }
            int recordEnd = pos + 8 + (int) u32(b, pos + 4);
            record(u32(b, pos), b, pos + 8, recordEnd, flow);
            pos = recordEnd;
        }
        if (sampledBytes != null && !headerL3) {
            applySampledIp(flow);
        }
        sampledBytes = null; // no reference to the datagram kept beyond it
        flow.raw(DecodedFlow.OCTET_DELTA, bytes());
        flow.raw(DecodedFlow.PACKET_DELTA, 1);
        return true;
    }

    private long bytes() {
        long ip = headerL3 ? headerIpLength : sampledIpLength;
        long first = ipLength ? ip : frameLength;
        long second = ipLength ? frameLength : ip;
        return first >= 0 ? first : Math.max(second, 0);
    }

    private void record(long format, byte[] b, int pos, int end, DecodedFlow flow) {
        boolean known = true;
        int required = 0;
        switch ((int) Math.min(format, Integer.MAX_VALUE)) {
            case RAW_PACKET_HEADER -> required = rawHeader(b, pos, end, flow);
            case SAMPLED_ETHERNET -> required = sampledEthernet(b, pos, end, flow);
            case SAMPLED_IPV4 -> required = sampledIp(b, pos, end, 4);
            case SAMPLED_IPV6 -> required = sampledIp(b, pos, end, 16);
            case EXTENDED_SWITCH -> required = extendedSwitch(b, pos, end, flow);
            case EXTENDED_ROUTER -> required = extendedRouter(b, pos, end, flow);
            case EXTENDED_GATEWAY -> required = extendedGateway(b, pos, end, flow);
            default -> known = false;
        }
        if (!known) {
            counters.sflowUnknownRecords++;
        } else if (required < 0) {
            counters.malformed++; // shorter than its own fields say: the record is ignored, the sample kept
        }
    }

    /** Returns -1 when the fixed fields do not fit; header bytes beyond the record are cut (and counted). */
    private int rawHeader(byte[] b, int pos, int end, DecodedFlow flow) {
        if (end - pos < RAW_HEADER_FIXED) {
            return -1;
        }
        int protocol = (int) Math.min(u32(b, pos), Integer.MAX_VALUE);
        frameLength = u32(b, pos + 4);
        long headerLength = u32(b, pos + 12);
        int start = pos + RAW_HEADER_FIXED;
        int available = end - start;
        int parsed = (int) Math.min(headerLength, available);
        header.parse(protocol, b, start, start + parsed, flow);
        if (header.hasL3()) {
            headerL3 = true;
            headerIpLength = header.ipLength();
        }
        return headerLength > available ? -1 : 0;
    }

    private int sampledEthernet(byte[] b, int pos, int end, DecodedFlow flow) {
        if (end - pos < SAMPLED_ETHERNET_LENGTH) {
            return -1;
        }
        if (frameLength < 0) {
            frameLength = u32(b, pos);
        }
        if (!flow.has(DecodedFlow.SRC_MAC_IN)) {
            flow.raw(DecodedFlow.SRC_MAC_IN, SFlowPacketHeader.mac(b, pos + 4));
            flow.raw(DecodedFlow.DST_MAC_IN, SFlowPacketHeader.mac(b, pos + 12));
        }
        if (!flow.has(DecodedFlow.ETHERNET_TYPE)) {
            flow.raw(DecodedFlow.ETHERNET_TYPE, u32(b, pos + 20) & 0xFFFF);
        }
        return 0;
    }

    /**
     * Sampled IPv4 (3) or IPv6 (4): length, protocol, addresses, ports, TCP flags, ToS / priority.
     * Kept aside and applied when the sample is complete, unless a packet header gave its L3.
     */
    private int sampledIp(byte[] b, int pos, int end, int addressLength) {
        if (end - pos < (addressLength == 4 ? SAMPLED_IPV4_LENGTH : SAMPLED_IPV6_LENGTH)) {
            return -1;
        }
        sampledIpLength = u32(b, pos);
        sampledAddressLength = addressLength;
        sampledAt = pos;
        sampledBytes = b;
        return 0;
    }

    private void applySampledIp(DecodedFlow flow) {
        byte[] b = sampledBytes;
        int addressLength = sampledAddressLength;
        flow.proto = u32(b, sampledAt + 4);
        int addresses = sampledAt + 8;
        System.arraycopy(b, addresses, flow.srcAddr, 0, addressLength);
        System.arraycopy(b, addresses + addressLength, flow.dstAddr, 0, addressLength);
        flow.srcAddrLength = addressLength;
        flow.dstAddrLength = addressLength;
        int ports = addresses + 2 * addressLength;
        flow.srcPort = u32(b, ports) & 0xFFFF;
        flow.dstPort = u32(b, ports + 4) & 0xFFFF;
        flow.tcpFlags = u32(b, ports + 8) & 0xFF;
        flow.ipTos = u32(b, ports + 12) & 0xFF;
        flow.ipVersion = addressLength == 4 ? 4 : 6;
        if (flow.proto == ICMP || flow.proto == ICMPV6) {
            // ICMP type and code where the ports would be, as sflowtool puts them (dcd_sport, dcd_dport).
            flow.raw(DecodedFlow.ICMP_TYPE, flow.srcPort & 0xFF);
            flow.icmpCode = flow.dstPort & 0xFF;
        }
    }

    private static int extendedSwitch(byte[] b, int pos, int end, DecodedFlow flow) {
        if (end - pos < EXTENDED_SWITCH_LENGTH) {
            return -1;
        }
        flow.srcVlan = u32(b, pos) & 0xFFF;
        flow.dstVlan = u32(b, pos + 8) & 0xFFF;
        return 0;
    }

    /** Next hop (wins over the gateway's), source and destination mask lengths. */
    private int extendedRouter(byte[] b, int pos, int end, DecodedFlow flow) {
        int masks = nextHop(b, pos, end, flow, true);
        if (masks < 0 || end - masks < 8) {
            return -1;
        }
        routerNextHop = true;
        flow.srcNet = u32(b, masks) & 0xFF;
        flow.dstNet = u32(b, masks + 4) & 0xFF;
        return 0;
    }

    /**
     * As goflow2 does: SrcAS is src_as, or the router's own AS when that is 0; DstAS is the last
     * AS of the destination path and NextHopAS its first, or DstAS the router's own AS when the
     * path is empty. The next hop is used when no extended router record gave one.
     */
    private int extendedGateway(byte[] b, int pos, int end, DecodedFlow flow) {
        int fields = nextHop(b, pos, end, flow, !routerNextHop);
        if (fields < 0 || end - fields < 16) {
            return -1;
        }
        long routerAs = u32(b, fields);
        long srcAs = u32(b, fields + 4);
        flow.srcAs = srcAs != 0 ? srcAs : routerAs;
        long segments = u32(b, fields + 12);
        int p = fields + 16;
        long first = -1;
        long last = -1;
        for (long s = 0; s < segments; s++) {
            if (end - p < 8 || u32(b, p + 4) > (end - p - 8) / 4) {
                return -1; // the path runs past the record: the AS fields stay as read so far
            }
            int count = (int) u32(b, p + 4);
            if (count > 0) {
                first = first < 0 ? u32(b, p + 8) : first;
                last = u32(b, p + 8 + 4 * (count - 1));
            }
            p += 8 + 4 * count;
        }
        flow.dstAs = last >= 0 ? last : routerAs;
        flow.nextHopAs = Math.max(first, 0);
        return 0;
    }

    /** Reads a next-hop address (type 0 unknown, 1 IPv4, 2 IPv6); returns the position after it, or -1. */
    private static int nextHop(byte[] b, int pos, int end, DecodedFlow flow, boolean use) {
        if (end - pos < 4) {
            return -1;
        }
        long type = u32(b, pos);
        int length = type == 1 ? 4 : type == 2 ? 16 : type == 0 ? 0 : -1;
        if (length < 0 || end - pos - 4 < length) {
            return -1;
        }
        if (use && length > 0) {
            System.arraycopy(b, pos + 4, flow.nextHop, 0, length);
            flow.nextHopLength = length;
        }
        return pos + 4 + length;
    }
}
