package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u16;
import static org.bwnetflow.connect.netflow.decode.ByteReader.u8;
import static org.bwnetflow.connect.netflow.decode.ByteReader.unsigned;
import static org.bwnetflow.connect.netflow.decode.InformationElements.*;

/**
 * Reads one record laid out by a template, for NetFlow v9 and IPFIX alike, into a
 * {@link DecodedFlow} or an {@link OptionsRecord}. Allocation-free for flows.
 */
final class RecordReader {

    /** Returned when a record does not fit into what is left of its set. */
    static final int NO_RECORD = -1;

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
                    applyFlowField(template.code(i), b, pos, len, flow);
                } else {
                    applyOptionsField(template.code(i), b, pos, len, options);
                }
            }
            pos += len;
        }
        return pos;
    }

    private static void applyFlowField(int code, byte[] b, int off, int len, DecodedFlow f) {
        switch (code) {
            case OCTET_DELTA_COUNT:
                f.octetDelta = unsigned(b, off, len);
                f.present |= DecodedFlow.OCTET_DELTA;
                break;
            case PACKET_DELTA_COUNT:
                f.packetDelta = unsigned(b, off, len);
                f.present |= DecodedFlow.PACKET_DELTA;
                break;
            case OCTET_TOTAL_COUNT:
                f.octetTotal = unsigned(b, off, len);
                f.present |= DecodedFlow.OCTET_TOTAL;
                break;
            case PACKET_TOTAL_COUNT:
                f.packetTotal = unsigned(b, off, len);
                f.present |= DecodedFlow.PACKET_TOTAL;
                break;
            case POST_OCTET_DELTA_COUNT:
                f.postOctetDelta = unsigned(b, off, len);
                f.present |= DecodedFlow.POST_OCTET_DELTA;
                break;
            case POST_PACKET_DELTA_COUNT:
                f.postPacketDelta = unsigned(b, off, len);
                f.present |= DecodedFlow.POST_PACKET_DELTA;
                break;
            case INITIATOR_OCTETS:
                f.initiatorOctets = unsigned(b, off, len);
                f.present |= DecodedFlow.INITIATOR_OCTETS;
                break;
            case RESPONDER_OCTETS:
                f.responderOctets = unsigned(b, off, len);
                f.present |= DecodedFlow.RESPONDER_OCTETS;
                break;
            case INITIATOR_PACKETS:
                f.initiatorPackets = unsigned(b, off, len);
                f.present |= DecodedFlow.INITIATOR_PACKETS;
                break;
            case RESPONDER_PACKETS:
                f.responderPackets = unsigned(b, off, len);
                f.present |= DecodedFlow.RESPONDER_PACKETS;
                break;
            case SOURCE_IPV4_ADDRESS:
            case SOURCE_IPV6_ADDRESS:
                f.srcAddrLength = address(b, off, len, f.srcAddr, f.srcAddrLength);
                break;
            case DESTINATION_IPV4_ADDRESS:
            case DESTINATION_IPV6_ADDRESS:
                f.dstAddrLength = address(b, off, len, f.dstAddr, f.dstAddrLength);
                break;
            case IP_NEXT_HOP_IPV4_ADDRESS:
            case IP_NEXT_HOP_IPV6_ADDRESS:
                f.nextHopLength = address(b, off, len, f.nextHop, f.nextHopLength);
                break;
            case PROTOCOL_IDENTIFIER:
                f.proto = unsigned(b, off, len);
                break;
            case IP_CLASS_OF_SERVICE:
                f.ipTos = unsigned(b, off, len);
                break;
            case TCP_CONTROL_BITS:
                f.tcpFlags = unsigned(b, off, len);
                break;
            case SOURCE_TRANSPORT_PORT:
                f.srcPort = unsigned(b, off, len);
                break;
            case DESTINATION_TRANSPORT_PORT:
                f.dstPort = unsigned(b, off, len);
                break;
            case SOURCE_IPV4_PREFIX_LENGTH:
            case SOURCE_IPV6_PREFIX_LENGTH:
                f.srcNet = unsigned(b, off, len);
                break;
            case DESTINATION_IPV4_PREFIX_LENGTH:
            case DESTINATION_IPV6_PREFIX_LENGTH:
                f.dstNet = unsigned(b, off, len);
                break;
            case INGRESS_INTERFACE:
                f.inIf = unsigned(b, off, len);
                break;
            case EGRESS_INTERFACE:
                f.outIf = unsigned(b, off, len);
                break;
            case BGP_SOURCE_AS_NUMBER:
                f.srcAs = unsigned(b, off, len);
                break;
            case BGP_DESTINATION_AS_NUMBER:
                f.dstAs = unsigned(b, off, len);
                break;
            case BGP_NEXT_ADJACENT_AS_NUMBER:
                f.nextHopAs = unsigned(b, off, len);
                break;
            case FLOW_START_SYS_UP_TIME:
                f.startUptime = unsigned(b, off, len);
                f.present |= DecodedFlow.START_UPTIME;
                break;
            case FLOW_END_SYS_UP_TIME:
                f.endUptime = unsigned(b, off, len);
                f.present |= DecodedFlow.END_UPTIME;
                break;
            case FLOW_START_SECONDS:
                f.startAbsoluteMillis = unsigned(b, off, len) * 1000;
                f.present |= DecodedFlow.START_ABSOLUTE;
                break;
            case FLOW_END_SECONDS:
                f.endAbsoluteMillis = unsigned(b, off, len) * 1000;
                f.present |= DecodedFlow.END_ABSOLUTE;
                break;
            case FLOW_START_MILLISECONDS:
                f.startAbsoluteMillis = unsigned(b, off, len);
                f.present |= DecodedFlow.START_ABSOLUTE;
                break;
            case FLOW_END_MILLISECONDS:
                f.endAbsoluteMillis = unsigned(b, off, len);
                f.present |= DecodedFlow.END_ABSOLUTE;
                break;
            case FLOW_START_MICROSECONDS:
            case FLOW_START_NANOSECONDS:
                if (len == 8) {
                    f.startAbsoluteMillis = ntpToUnixMillis(unsigned(b, off, 8));
                    f.present |= DecodedFlow.START_ABSOLUTE;
                }
                break;
            case FLOW_END_MICROSECONDS:
            case FLOW_END_NANOSECONDS:
                if (len == 8) {
                    f.endAbsoluteMillis = ntpToUnixMillis(unsigned(b, off, 8));
                    f.present |= DecodedFlow.END_ABSOLUTE;
                }
                break;
            case FLOW_START_DELTA_MICROSECONDS:
                f.startDeltaMicros = unsigned(b, off, len);
                f.present |= DecodedFlow.START_DELTA;
                break;
            case FLOW_END_DELTA_MICROSECONDS:
                f.endDeltaMicros = unsigned(b, off, len);
                f.present |= DecodedFlow.END_DELTA;
                break;
            case SYSTEM_INIT_TIME_MILLISECONDS:
                f.systemInitMillis = unsigned(b, off, len);
                f.present |= DecodedFlow.SYSTEM_INIT;
                break;
            case SAMPLING_INTERVAL:
            case SAMPLER_RANDOM_INTERVAL:
            case SAMPLING_PACKET_INTERVAL:
                f.recordSamplingRate = unsigned(b, off, len);
                break;
            case SAMPLER_ID:
            case SELECTOR_ID:
                f.samplerId = unsigned(b, off, len);
                f.present |= DecodedFlow.SAMPLER_ID;
                break;
            case FORWARDING_STATUS:
                f.forwardingStatus = unsigned(b, off, len);
                break;
            case IP_TTL:
                f.ipTtl = unsigned(b, off, len);
                f.present |= DecodedFlow.IP_TTL;
                break;
            case MINIMUM_TTL:
                f.minimumTtl = unsigned(b, off, len);
                break;
            case SOURCE_MAC_ADDRESS:
                f.srcMac = unsigned(b, off, len);
                f.present |= DecodedFlow.SRC_MAC_IN;
                break;
            case DESTINATION_MAC_ADDRESS:
                f.dstMac = unsigned(b, off, len);
                f.present |= DecodedFlow.DST_MAC_IN;
                break;
            case POST_SOURCE_MAC_ADDRESS:
                f.postSrcMac = unsigned(b, off, len);
                break;
            case POST_DESTINATION_MAC_ADDRESS:
                f.postDstMac = unsigned(b, off, len);
                break;
            case VLAN_ID:
                f.srcVlan = unsigned(b, off, len);
                break;
            case POST_VLAN_ID:
                f.dstVlan = unsigned(b, off, len);
                break;
            case DOT1Q_VLAN_ID:
                f.vlanId = unsigned(b, off, len);
                f.present |= DecodedFlow.DOT1Q_VLAN;
                break;
            case ETHERNET_TYPE:
                f.etype = unsigned(b, off, len);
                f.present |= DecodedFlow.ETHERNET_TYPE;
                break;
            case IP_VERSION:
                f.ipVersion = unsigned(b, off, len);
                break;
            case ICMP_TYPE_CODE_IPV4:
            case ICMP_TYPE_CODE_IPV6:
                f.icmpTypeCode = unsigned(b, off, len);
                f.present |= DecodedFlow.ICMP_TYPE_CODE;
                break;
            case ICMP_TYPE_IPV4:
            case ICMP_TYPE_IPV6:
                f.icmpType = unsigned(b, off, len);
                f.present |= DecodedFlow.ICMP_TYPE;
                break;
            case ICMP_CODE_IPV4:
            case ICMP_CODE_IPV6:
                f.icmpCode = unsigned(b, off, len);
                break;
            case FRAGMENT_IDENTIFICATION:
                f.fragmentId = unsigned(b, off, len);
                break;
            case FRAGMENT_OFFSET:
                f.fragmentOffset = unsigned(b, off, len);
                break;
            case FLOW_LABEL_IPV6:
                f.ipv6FlowLabel = unsigned(b, off, len);
                break;
            case INGRESS_VRF_ID:
                f.ingressVrfId = unsigned(b, off, len);
                break;
            case EGRESS_VRF_ID:
                f.egressVrfId = unsigned(b, off, len);
                break;
            case BIFLOW_DIRECTION:
                f.biFlowDirection = unsigned(b, off, len);
                break;
            case FLOW_DIRECTION:
                f.flowDirection = unsigned(b, off, len);
                break;
            default:
                if (code >= MPLS_TOP_LABEL_STACK_SECTION && code <= MPLS_LABEL_STACK_SECTION_10) {
                    mplsLabel(code - MPLS_TOP_LABEL_STACK_SECTION, unsigned(b, off, len), len, f);
                }
                break;
        }
    }

    private static void applyOptionsField(int code, byte[] b, int off, int len, OptionsRecord o) {
        switch (code) {
            case SAMPLING_INTERVAL:
                o.samplingInterval = unsigned(b, off, len);
                break;
            case SAMPLER_RANDOM_INTERVAL:
                o.samplerRandomInterval = unsigned(b, off, len);
                break;
            case SAMPLING_PACKET_INTERVAL:
                o.samplingPacketInterval = unsigned(b, off, len);
                break;
            case SAMPLING_PACKET_SPACE:
                o.samplingPacketSpace = unsigned(b, off, len);
                break;
            case SAMPLER_ID:
            case SELECTOR_ID:
                o.samplerId = unsigned(b, off, len);
                o.hasSamplerId = true;
                break;
            case INGRESS_INTERFACE:
            case V9_SCOPE_INTERFACE:
                o.ifIndex = unsigned(b, off, len);
                o.hasIfIndex = true;
                break;
            case INTERFACE_NAME:
                o.ifName = OptionsRecord.text(b, off, len);
                break;
            case INTERFACE_DESCRIPTION:
                o.ifDescription = OptionsRecord.text(b, off, len);
                break;
            case SYSTEM_INIT_TIME_MILLISECONDS:
                o.systemInitMillis = unsigned(b, off, len);
                break;
            default:
                break;
        }
    }

    /**
     * Copies a 4- or 16-byte address. A zero address does not replace one already set, so a
     * template carrying both IPv4 and IPv6 fields keeps the family that was actually used.
     */
    private static int address(byte[] b, int off, int len, byte[] target, int currentLength) {
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
        f.mplsLabels[index] = label;
        if (index + 1 > f.mplsCount) {
            f.mplsCount = index + 1;
        }
    }

    /** NTP timestamp (seconds since 1900 in the high 32 bits, fraction in the low) to Unix ms. */
    private static long ntpToUnixMillis(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFF_FFFFL;
        return (seconds - 2_208_988_800L) * 1000 + (fraction * 1000 >>> 32);
    }
}
