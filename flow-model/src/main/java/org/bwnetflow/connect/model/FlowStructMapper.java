package org.bwnetflow.connect.model;

import static org.bwnetflow.connect.model.FlowField.*;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;

/**
 * A decoded flow as a FlowMessage Struct. Only fields with a value are set: everything else
 * keeps the schema's proto3 default, and the enrichment fields stay empty for the transforms.
 */
public final class FlowStructMapper {

    private FlowStructMapper() {
    }

    public static Struct toStruct(DecodedFlow f) {
        Struct s = FlowMessageSchema.newFlow();
        s.put(FlowMessageSchema.field(TYPE), f.type());
        number(s, TIME_RECEIVED, f.timeReceivedMillis() / 1000);
        number(s, SAMPLING_RATE, f.samplingRate());
        number(s, SEQUENCE_NUM, f.sequenceNum());
        number(s, TIME_FLOW_START, f.timeFlowStartMillis() / 1000);
        number(s, TIME_FLOW_END, f.timeFlowEndMillis() / 1000);
        if (f.srcAddrLength() > 0) {
            s.put(FlowMessageSchema.field(SRC_ADDR), f.srcAddrCopy());
        }
        if (f.dstAddrLength() > 0) {
            s.put(FlowMessageSchema.field(DST_ADDR), f.dstAddrCopy());
        }
        if (f.nextHopLength() > 0) {
            s.put(FlowMessageSchema.field(NEXT_HOP), f.nextHopCopy());
        }
        if (f.exporterAddress() != null) {
            s.put(FlowMessageSchema.field(SAMPLER_ADDRESS), f.exporterAddress().clone());
        }
        number(s, BYTES, f.bytes());
        number(s, PACKETS, f.packets());
        number(s, NEXT_HOP_AS, f.nextHopAs());
        number(s, SRC_AS, f.srcAs());
        number(s, DST_AS, f.dstAs());
        number(s, SRC_NET, f.srcNet());
        number(s, DST_NET, f.dstNet());
        number(s, IN_IF, f.inIf());
        number(s, OUT_IF, f.outIf());
        number(s, PROTO, f.proto());
        number(s, SRC_PORT, f.srcPort());
        number(s, DST_PORT, f.dstPort());
        number(s, IP_TOS, f.ipTos());
        number(s, FORWARDING_STATUS, f.forwardingStatus());
        number(s, IP_TTL, f.ipTtl());
        number(s, TCP_FLAGS, f.tcpFlags());
        number(s, SRC_MAC, f.srcMac());
        number(s, DST_MAC, f.dstMac());
        number(s, VLAN_ID, f.vlanId());
        number(s, ETYPE, f.etype());
        number(s, ICMP_TYPE, f.icmpType());
        number(s, ICMP_CODE, f.icmpCode());
        number(s, SRC_VLAN, f.srcVlan());
        number(s, DST_VLAN, f.dstVlan());
        number(s, FRAGMENT_ID, f.fragmentId());
        number(s, FRAGMENT_OFFSET, f.fragmentOffset());
        number(s, IPV6_FLOW_LABEL, f.ipv6FlowLabel());
        number(s, INGRESS_VRF_ID, f.ingressVrfId());
        number(s, EGRESS_VRF_ID, f.egressVrfId());
        number(s, BI_FLOW_DIRECTION, f.biFlowDirection());
        number(s, FLOW_DIRECTION, f.flowDirection());
        if (f.mplsCount() > 0) {
            s.put(FlowMessageSchema.field(HAS_MPLS), true);
            number(s, MPLS_COUNT, f.mplsCount());
            number(s, MPLS1_LABEL, f.mplsLabel(0));
            number(s, MPLS2_LABEL, f.mplsLabel(1));
            number(s, MPLS3_LABEL, f.mplsLabel(2));
            number(s, MPLS_LAST_LABEL, f.mplsLastLabel());
        }
        text(s, SRC_IF_NAME, f.srcIfName());
        text(s, SRC_IF_DESC, f.srcIfDesc());
        text(s, DST_IF_NAME, f.dstIfName());
        text(s, DST_IF_DESC, f.dstIfDesc());
        return s;
    }

    private static void number(Struct s, FlowField field, long value) {
        if (value != 0) {
            s.put(FlowMessageSchema.field(field), value);
        }
    }

    private static void text(Struct s, FlowField field, String value) {
        if (value != null && !value.isEmpty()) {
            s.put(FlowMessageSchema.field(field), value);
        }
    }
}
