package org.bwnetflow.connect.flowctl.json;

import static org.bwnetflow.connect.model.FlowField.*;

import java.time.Instant;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;

/** A flow as one human-readable line, for watching a topic. */
public final class FlowPretty {

    private FlowPretty() {
    }

    public static String toLine(Struct flow) {
        String protoName = Flows.text(flow, PROTO_NAME);
        StringBuilder sb = new StringBuilder(160)
                .append(Instant.ofEpochSecond(Flows.number(flow, TIME_FLOW_START)))
                .append(' ').append(endpoint(flow, SRC_ADDR, SRC_PORT))
                .append(" -> ").append(endpoint(flow, DST_ADDR, DST_PORT))
                .append(' ').append(protoName.isEmpty() ? "proto " + Flows.number(flow, PROTO) : protoName)
                .append(' ').append(Long.toUnsignedString(Flows.number(flow, BYTES))).append(" B")
                .append(' ').append(Long.toUnsignedString(Flows.number(flow, PACKETS))).append(" pkts")
                .append(" if ").append(Flows.number(flow, IN_IF)).append('>').append(Flows.number(flow, OUT_IF))
                .append(" via ").append(FlowJson.addressText(Flows.bytes(flow, SAMPLER_ADDRESS)));
        if (Flows.number(flow, SAMPLING_RATE) > 0) {
            sb.append(" 1:").append(Flows.number(flow, SAMPLING_RATE));
        }
        if (Flows.number(flow, CID) > 0) {
            sb.append(" cid ").append(Flows.number(flow, CID));
        }
        return sb.toString();
    }

    private static String endpoint(Struct flow, FlowField address, FlowField port) {
        String text = FlowJson.addressText(Flows.bytes(flow, address));
        return (text.contains(":") ? "[" + text + "]" : text) + ":" + Flows.number(flow, port);
    }
}
