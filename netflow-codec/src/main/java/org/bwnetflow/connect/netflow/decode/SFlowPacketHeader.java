package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u16;
import static org.bwnetflow.connect.netflow.decode.ByteReader.u32;
import static org.bwnetflow.connect.netflow.decode.ByteReader.u8;

/**
 * Parses the sampled packet header of an sFlow raw packet header record (the first bytes of the
 * frame) into a {@link DecodedFlow}: Ethernet (MACs), 802.1Q/802.1ad tags (any number; VlanId is
 * the outermost), MPLS (labels of the whole stack, the first 9 and the last kept), IPv4 (ToS, TTL,
 * fragment id and offset), IPv6 (traffic class, flow label, hop limit; hop-by-hop, routing,
 * destination options, fragment, AH and mobility extension headers) and TCP/UDP/SCTP ports, TCP
 * flags and ICMP/ICMPv6 type and code. Headers are usually cut (128 bytes by default), so
 * whatever does not fit is simply left unset. Every loop moves forward by at least 4 bytes.
 */
final class SFlowPacketHeader {

    static final int PROTOCOL_ETHERNET = 1;
    static final int PROTOCOL_IPV4 = 11;
    static final int PROTOCOL_IPV6 = 12;
    static final int PROTOCOL_MPLS = 13;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_MPLS = 0x8847;
    private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    private static final int ETHERTYPE_DOT1Q = 0x8100;
    private static final int ETHERTYPE_DOT1AD = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    /** EtherType values below this are 802.3 lengths. */
    private static final int ETHERTYPE_MIN = 0x0600;

    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMPV6 = 58;
    private static final int SCTP = 132;
    private static final int UDP_LITE = 136;

    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int AH = 51;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int MOBILITY = 135;

    private boolean l3;
    private long ipLength;

    /** Whether the last header parsed reached an IPv4 or IPv6 header (addresses are set). */
    boolean hasL3() {
        return l3;
    }

    /** IPv4 total length, or IPv6 payload length + 40, of the last header parsed. */
    long ipLength() {
        return ipLength;
    }

    /** Parses the header bytes {@code [pos, end)} of the given sFlow header protocol. */
    void parse(int protocol, byte[] b, int pos, int end, DecodedFlow flow) {
        l3 = false;
        ipLength = -1;
        switch (protocol) {
            case PROTOCOL_ETHERNET -> ethernet(b, pos, end, flow);
            case PROTOCOL_IPV4 -> ipv4(b, pos, end, flow);
            case PROTOCOL_IPV6 -> ipv6(b, pos, end, flow);
            case PROTOCOL_MPLS -> mpls(b, pos, end, flow);
            default -> {
                // another link layer (token ring, FDDI, PPP, ...): only the frame length counts
            }
        }
    }

    /** A 6-byte MAC address as a number. */
    static long mac(byte[] b, int pos) {
        return (long) u16(b, pos) << 32 | u32(b, pos + 2);
    }

    private void ethernet(byte[] b, int pos, int end, DecodedFlow flow) {
        if (end - pos < 14) {
            return;
        }
        flow.raw(DecodedFlow.DST_MAC_IN, mac(b, pos));
        flow.raw(DecodedFlow.SRC_MAC_IN, mac(b, pos + 6));
        int etherType = u16(b, pos + 12);
        int p = pos + 14;
        while (isVlanTag(etherType)) {
            if (end - p < 4) {
                return;
            }
            if (!flow.has(DecodedFlow.DOT1Q_VLAN)) {
                flow.raw(DecodedFlow.DOT1Q_VLAN, u16(b, p) & 0x0FFF);
            }
            etherType = u16(b, p + 2);
            p += 4;
        }
        if (etherType == ETHERTYPE_MPLS || etherType == ETHERTYPE_MPLS_MULTICAST) {
            mpls(b, p, end, flow);
            return;
        }
        if (etherType >= ETHERTYPE_MIN) {
            flow.raw(DecodedFlow.ETHERNET_TYPE, etherType);
        }
        if (etherType == ETHERTYPE_IPV4) {
            ipv4(b, p, end, flow);
        } else if (etherType == ETHERTYPE_IPV6) {
            ipv6(b, p, end, flow);
        }
    }

    private static boolean isVlanTag(int etherType) {
        return etherType == ETHERTYPE_DOT1Q || etherType == ETHERTYPE_DOT1AD || etherType == ETHERTYPE_QINQ_OLD;
    }

    /** The label stack down to bottom-of-stack, then IPv4 or IPv6 by the first nibble. */
    private void mpls(byte[] b, int pos, int end, DecodedFlow flow) {
        int p = pos;
        int last = flow.mplsLabels.length - 1;
        while (end - p >= 4) {
            long entry = u32(b, p);
            p += 4;
            int index = Math.min(flow.mplsCount, last); // beyond the array, the last slot keeps the stack's bottom
            flow.mplsLabels[index] = entry >>> 12;
            flow.mplsCount = index + 1;
            if ((entry & 0x100) != 0) {
                payloadAfterMpls(b, p, end, flow);
                return;
            }
        }
    }

    private void payloadAfterMpls(byte[] b, int pos, int end, DecodedFlow flow) {
        if (pos >= end) {
            return;
        }
        int version = u8(b, pos) >>> 4;
        if (version == 4) {
            ipv4(b, pos, end, flow);
        } else if (version == 6) {
            ipv6(b, pos, end, flow);
        }
    }

    private void ipv4(byte[] b, int pos, int end, DecodedFlow flow) {
        if (end - pos < 20 || u8(b, pos) >>> 4 != 4) {
            return;
        }
        int headerLength = (u8(b, pos) & 0x0F) * 4;
        flow.ipTos = u8(b, pos + 1);
        ipLength = u16(b, pos + 2);
        flow.fragmentId = u16(b, pos + 4);
        flow.fragmentOffset = u16(b, pos + 6) & 0x1FFF; // in 8-byte units, as IPFIX fragmentOffset
        flow.raw(DecodedFlow.IP_TTL, u8(b, pos + 8));
        flow.proto = u8(b, pos + 9);
        System.arraycopy(b, pos + 12, flow.srcAddr, 0, 4);
        System.arraycopy(b, pos + 16, flow.dstAddr, 0, 4);
        flow.srcAddrLength = 4;
        flow.dstAddrLength = 4;
        flow.ipVersion = 4;
        l3 = true;
        if (flow.fragmentOffset == 0 && headerLength >= 20 && end - pos >= headerLength) {
            transport((int) flow.proto, b, pos + headerLength, end, flow); // later fragments carry no L4 header
        }
    }

    private void ipv6(byte[] b, int pos, int end, DecodedFlow flow) {
        if (end - pos < 40 || u8(b, pos) >>> 4 != 6) {
            return;
        }
        long first = u32(b, pos);
        flow.ipTos = first >>> 20 & 0xFF;
        flow.ipv6FlowLabel = first & 0xF_FFFF;
        ipLength = u16(b, pos + 4) + 40L;
        flow.raw(DecodedFlow.IP_TTL, u8(b, pos + 7));
        System.arraycopy(b, pos + 8, flow.srcAddr, 0, 16);
        System.arraycopy(b, pos + 24, flow.dstAddr, 0, 16);
        flow.srcAddrLength = 16;
        flow.dstAddrLength = 16;
        flow.ipVersion = 6;
        l3 = true;
        extensionHeaders(u8(b, pos + 6), b, pos + 40, end, flow);
    }

    /**
     * Walks the extension headers to the upper-layer protocol, which becomes Proto; a non-first
     * fragment, or a chain cut by the end of the header, ends at the last known next-header value.
     */
    private void extensionHeaders(int firstNext, byte[] b, int pos, int end, DecodedFlow flow) {
        int next = firstNext;
        int p = pos;
        while (isExtensionHeader(next) && end - p >= 8) {
            int following = u8(b, p);
            if (next == FRAGMENT) {
                flow.fragmentOffset = u16(b, p + 2) >>> 3;
                flow.fragmentId = u32(b, p + 4);
                p += 8;
                if (flow.fragmentOffset != 0) {
                    next = following;
                    break;
                }
            } else {
                // AH counts its length in 4-byte units minus 2, the others in 8-byte units minus 1
                p += next == AH ? (u8(b, p + 1) + 2) * 4 : (u8(b, p + 1) + 1) * 8;
            }
            next = following;
        }
        flow.proto = next;
        if (!isExtensionHeader(next) && flow.fragmentOffset == 0 && p <= end) {
            transport(next, b, p, end, flow);
        }
    }

    private static boolean isExtensionHeader(int next) {
        return next == HOP_BY_HOP || next == ROUTING || next == FRAGMENT || next == AH || next == DESTINATION_OPTIONS
                || next == MOBILITY;
    }

    private static void transport(int proto, byte[] b, int pos, int end, DecodedFlow flow) {
        int available = end - pos;
        if (proto == TCP || proto == UDP || proto == SCTP || proto == UDP_LITE) {
            if (available >= 4) {
                flow.srcPort = u16(b, pos);
                flow.dstPort = u16(b, pos + 2);
            }
            if (proto == TCP && available >= 14) {
                flow.tcpFlags = u8(b, pos + 13);
            }
        } else if ((proto == ICMP || proto == ICMPV6) && available >= 2) {
            flow.raw(DecodedFlow.ICMP_TYPE, u8(b, pos));
            flow.icmpCode = u8(b, pos + 1);
        }
    }
}
