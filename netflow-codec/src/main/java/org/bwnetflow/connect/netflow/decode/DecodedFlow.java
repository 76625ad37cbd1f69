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
    public static final int TYPE_SFLOW_5 = 1;
    public static final int TYPE_NETFLOW_V5 = 2;
    public static final int TYPE_NETFLOW_V9 = 3;
    public static final int TYPE_IPFIX = 4;

    // Slots of the raw values a record may carry, resolved into the fields below once it is complete.
    static final int OCTET_DELTA = 0;
    static final int PACKET_DELTA = 1;
    static final int OCTET_TOTAL = 2;
    static final int PACKET_TOTAL = 3;
    static final int POST_OCTET_DELTA = 4;
    static final int POST_PACKET_DELTA = 5;
    static final int INITIATOR_OCTETS = 6;
    static final int RESPONDER_OCTETS = 7;
    static final int INITIATOR_PACKETS = 8;
    static final int RESPONDER_PACKETS = 9;
    static final int START_UPTIME = 10;
    static final int END_UPTIME = 11;
    static final int START_ABSOLUTE = 12;
    static final int END_ABSOLUTE = 13;
    static final int START_DELTA = 14;
    static final int END_DELTA = 15;
    static final int SYSTEM_INIT = 16;
    static final int SAMPLER_ID = 17;
    static final int ICMP_TYPE = 18;
    static final int ICMP_TYPE_CODE = 19;
    static final int DOT1Q_VLAN = 20;
    static final int ETHERNET_TYPE = 21;
    static final int IP_TTL = 22;
    static final int SRC_MAC_IN = 23;
    static final int DST_MAC_IN = 24;
    static final int FLOW_DIRECTION = 25;
    static final int REVERSE_OCTETS = 26;
    static final int REVERSE_PACKETS = 27;
    private static final int SLOTS = 28;

    /** BiFlowDirection of the two halves of an RFC 5103 biflow record. */
    public static final int BIFLOW_FORWARD = 1;
    public static final int BIFLOW_REVERSE = 2;

    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;

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

    // What the record said, before resolution.
    int present;
    final long[] raw = new long[SLOTS];
    long recordSamplingRate;
    long minimumTtl;
    long ipVersion;
    long postSrcMac;
    long postDstMac;
    long reverseTos;
    long reverseTcpFlags;
    long reverseIcmpTypeCode;
    /** Time fields of this record whose length the decoder does not know (counted, then ignored). */
    int unusualTimeFields;

    /**
     * Clears everything a previous record left behind. The address and MPLS arrays keep stale
     * bytes: they are only ever read up to their length and count, which are cleared.
     */
    void reset() {
        srcAddrLength = dstAddrLength = nextHopLength = 0;
        bytes = packets = samplingRate = timeFlowStartMillis = timeFlowEndMillis = 0;
        nextHopAs = srcAs = dstAs = srcNet = dstNet = inIf = outIf = proto = srcPort = dstPort = 0;
        ipTos = forwardingStatus = ipTtl = tcpFlags = srcMac = dstMac = vlanId = etype = 0;
        icmpType = icmpCode = srcVlan = dstVlan = fragmentId = fragmentOffset = ipv6FlowLabel = 0;
        ingressVrfId = egressVrfId = biFlowDirection = flowDirection = 0;
        mplsCount = 0;
        srcIfName = srcIfDesc = dstIfName = dstIfDesc = null;
        present = 0;
        recordSamplingRate = minimumTtl = ipVersion = postSrcMac = postDstMac = 0;
        reverseTos = reverseTcpFlags = reverseIcmpTypeCode = 0;
        unusualTimeFields = 0;
    }

    /** Records a raw value the record carried. */
    void raw(int slot, long value) {
        raw[slot] = value;
        present |= 1 << slot;
    }

    boolean has(int slot) {
        return (present & 1 << slot) != 0;
    }

    long samplerId() {
        return raw[SAMPLER_ID];
    }

    /** Whether the record is an RFC 5103 biflow: it carries counters of the reverse direction. */
    boolean isBiflow() {
        return has(REVERSE_OCTETS) || has(REVERSE_PACKETS);
    }

    /** Whether the forward half counted nothing (softflowd's forward side may have sent nothing). */
    boolean isForwardEmpty() {
        return bytes == 0 && packets == 0;
    }

    boolean isReverseEmpty() {
        return raw[REVERSE_OCTETS] == 0 && raw[REVERSE_PACKETS] == 0;
    }

    /**
     * Picks Bytes/Packets among the counters a vendor may send: delta counts first, then
     * totals (Cisco ASA's "permanent" counters), then initiator + responder, then post counts.
     */
    void resolveCounters() {
        bytes = pick(OCTET_DELTA, OCTET_TOTAL, INITIATOR_OCTETS, RESPONDER_OCTETS, POST_OCTET_DELTA);
        packets = pick(PACKET_DELTA, PACKET_TOTAL, INITIATOR_PACKETS, RESPONDER_PACKETS, POST_PACKET_DELTA);
    }

    private long pick(int delta, int total, int initiator, int responder, int post) {
        if (has(delta)) {
            return raw[delta];
        }
        if (has(total)) {
            return raw[total];
        }
        if (has(initiator) || has(responder)) {
            return raw[initiator] * (present >> initiator & 1) + raw[responder] * (present >> responder & 1);
        }
        return has(post) ? raw[post] : 0;
    }

    /** Fields derived from others when the exporter did not send them directly. */
    void resolveDerivedFields() {
        resolveIcmp();
        ipTtl = has(IP_TTL) ? raw[IP_TTL] : minimumTtl;
        vlanId = has(DOT1Q_VLAN) ? raw[DOT1Q_VLAN] : srcVlan;
        srcMac = has(SRC_MAC_IN) ? raw[SRC_MAC_IN] : postSrcMac;
        dstMac = has(DST_MAC_IN) ? raw[DST_MAC_IN] : postDstMac;
        flowDirection = raw[FLOW_DIRECTION] * (present >> FLOW_DIRECTION & 1);
        if (has(ETHERNET_TYPE)) {
            etype = raw[ETHERNET_TYPE];
        } else if (srcAddrLength == 16 || dstAddrLength == 16 || ipVersion == 6) {
            etype = 0x86DD;
        } else if (srcAddrLength == 4 || dstAddrLength == 4 || ipVersion == 4) {
            etype = 0x0800;
        }
        if (isBiflow() && biFlowDirection == 0) {
            biFlowDirection = BIFLOW_FORWARD;
        }
    }

    /**
     * ICMP type and code, for protocols 1 and 58 only, whichever way they came: their own
     * fields (IEs 176-179), one type-and-code field (IE 32/139: softflowd, Cisco), or packed as
     * type * 256 + code into the destination port (NetFlow v5, pmacct). DstPort keeps what the
     * exporter sent.
     */
    private void resolveIcmp() {
        if (proto != ICMP && proto != ICMPV6) {
            icmpType = icmpCode = 0;
        } else if (has(ICMP_TYPE)) {
            icmpType = raw[ICMP_TYPE];
        } else {
            long typeCode = has(ICMP_TYPE_CODE) ? raw[ICMP_TYPE_CODE] : dstPort;
            icmpType = typeCode >>> 8 & 0xFF;
            icmpCode = typeCode & 0xFF;
        }
    }

    /**
     * Turns a completed biflow record into its reverse half: endpoints, ports, interfaces, AS,
     * masks, MACs and VLANs swap; counters, ToS, TCP flags and ICMP come from the reverse IEs.
     */
    void turnAround() {
        swapAddresses();
        long t = srcPort; srcPort = dstPort; dstPort = t;
        t = inIf; inIf = outIf; outIf = t;
        t = srcAs; srcAs = dstAs; dstAs = t;
        t = srcNet; srcNet = dstNet; dstNet = t;
        t = srcMac; srcMac = dstMac; dstMac = t;
        t = srcVlan; srcVlan = dstVlan; dstVlan = t;
        String name = srcIfName; srcIfName = dstIfName; dstIfName = name;
        String desc = srcIfDesc; srcIfDesc = dstIfDesc; dstIfDesc = desc;
        bytes = raw[REVERSE_OCTETS];
        packets = raw[REVERSE_PACKETS];
        ipTos = reverseTos;
        tcpFlags = reverseTcpFlags;
        if (proto == ICMP || proto == ICMPV6) {
            icmpType = reverseIcmpTypeCode >>> 8 & 0xFF;
            icmpCode = reverseIcmpTypeCode & 0xFF;
        }
        if (has(FLOW_DIRECTION)) {
            flowDirection = flowDirection == 0 ? 1 : 0;
        }
        biFlowDirection = BIFLOW_REVERSE;
    }

    private void swapAddresses() {
        byte[] tmp = new byte[16];
        System.arraycopy(srcAddr, 0, tmp, 0, 16);
        System.arraycopy(dstAddr, 0, srcAddr, 0, 16);
        System.arraycopy(tmp, 0, dstAddr, 0, 16);
        int len = srcAddrLength;
        srcAddrLength = dstAddrLength;
        dstAddrLength = len;
    }

    /** A copy that keeps its values when the decoder refills this instance (for tools and tests). */
    public DecodedFlow copy() {
        DecodedFlow c = new DecodedFlow();
        c.copyFrom(this);
        return c;
    }

    private void copyFrom(DecodedFlow o) {
        type = o.type; timeReceivedMillis = o.timeReceivedMillis; sequenceNum = o.sequenceNum;
        exporterAddress = o.exporterAddress; domain = o.domain;
        System.arraycopy(o.srcAddr, 0, srcAddr, 0, 16); srcAddrLength = o.srcAddrLength;
        System.arraycopy(o.dstAddr, 0, dstAddr, 0, 16); dstAddrLength = o.dstAddrLength;
        System.arraycopy(o.nextHop, 0, nextHop, 0, 16); nextHopLength = o.nextHopLength;
        bytes = o.bytes; packets = o.packets; samplingRate = o.samplingRate;
        timeFlowStartMillis = o.timeFlowStartMillis; timeFlowEndMillis = o.timeFlowEndMillis;
        nextHopAs = o.nextHopAs; srcAs = o.srcAs; dstAs = o.dstAs; srcNet = o.srcNet; dstNet = o.dstNet;
        inIf = o.inIf; outIf = o.outIf; proto = o.proto; srcPort = o.srcPort; dstPort = o.dstPort;
        ipTos = o.ipTos; forwardingStatus = o.forwardingStatus; ipTtl = o.ipTtl; tcpFlags = o.tcpFlags;
        srcMac = o.srcMac; dstMac = o.dstMac; vlanId = o.vlanId; etype = o.etype;
        icmpType = o.icmpType; icmpCode = o.icmpCode; srcVlan = o.srcVlan; dstVlan = o.dstVlan;
        fragmentId = o.fragmentId; fragmentOffset = o.fragmentOffset; ipv6FlowLabel = o.ipv6FlowLabel;
        ingressVrfId = o.ingressVrfId; egressVrfId = o.egressVrfId;
        biFlowDirection = o.biFlowDirection; flowDirection = o.flowDirection;
        mplsCount = o.mplsCount;
        System.arraycopy(o.mplsLabels, 0, mplsLabels, 0, mplsLabels.length);
        srcIfName = o.srcIfName; srcIfDesc = o.srcIfDesc; dstIfName = o.dstIfName; dstIfDesc = o.dstIfDesc;
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

    /**
     * The exporter's address bytes (FlowMessage SamplerAddress): the UDP sender's for NetFlow and
     * IPFIX, the agent address inside the datagram for sFlow (the sender is
     * {@code domain().exporter().address()}). Shared, do not modify.
     */
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

    /** Label of stack entry {@code index} (0 = top), or 0 (entries below the count may be stale otherwise). */
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
