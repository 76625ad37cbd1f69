package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u16;
import static org.bwnetflow.connect.netflow.decode.ByteReader.u8;
import static org.bwnetflow.connect.netflow.decode.ByteReader.unsigned;
import static org.bwnetflow.connect.netflow.decode.InformationElements.*;

/**
 * Reads one record laid out by a template, for NetFlow v9 and IPFIX alike, into a
 * {@link DecodedFlow} or an {@link OptionsRecord}. Allocation-free for flows.
 *
 * <p>Flow fields are dispatched by {@link FieldGroups group} first, then by IE: each group's
 * method is a small switch the JIT turns into a jump table.
 */
final class RecordReader {

    /** Returned when a record does not fit into what is left of its set. */
    static final int NO_RECORD = -1;

    /** NTP timestamps (IPFIX dateTimeMicro/Nanoseconds) count from 1900. */
    private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
    /** pmacct's nfprobe with nfprobe_tstamp_usec: a timeval, 8 bytes seconds then 8 bytes microseconds. */
    private static final int TIMEVAL_LENGTH = 16;

    private RecordReader() {
    }

    /** Reads a flow record starting at {@code off}; returns the offset after it, or {@link #NO_RECORD}. */
    static int readFlow(Template template, byte[] b, int off, int end, DecodedFlow flow) {
        return read(template, b, off, end, flow, null);
    }

    /** Reads an options record starting at {@code off}; returns the offset after it, or {@link #NO_RECORD}. */
    static int readOptions(Template template, byte[] b, int off, int end, OptionsRecord options) {
        return read(template, b, off, end, null, options);
    }

    /** Walks the record's fields; each goes to the flow, or (for options records) to the options. */
    private static int read(Template template, byte[] b, int off, int end, DecodedFlow flow, OptionsRecord options) {
        int pos = off;
        for (int i = 0, n = template.fieldCount(); i < n; i++) {
            int len = template.length(i);
            if (len == VARIABLE_LENGTH) {
                // RFC 7011 7: one length byte, or 255 and a two-byte length
                if (pos >= end) {
                    return NO_RECORD;
                }
                len = u8(b, pos++);
                if (len == 255) {
                    if (pos + 2 > end) {
                        return NO_RECORD;
                    }
                    len = u16(b, pos);
                    pos += 2;
                }
            }
            if (pos + len > end) {
                return NO_RECORD;
            }
            if (len > 0) {
                if (flow != null) {
                    flowField(template.group(i), template.code(i), b, pos, len, flow);
                } else {
                    optionsField(template.code(i), b, pos, len, options);
                }
            }
            pos += len;
        }
        return pos;
    }

    private static void flowField(byte group, int code, byte[] b, int off, int len, DecodedFlow f) {
        switch (group) {
            case FieldGroups.COUNTER -> counter(code, unsigned(b, off, len), f);
            case FieldGroups.ADDRESS -> address(code, b, off, len, f);
            case FieldGroups.TRANSPORT -> transport(code, unsigned(b, off, len), f);
            case FieldGroups.ROUTING -> routing(code, unsigned(b, off, len), f);
            case FieldGroups.TIME -> time(code, b, off, len, f);
            case FieldGroups.LAYER2 -> layer2(code, unsigned(b, off, len), f);
            case FieldGroups.IP -> ip(code, unsigned(b, off, len), f);
            case FieldGroups.SAMPLING -> sampling(code, unsigned(b, off, len), f);
            case FieldGroups.MPLS -> mplsLabel(code - MPLS_TOP_LABEL_STACK_SECTION, unsigned(b, off, len), len, f);
            case FieldGroups.REVERSE -> reverse(code - REVERSE_OFFSET, unsigned(b, off, len), f);
            default -> {
                // a field the flow does not carry
            }
        }
    }

    private static void counter(int code, long v, DecodedFlow f) {
        switch (code) {
            case OCTET_DELTA_COUNT -> f.raw(DecodedFlow.OCTET_DELTA, v);
            case PACKET_DELTA_COUNT -> f.raw(DecodedFlow.PACKET_DELTA, v);
            case OCTET_TOTAL_COUNT -> f.raw(DecodedFlow.OCTET_TOTAL, v);
            case PACKET_TOTAL_COUNT -> f.raw(DecodedFlow.PACKET_TOTAL, v);
            case POST_OCTET_DELTA_COUNT -> f.raw(DecodedFlow.POST_OCTET_DELTA, v);
            case POST_PACKET_DELTA_COUNT -> f.raw(DecodedFlow.POST_PACKET_DELTA, v);
            case INITIATOR_OCTETS -> f.raw(DecodedFlow.INITIATOR_OCTETS, v);
            case RESPONDER_OCTETS -> f.raw(DecodedFlow.RESPONDER_OCTETS, v);
            case INITIATOR_PACKETS -> f.raw(DecodedFlow.INITIATOR_PACKETS, v);
            default -> f.raw(DecodedFlow.RESPONDER_PACKETS, v);
        }
    }

    private static void address(int code, byte[] b, int off, int len, DecodedFlow f) {
        switch (code) {
            case SOURCE_IPV4_ADDRESS, SOURCE_IPV6_ADDRESS -> f.srcAddrLength = copyAddress(b, off, len, f.srcAddr, f.srcAddrLength);
            case DESTINATION_IPV4_ADDRESS, DESTINATION_IPV6_ADDRESS ->
                    f.dstAddrLength = copyAddress(b, off, len, f.dstAddr, f.dstAddrLength);
            default -> f.nextHopLength = copyAddress(b, off, len, f.nextHop, f.nextHopLength);
        }
    }

    private static void transport(int code, long v, DecodedFlow f) {
        switch (code) {
            case PROTOCOL_IDENTIFIER -> f.proto = v;
            case IP_CLASS_OF_SERVICE -> f.ipTos = v;
            case TCP_CONTROL_BITS -> f.tcpFlags = v;
            case SOURCE_TRANSPORT_PORT -> f.srcPort = v;
            case DESTINATION_TRANSPORT_PORT -> f.dstPort = v;
            case SOURCE_IPV4_PREFIX_LENGTH, SOURCE_IPV6_PREFIX_LENGTH -> f.srcNet = v;
            default -> f.dstNet = v;
        }
    }

    private static void routing(int code, long v, DecodedFlow f) {
        switch (code) {
            case INGRESS_INTERFACE -> f.inIf = v;
            case EGRESS_INTERFACE -> f.outIf = v;
            case BGP_SOURCE_AS_NUMBER -> f.srcAs = v;
            case BGP_DESTINATION_AS_NUMBER -> f.dstAs = v;
            case BGP_NEXT_ADJACENT_AS_NUMBER -> f.nextHopAs = v;
            case INGRESS_VRF_ID -> f.ingressVrfId = v;
            case EGRESS_VRF_ID -> f.egressVrfId = v;
            case FLOW_DIRECTION -> f.raw(DecodedFlow.FLOW_DIRECTION, v);
            case BIFLOW_DIRECTION -> f.biFlowDirection = v;
            default -> f.forwardingStatus = v;
        }
    }

    private static void time(int code, byte[] b, int off, int len, DecodedFlow f) {
        if (!isKnownTimeLength(code, len)) {
            f.unusualTimeFields++;
            return;
        }
        long v = len == TIMEVAL_LENGTH ? 0 : unsigned(b, off, len);
        switch (code) {
            case FLOW_START_SYS_UP_TIME -> f.raw(DecodedFlow.START_UPTIME, v);
            case FLOW_END_SYS_UP_TIME -> f.raw(DecodedFlow.END_UPTIME, v);
            case FLOW_START_SECONDS -> f.raw(DecodedFlow.START_ABSOLUTE, v * 1000);
            case FLOW_END_SECONDS -> f.raw(DecodedFlow.END_ABSOLUTE, v * 1000);
            case FLOW_START_MILLISECONDS -> f.raw(DecodedFlow.START_ABSOLUTE, v);
            case FLOW_END_MILLISECONDS -> f.raw(DecodedFlow.END_ABSOLUTE, v);
            case FLOW_START_MICROSECONDS, FLOW_START_NANOSECONDS -> preciseTime(DecodedFlow.START_ABSOLUTE, b, off, len, f);
            case FLOW_END_MICROSECONDS, FLOW_END_NANOSECONDS -> preciseTime(DecodedFlow.END_ABSOLUTE, b, off, len, f);
            case FLOW_START_DELTA_MICROSECONDS -> f.raw(DecodedFlow.START_DELTA, v);
            case FLOW_END_DELTA_MICROSECONDS -> f.raw(DecodedFlow.END_DELTA, v);
            default -> f.raw(DecodedFlow.SYSTEM_INIT, v);
        }
    }

    /** Up to 8 bytes for any time field (reduced-size encoding), and 16 for pmacct's microsecond timevals. */
    private static boolean isKnownTimeLength(int code, int len) {
        if (len == TIMEVAL_LENGTH) {
            return code == FLOW_START_MICROSECONDS || code == FLOW_END_MICROSECONDS;
        }
        return len <= 8;
    }

    /** dateTimeMicro/Nanoseconds: 8-byte NTP time (RFC 7011 6.1.9), or pmacct's 16-byte timeval. */
    private static void preciseTime(int slot, byte[] b, int off, int len, DecodedFlow f) {
        if (len == TIMEVAL_LENGTH) {
            f.raw(slot, unsigned(b, off, 8) * 1000 + unsigned(b, off + 8, 8) / 1000);
        } else if (len == 8) {
            long ntp = unsigned(b, off, 8);
            f.raw(slot, ((ntp >>> 32) - NTP_TO_UNIX_SECONDS) * 1000 + ((ntp & 0xFFFF_FFFFL) * 1000 >>> 32));
        } else {
            f.unusualTimeFields++;
        }
    }

    private static void layer2(int code, long v, DecodedFlow f) {
        switch (code) {
            case SOURCE_MAC_ADDRESS -> f.raw(DecodedFlow.SRC_MAC_IN, v);
            case DESTINATION_MAC_ADDRESS -> f.raw(DecodedFlow.DST_MAC_IN, v);
            case POST_SOURCE_MAC_ADDRESS -> f.postSrcMac = v;
            case POST_DESTINATION_MAC_ADDRESS -> f.postDstMac = v;
            case VLAN_ID -> f.srcVlan = v;
            case POST_VLAN_ID -> f.dstVlan = v;
            case DOT1Q_VLAN_ID -> f.raw(DecodedFlow.DOT1Q_VLAN, v);
            case ETHERNET_TYPE -> f.raw(DecodedFlow.ETHERNET_TYPE, v);
            default -> f.ipVersion = v;
        }
    }

    private static void ip(int code, long v, DecodedFlow f) {
        switch (code) {
            case ICMP_TYPE_CODE_IPV4, ICMP_TYPE_CODE_IPV6 -> f.raw(DecodedFlow.ICMP_TYPE_CODE, v);
            case ICMP_TYPE_IPV4, ICMP_TYPE_IPV6 -> f.raw(DecodedFlow.ICMP_TYPE, v);
            case ICMP_CODE_IPV4, ICMP_CODE_IPV6 -> f.icmpCode = v;
            case FRAGMENT_IDENTIFICATION -> f.fragmentId = v;
            case FRAGMENT_OFFSET -> f.fragmentOffset = v;
            case FLOW_LABEL_IPV6 -> f.ipv6FlowLabel = v;
            case IP_TTL -> f.raw(DecodedFlow.IP_TTL, v);
            default -> f.minimumTtl = v;
        }
    }

    private static void sampling(int code, long v, DecodedFlow f) {
        if (code == SAMPLER_ID || code == SELECTOR_ID) {
            f.raw(DecodedFlow.SAMPLER_ID, v);
        } else {
            f.recordSamplingRate = v;
        }
    }

    /** RFC 5103 reverse IEs: the counters and flags of the biflow's other direction. */
    private static void reverse(int ie, long v, DecodedFlow f) {
        switch (ie) {
            case OCTET_DELTA_COUNT, OCTET_TOTAL_COUNT -> f.raw(DecodedFlow.REVERSE_OCTETS, v);
            case PACKET_DELTA_COUNT, PACKET_TOTAL_COUNT -> f.raw(DecodedFlow.REVERSE_PACKETS, v);
            case IP_CLASS_OF_SERVICE -> f.reverseTos = v;
            case TCP_CONTROL_BITS -> f.reverseTcpFlags = v;
            default -> f.reverseIcmpTypeCode = v;
        }
    }

    private static void optionsField(int code, byte[] b, int off, int len, OptionsRecord o) {
        switch (code) {
            case SAMPLING_INTERVAL -> o.samplingInterval = unsigned(b, off, len);
            case SAMPLER_RANDOM_INTERVAL -> o.samplerRandomInterval = unsigned(b, off, len);
            case SAMPLING_PACKET_INTERVAL -> o.samplingPacketInterval = unsigned(b, off, len);
            case SAMPLING_PACKET_SPACE -> o.samplingPacketSpace = unsigned(b, off, len);
            case SAMPLER_ID, SELECTOR_ID -> o.sampler(unsigned(b, off, len));
            case INGRESS_INTERFACE, V9_SCOPE_INTERFACE -> o.ifIndex(unsigned(b, off, len));
            case INTERFACE_NAME -> o.ifName = OptionsRecord.text(b, off, len);
            case INTERFACE_DESCRIPTION -> o.ifDescription = OptionsRecord.text(b, off, len);
            case SYSTEM_INIT_TIME_MILLISECONDS -> o.systemInitMillis = unsigned(b, off, len);
            default -> {
                // options the decoder does not keep
            }
        }
    }

    /**
     * Copies a 4- or 16-byte address. A zero address does not replace one already set, so a
     * template carrying both IPv4 and IPv6 fields keeps the family that was actually used.
     */
    private static int copyAddress(byte[] b, int off, int len, byte[] target, int currentLength) {
        if (len != 4 && len != 16) {
            return currentLength;
        }
        if (currentLength != 0 && ByteReader.allZero(b, off, off + len)) {
            return currentLength;
        }
        System.arraycopy(b, off, target, 0, len);
        return len;
    }

    /** An MPLS stack entry is label (20 bits), traffic class (3), bottom-of-stack (1). */
    private static void mplsLabel(int index, long entry, int len, DecodedFlow f) {
        long label = len >= 3 ? (entry >>> 4) & 0xF_FFFF : entry;
        if (label == 0 && (entry & 1) == 0) {
            return;
        }
        for (int i = f.mplsCount; i < index; i++) {
            f.mplsLabels[i] = 0; // entries skipped over: no stale label from an earlier record
        }
        f.mplsLabels[index] = label;
        if (index + 1 > f.mplsCount) {
            f.mplsCount = index + 1;
        }
    }
}
