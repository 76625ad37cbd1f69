package org.bwnetflow.connect.ddos.sink.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import org.bwnetflow.connect.ddos.sink.attack.AttackEvent;

/** An attack event as the JSON value of the attacks topic (snake case, as flowctl ddos prints alerts). */
public final class AttackEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttackEventJson() {
    }

    public static byte[] encode(AttackEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("event", event.kind().name().toLowerCase(Locale.ROOT))
                .put("cid", event.cid())
                .put("attack", event.attackId())
                .put("target", event.target())
                .put("start", event.startSecond())
                .put("time", event.eventSecond())
                .put("bits_per_second", event.bitsPerSecond())
                .put("packets_per_second", event.packetsPerSecond())
                .put("threshold_bits_per_second", event.thresholdBitsPerSecond())
                .put("threshold_packets_per_second", event.thresholdPacketsPerSecond());
        ArrayNode sources = node.putArray("top_sources");
        for (AttackEvent.Source source : event.sources()) {
            sources.addObject().put("address", source.address()).put("bits_per_second", source.bitsPerSecond());
        }
        ArrayNode ports = node.putArray("top_ports");
        for (AttackEvent.Port port : event.ports()) {
            ports.addObject().put("protocol", port.protocol()).put("port", port.port())
                    .put("bits_per_second", port.bitsPerSecond());
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an attack event as JSON", e);
        }
    }
}
