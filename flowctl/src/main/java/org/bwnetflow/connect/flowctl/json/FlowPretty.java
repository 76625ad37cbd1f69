package org.bwnetflow.connect.flowctl.json;

import java.time.Instant;
import org.apache.kafka.connect.data.Struct;

/** A flow as one human-readable line, for watching a topic. */
public final class FlowPretty {

    private FlowPretty() {
    }

    public static String toLine(Struct flow) {
        String proto = flow.getString("ProtoName").isEmpty() ? "proto " + flow.getInt64("Proto") : flow.getString("ProtoName");
        StringBuilder sb = new StringBuilder(160)
                .append(Instant.ofEpochSecond(flow.getInt64("TimeFlowStart")))
                .append(' ').append(endpoint(flow, "SrcAddr", "SrcPort"))
                .append(" -> ").append(endpoint(flow, "DstAddr", "DstPort"))
                .append(' ').append(proto)
                .append(' ').append(Long.toUnsignedString(flow.getInt64("Bytes"))).append(" B")
                .append(' ').append(Long.toUnsignedString(flow.getInt64("Packets"))).append(" pkts")
                .append(" if ").append(flow.getInt64("InIf")).append('>').append(flow.getInt64("OutIf"))
                .append(" via ").append(FlowJson.addressText(flow.getBytes("SamplerAddress")));
        if (flow.getInt64("SamplingRate") > 0) {
            sb.append(" 1:").append(flow.getInt64("SamplingRate"));
        }
        if (flow.getInt64("Cid") > 0) {
            sb.append(" cid ").append(flow.getInt64("Cid"));
        }
        return sb.toString();
    }

    private static String endpoint(Struct flow, String address, String port) {
        String text = FlowJson.addressText(flow.getBytes(address));
        return (text.contains(":") ? "[" + text + "]" : text) + ":" + flow.getInt64(port);
    }
}
