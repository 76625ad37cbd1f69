package org.bwnetflow.connect.netflow.source;

import static org.bwnetflow.connect.model.FlowField.*;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.StructValues;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;

/**
 * A decoded flow as a FlowMessage Struct. Only fields with a value are set: everything else
 * keeps the schema's proto3 default, and the enrichment fields stay empty for the transforms.
 * Values go straight into the Struct's value array ({@link StructValues}): they are of the
 * schema's types by construction, so Connect's per-put validation is skipped. Here, not in
 * flow-model, so that the transforms and sinks do not carry the decoder.
 */
public final class FlowStructMapper {

    private FlowStructMapper() {
    }

    public static Struct toStruct(DecodedFlow f) {
        Struct s = FlowMessageSchema.newFlow();
        Object[] v = StructValues.of(s);
        set(s, v, TYPE, f.type());
        number(s, v, TIME_RECEIVED, f.timeReceivedMillis() / 1000);
        number(s, v, SAMPLING_RATE, f.samplingRate());
        number(s, v, SEQUENCE_NUM, f.sequenceNum());
        number(s, v, TIME_FLOW_START, f.timeFlowStartMillis() / 1000);
        number(s, v, TIME_FLOW_END, f.timeFlowEndMillis() / 1000);
        if (f.srcAddrLength() > 0) {
            set(s, v, SRC_ADDR, f.srcAddrCopy());
        }
        if (f.dstAddrLength() > 0) {
            set(s, v, DST_ADDR, f.dstAddrCopy());
        }
        if (f.nextHopLength() > 0) {
            set(s, v, NEXT_HOP, f.nextHopCopy());
        }
        if (f.exporterAddress() != null) {
            set(s, v, SAMPLER_ADDRESS, f.exporterAddress().clone());
        }
        number(s, v, BYTES, f.bytes());
        number(s, v, PACKETS, f.packets());
        number(s, v, NEXT_HOP_AS, f.nextHopAs());
        number(s, v, SRC_AS, f.srcAs());
        number(s, v, DST_AS, f.dstAs());
        number(s, v, SRC_NET, f.srcNet());
        number(s, v, DST_NET, f.dstNet());
        number(s, v, IN_IF, f.inIf());
        number(s, v, OUT_IF, f.outIf());
        number(s, v, PROTO, f.proto());
        number(s, v, SRC_PORT, f.srcPort());
        number(s, v, DST_PORT, f.dstPort());
        number(s, v, IP_TOS, f.ipTos());
        number(s, v, FORWARDING_STATUS, f.forwardingStatus());
        number(s, v, IP_TTL, f.ipTtl());
        number(s, v, TCP_FLAGS, f.tcpFlags());
        number(s, v, SRC_MAC, f.srcMac());
        number(s, v, DST_MAC, f.dstMac());
        number(s, v, VLAN_ID, f.vlanId());
        number(s, v, ETYPE, f.etype());
        number(s, v, ICMP_TYPE, f.icmpType());
        number(s, v, ICMP_CODE, f.icmpCode());
        number(s, v, SRC_VLAN, f.srcVlan());
        number(s, v, DST_VLAN, f.dstVlan());
        number(s, v, FRAGMENT_ID, f.fragmentId());
        number(s, v, FRAGMENT_OFFSET, f.fragmentOffset());
        number(s, v, IPV6_FLOW_LABEL, f.ipv6FlowLabel());
        number(s, v, INGRESS_VRF_ID, f.ingressVrfId());
        number(s, v, EGRESS_VRF_ID, f.egressVrfId());
        number(s, v, BI_FLOW_DIRECTION, f.biFlowDirection());
        number(s, v, FLOW_DIRECTION, f.flowDirection());
        if (f.mplsCount() > 0) {
            set(s, v, HAS_MPLS, true);
            number(s, v, MPLS_COUNT, f.mplsCount());
            number(s, v, MPLS1_LABEL, f.mplsLabel(0));
            number(s, v, MPLS2_LABEL, f.mplsLabel(1));
            number(s, v, MPLS3_LABEL, f.mplsLabel(2));
            number(s, v, MPLS_LAST_LABEL, f.mplsLastLabel());
        }
        text(s, v, SRC_IF_NAME, f.srcIfName());
        text(s, v, SRC_IF_DESC, f.srcIfDesc());
        text(s, v, DST_IF_NAME, f.dstIfName());
        text(s, v, DST_IF_DESC, f.dstIfDesc());
        return s;
    }

    private static void number(Struct s, Object[] v, FlowField field, long value) {
        if (value != 0) {
            set(s, v, field, value);
        }
    }

    private static void text(Struct s, Object[] v, FlowField field, String value) {
        if (value != null && !value.isEmpty()) {
            set(s, v, field, value);
        }
    }

    /** Into the value array when there is one, else through Struct.put (which validates). */
    private static void set(Struct s, Object[] v, FlowField field, Object value) {
        if (v != null) {
            v[field.ordinal()] = value;
        } else {
            s.put(FlowMessageSchema.field(field), value);
        }
    }
}
