package org.bwnetflow.connect.netflow.decode;

import java.util.Arrays;

/**
 * One decoded flow record: what the exporter sent, resolved into FlowMessage terms.
 *
 * <p>The decoder owns one instance and refills it for every record (no allocation per flow
 * or field); a {@link FlowListener} must copy what it keeps before returning.
 */
public final class DecodedFlow {

    /** FlowMessage FlowType numbers. */
    public static final int TYPE_NETFLOW_V5 = 2;
    public static final int TYPE_NETFLOW_V9 = 3;
    public static final int TYPE_IPFIX = 4;

    // Presence bits of the raw counters and times a record may carry.
    static final int OCTET_DELTA = 1;
    static final int PACKET_DELTA = 1 << 1;
    static final int OCTET_TOTAL = 1 << 2;
    static final int PACKET_TOTAL = 1 << 3;
    static final int POST_OCTET_DELTA = 1 << 4;
    static final int POST_PACKET_DELTA = 1 << 5;
    static final int INITIATOR_OCTETS = 1 << 6;
    static final int RESPONDER_OCTETS = 1 << 7;
    static final int INITIATOR_PACKETS = 1 << 8;
    static final int RESPONDER_PACKETS = 1 << 9;
    static final int START_UPTIME = 1 << 10;
    static final int END_UPTIME = 1 << 11;
    static final int START_ABSOLUTE = 1 << 12;
    static final int END_ABSOLUTE = 1 << 13;
    static final int START_DELTA = 1 << 14;
    static final int END_DELTA = 1 << 15;
    static final int SYSTEM_INIT = 1 << 16;
    static final int SAMPLER_ID = 1 << 17;
    static final int ICMP_TYPE = 1 << 18;
    static final int ICMP_TYPE_CODE = 1 << 19;
    static final int DOT1Q_VLAN = 1 << 20;
    static final int ETHERNET_TYPE = 1 << 21;
    static final int IP_TTL = 1 << 22;
    static final int SRC_MAC_IN = 1 << 23;
    static final int DST_MAC_IN = 1 << 24;

    int type;
    long timeReceivedMillis;
    long sequenceNum;
    byte[] exporterAddress;
    DomainState domain;

    final byte[] srcAddr = new byte[16];
    int srcAddrLength;
    final byte[] dstAddr = new byte[16];
    int dstAddrLength;
    final byte[] nextHop = new byte[16];
    int nextHopLength;

    long bytes;
    long packets;
    long samplingRate;
    long timeFlowStartMillis;
    long timeFlowEndMillis;

    long nextHopAs;
    long srcAs;
    long dstAs;
    long srcNet;
    long dstNet;
    long inIf;
    long outIf;
    long proto;
    long srcPort;
    long dstPort;
    long ipTos;
    long forwardingStatus;
    long ipTtl;
    long tcpFlags;
    long srcMac;
    long dstMac;
    long vlanId;
    long etype;
    long icmpType;
    long icmpCode;
    long srcVlan;
    long dstVlan;
    long fragmentId;
    long fragmentOffset;
    long ipv6FlowLabel;
    long ingressVrfId;
    long egressVrfId;
    long biFlowDirection;
    long flowDirection;
    int mplsCount;
    final long[] mplsLabels = new long[10];

    String srcIfName;
    String srcIfDesc;
    String dstIfName;
    String dstIfDesc;

    // Raw values, resolved into the fields above once the record is complete.
    int present;
    long octetDelta;
    long packetDelta;
    long octetTotal;
    long packetTotal;
    long postOctetDelta;
    long postPacketDelta;
    long initiatorOctets;
    long responderOctets;
    long initiatorPackets;
    long responderPackets;
    long startUptime;
    long endUptime;
    long startAbsoluteMillis;
    long endAbsoluteMillis;
    long startDeltaMicros;
    long endDeltaMicros;
    long systemInitMillis;
    long recordSamplingRate;
    long samplerId;
    long icmpTypeCode;
    long minimumTtl;
    long ipVersion;
    long postSrcMac;
    long postDstMac;

    /** Clears everything a previous record left behind. */
    void reset() {
        Arrays.fill(srcAddr, (byte) 0);
        Arrays.fill(dstAddr, (byte) 0);
        Arrays.fill(nextHop, (byte) 0);
        srcAddrLength = dstAddrLength = nextHopLength = 0;
        bytes = packets = samplingRate = timeFlowStartMillis = timeFlowEndMillis = 0;
        nextHopAs = srcAs = dstAs = srcNet = dstNet = inIf = outIf = proto = srcPort = dstPort = 0;
        ipTos = forwardingStatus = ipTtl = tcpFlags = srcMac = dstMac = vlanId = etype = 0;
        icmpType = icmpCode = srcVlan = dstVlan = fragmentId = fragmentOffset = ipv6FlowLabel = 0;
        ingressVrfId = egressVrfId = biFlowDirection = flowDirection = 0;
        mplsCount = 0;
        Arrays.fill(mplsLabels, 0L);
        srcIfName = srcIfDesc = dstIfName = dstIfDesc = null;
        present = 0;
        octetDelta = packetDelta = octetTotal = packetTotal = postOctetDelta = postPacketDelta = 0;
        initiatorOctets = responderOctets = initiatorPackets = responderPackets = 0;
        startUptime = endUptime = startAbsoluteMillis = endAbsoluteMillis = 0;
        startDeltaMicros = endDeltaMicros = systemInitMillis = 0;
        recordSamplingRate = samplerId = icmpTypeCode = minimumTtl = ipVersion = postSrcMac = postDstMac = 0;
    }

    boolean has(int bit) {
        return (present & bit) != 0;
    }

    /**
     * Picks Bytes/Packets among the counters a vendor may send: delta counts first, then
     * totals (Cisco ASA's "permanent" counters), then initiator + responder, then post counts.
     */
    void resolveCounters() {
        if (has(OCTET_DELTA)) {
            bytes = octetDelta;
        } else if (has(OCTET_TOTAL)) {
            bytes = octetTotal;
        } else if (has(INITIATOR_OCTETS) || has(RESPONDER_OCTETS)) {
            bytes = initiatorOctets + responderOctets;
        } else if (has(POST_OCTET_DELTA)) {
            bytes = postOctetDelta;
        }
        if (has(PACKET_DELTA)) {
            packets = packetDelta;
        } else if (has(PACKET_TOTAL)) {
            packets = packetTotal;
        } else if (has(INITIATOR_PACKETS) || has(RESPONDER_PACKETS)) {
            packets = initiatorPackets + responderPackets;
        } else if (has(POST_PACKET_DELTA)) {
            packets = postPacketDelta;
        }
    }

    /** Fields derived from others when the exporter did not send them directly. */
    void resolveDerivedFields() {
        if (!has(ICMP_TYPE) && has(ICMP_TYPE_CODE)) {
            icmpType = icmpTypeCode >>> 8 & 0xFF;
            icmpCode = icmpTypeCode & 0xFF;
        }
        if (!has(IP_TTL)) {
            ipTtl = minimumTtl;
        }
        if (!has(DOT1Q_VLAN)) {
            vlanId = srcVlan;
        }
        if (!has(SRC_MAC_IN)) {
            srcMac = postSrcMac;
        }
        if (!has(DST_MAC_IN)) {
            dstMac = postDstMac;
        }
        if (!has(ETHERNET_TYPE)) {
            if (srcAddrLength == 16 || dstAddrLength == 16 || ipVersion == 6) {
                etype = 0x86DD;
            } else if (srcAddrLength == 4 || dstAddrLength == 4 || ipVersion == 4) {
                etype = 0x0800;
            }
        }
    }

    public int type() {
        return type;
    }

    public long timeReceivedMillis() {
        return timeReceivedMillis;
    }

    public long sequenceNum() {
        return sequenceNum;
    }

    /** The exporter's address bytes; shared, do not modify. */
    public byte[] exporterAddress() {
        return exporterAddress;
    }

    /** The template/sampling state this flow was decoded with (source offsets are built from it). */
    public DomainState domain() {
        return domain;
    }

    public byte[] srcAddrCopy() {
        return Arrays.copyOf(srcAddr, srcAddrLength);
    }

    public byte[] dstAddrCopy() {
        return Arrays.copyOf(dstAddr, dstAddrLength);
    }

    public byte[] nextHopCopy() {
        return Arrays.copyOf(nextHop, nextHopLength);
    }

    public int srcAddrLength() {
        return srcAddrLength;
    }

    public int dstAddrLength() {
        return dstAddrLength;
    }

    public int nextHopLength() {
        return nextHopLength;
    }

    public long bytes() {
        return bytes;
    }

    public long packets() {
        return packets;
    }

    public long samplingRate() {
        return samplingRate;
    }

    public long timeFlowStartMillis() {
        return timeFlowStartMillis;
    }

    public long timeFlowEndMillis() {
        return timeFlowEndMillis;
    }

    public long nextHopAs() {
        return nextHopAs;
    }

    public long srcAs() {
        return srcAs;
    }

    public long dstAs() {
        return dstAs;
    }

    public long srcNet() {
        return srcNet;
    }

    public long dstNet() {
        return dstNet;
    }

    public long inIf() {
        return inIf;
    }

    public long outIf() {
        return outIf;
    }

    public long proto() {
        return proto;
    }

    public long srcPort() {
        return srcPort;
    }

    public long dstPort() {
        return dstPort;
    }

    public long ipTos() {
        return ipTos;
    }

    public long forwardingStatus() {
        return forwardingStatus;
    }

    public long ipTtl() {
        return ipTtl;
    }

    public long tcpFlags() {
        return tcpFlags;
    }

    public long srcMac() {
        return srcMac;
    }

    public long dstMac() {
        return dstMac;
    }

    public long vlanId() {
        return vlanId;
    }

    public long etype() {
        return etype;
    }

    public long icmpType() {
        return icmpType;
    }

    public long icmpCode() {
        return icmpCode;
    }

    public long srcVlan() {
        return srcVlan;
    }

    public long dstVlan() {
        return dstVlan;
    }

    public long fragmentId() {
        return fragmentId;
    }

    public long fragmentOffset() {
        return fragmentOffset;
    }

    public long ipv6FlowLabel() {
        return ipv6FlowLabel;
    }

    public long ingressVrfId() {
        return ingressVrfId;
    }

    public long egressVrfId() {
        return egressVrfId;
    }

    public long biFlowDirection() {
        return biFlowDirection;
    }

    public long flowDirection() {
        return flowDirection;
    }

    public int mplsCount() {
        return mplsCount;
    }

    /** Label of stack entry {@code index} (0 = top), or 0. */
    public long mplsLabel(int index) {
        return index < mplsCount ? mplsLabels[index] : 0;
    }

    public long mplsLastLabel() {
        return mplsCount == 0 ? 0 : mplsLabels[mplsCount - 1];
    }

    public String srcIfName() {
        return srcIfName;
    }

    public String srcIfDesc() {
        return srcIfDesc;
    }

    public String dstIfName() {
        return dstIfName;
    }

    public String dstIfDesc() {
        return dstIfDesc;
    }
}
