package org.bwnetflow.connect.flowctl.testing;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.generate.GeneratedFlow;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/** {@code flowctl generate}'s synthetic flows as the FlowMessages a collector would have made of them. */
public final class GeneratedFlowMessages {

    private GeneratedFlowMessages() {
    }

    /** The flow as received at {@code second} (Unix seconds), with customer id {@code cid}. */
    public static Struct of(GeneratedFlow generated, long second, long cid) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setEnum(flow, FlowField.TYPE, 3);
        Flows.setNumber(flow, FlowField.TIME_RECEIVED, second);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, second);
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, second - generated.durationMillis() / 1000);
        Flows.setBytes(flow, FlowField.SRC_ADDR, generated.srcAddr());
        Flows.setBytes(flow, FlowField.DST_ADDR, generated.dstAddr());
        Flows.setBytes(flow, FlowField.NEXT_HOP, generated.nextHop());
        Flows.setNumber(flow, FlowField.IN_IF, generated.inIf());
        Flows.setNumber(flow, FlowField.OUT_IF, generated.outIf());
        Flows.setNumber(flow, FlowField.BYTES, generated.bytes());
        Flows.setNumber(flow, FlowField.PACKETS, generated.packets());
        Flows.setNumber(flow, FlowField.SRC_PORT, generated.srcPort());
        Flows.setNumber(flow, FlowField.DST_PORT, generated.dstPort());
        Flows.setNumber(flow, FlowField.PROTO, generated.proto());
        Flows.setNumber(flow, FlowField.TCP_FLAGS, generated.tcpFlags());
        Flows.setNumber(flow, FlowField.IP_TOS, generated.tos());
        Flows.setNumber(flow, FlowField.SRC_AS, generated.srcAs());
        Flows.setNumber(flow, FlowField.DST_AS, generated.dstAs());
        Flows.setNumber(flow, FlowField.FLOW_DIRECTION, generated.direction());
        Flows.setNumber(flow, FlowField.ETYPE, generated.isIpv6() ? 0x86DD : 0x0800);
        Flows.setNumber(flow, FlowField.CID, cid);
        return flow;
    }
}
