package org.bwnetflow.connect.flowctl.ddos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The start or end of a flood at a target, as one JSON line. Times are the flows' own (unix
 * seconds); {@code end} is when the window fell below the thresholds (-1 on a start), and
 * {@code peak} the highest window rates of the alert (on an end). The top lists are the
 * heaviest sources and destination ports since the target was watched (start) or over the
 * whole alert (end); their rates are guaranteed lower bounds.
 *
 * @param baseline the target's baseline for the hour, null if none (then the floor is the threshold)
 */
public record Alert(String event, String target, Rates rates, double flowsPerSecond, Rates baseline, Rates threshold,
                    List<Source> topSources, List<Port> topPorts, long start, long end, Rates peak) {

    public static final String START = "start";
    public static final String END = "end";

    /** A source address and its bits/s toward the target. */
    public record Source(String address, double bitsPerSecond) {
    }

    /** A destination port (with its IP protocol) and its bits/s at the target. */
    public record Port(int proto, int port, double bitsPerSecond) {
    }

    public String toJson() {
        ObjectNode json = DdosJson.MAPPER.createObjectNode();
        json.put("event", event);
        json.put("target", target);
        json.put("bits_per_second", DdosJson.decimal(rates.bitsPerSecond(), 0));
        json.put("packets_per_second", DdosJson.decimal(rates.packetsPerSecond(), 1));
        json.put("flows_per_second", DdosJson.decimal(flowsPerSecond, 1));
        json.put("baseline_bits_per_second", baseline == null ? null : DdosJson.decimal(baseline.bitsPerSecond(), 0));
        json.put("baseline_packets_per_second", baseline == null ? null : DdosJson.decimal(baseline.packetsPerSecond(), 1));
        json.put("threshold_bits_per_second", DdosJson.decimal(threshold.bitsPerSecond(), 0));
        json.put("threshold_packets_per_second", DdosJson.decimal(threshold.packetsPerSecond(), 1));
        ArrayNode sources = json.putArray("top_sources");
        for (Source s : topSources) {
            sources.addObject().put("address", s.address()).put("bits_per_second", DdosJson.decimal(s.bitsPerSecond(), 0));
        }
        ArrayNode ports = json.putArray("top_ports");
        for (Port p : topPorts) {
            ports.addObject().put("proto", p.proto()).put("port", p.port())
                    .put("bits_per_second", DdosJson.decimal(p.bitsPerSecond(), 0));
        }
        json.put("start", Instant.ofEpochSecond(start).toString());
        json.put("end", end < 0 ? null : Instant.ofEpochSecond(end).toString());
        if (peak != null) {
            json.put("peak_bits_per_second", DdosJson.decimal(peak.bitsPerSecond(), 0));
            json.put("peak_packets_per_second", DdosJson.decimal(peak.packetsPerSecond(), 1));
        }
        try {
            return DdosJson.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
