package org.bwnetflow.connect.netflow.export;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_MAC;
import static org.bwnetflow.connect.model.FlowField.DST_NET;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.DST_VLAN;
import static org.bwnetflow.connect.model.FlowField.ETYPE;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.IP_TOS;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_MAC;
import static org.bwnetflow.connect.model.FlowField.SRC_NET;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;
import static org.bwnetflow.connect.model.FlowField.SRC_VLAN;
import static org.bwnetflow.connect.model.FlowField.TCP_FLAGS;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_END;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_START;
import static org.bwnetflow.connect.model.FlowField.VLAN_ID;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.netflow.encode.ExportFlow;

/** A FlowMessage as the encoder writes it; null for a flow without a usable address pair. */
final class ExportMapping {

    private ExportMapping() {
    }

    /** @param earliestMillis flow times before it (v9's boot) are moved up to it */
    static ExportFlow of(Struct flow, long earliestMillis) {
        byte[] src = Flows.bytes(flow, SRC_ADDR);
        byte[] dst = Flows.bytes(flow, DST_ADDR);
        if (src == null || dst == null || src.length != dst.length || (src.length != 4 && src.length != 16)) {
            return null;
        }
        byte[] hop = Flows.bytes(flow, NEXT_HOP);
        if (hop == null || hop.length != src.length) {
            hop = new byte[src.length];
        }
        long end = Math.max(earliestMillis, Flows.number(flow, TIME_FLOW_END) * 1000);
        long startSeconds = Flows.number(flow, TIME_FLOW_START);
        long start = Math.max(earliestMillis, startSeconds == 0 ? end : Math.min(end, startSeconds * 1000));
        // VlanId is the single tag of exporters without a direction; SrcVlan/DstVlan win when present.
        long srcVlan = Flows.number(flow, SRC_VLAN) != 0 ? Flows.number(flow, SRC_VLAN) : Flows.number(flow, VLAN_ID);
        long etype = Flows.number(flow, ETYPE) != 0 ? Flows.number(flow, ETYPE) : src.length == 4 ? 0x0800 : 0x86dd;
        return new ExportFlow(src, dst, hop, Flows.number(flow, IN_IF), Flows.number(flow, OUT_IF),
                Flows.number(flow, PACKETS), Flows.number(flow, BYTES), start, end,
                (int) Flows.number(flow, SRC_PORT), (int) Flows.number(flow, DST_PORT), (int) Flows.number(flow, TCP_FLAGS),
                (int) Flows.number(flow, PROTO), (int) Flows.number(flow, IP_TOS), Flows.number(flow, SRC_AS),
                Flows.number(flow, DST_AS), (int) Flows.number(flow, SRC_NET), (int) Flows.number(flow, DST_NET),
                (int) Flows.number(flow, FLOW_DIRECTION), Flows.number(flow, SRC_MAC), Flows.number(flow, DST_MAC),
                (int) srcVlan, (int) Flows.number(flow, DST_VLAN), (int) etype);
    }
}
