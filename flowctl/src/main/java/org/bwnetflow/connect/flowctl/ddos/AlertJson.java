package org.bwnetflow.connect.flowctl.ddos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.bwnetflow.connect.ddos.detection.Alert;

/**
 * An alert as one JSON line, rates rounded to what means something ({@link DdosJson}). With ids (when
 * updates are asked for) a line also has the alert's {@code id} and the time of the event, {@code at}.
 */
final class AlertJson {

    private AlertJson() {
    }

    /** The line as flowctl ddos has always printed it: without id and at. */
    static String toJson(Alert alert) {
        return toJson(alert, false);
    }

    static String toJson(Alert alert, boolean withIds) {
        ObjectNode json = DdosJson.MAPPER.createObjectNode();
        json.put("event", alert.event());
        if (withIds) {
            json.put("id", alert.id());
        }
        json.put("target", alert.target());
        json.put("bits_per_second", DdosJson.decimal(alert.rates().bitsPerSecond(), 0));
        json.put("packets_per_second", DdosJson.decimal(alert.rates().packetsPerSecond(), 1));
        json.put("flows_per_second", DdosJson.decimal(alert.flowsPerSecond(), 1));
        json.put("baseline_bits_per_second", alert.baseline() == null ? null
                : DdosJson.decimal(alert.baseline().bitsPerSecond(), 0));
        json.put("baseline_packets_per_second", alert.baseline() == null ? null
                : DdosJson.decimal(alert.baseline().packetsPerSecond(), 1));
        json.put("threshold_bits_per_second", DdosJson.decimal(alert.threshold().bitsPerSecond(), 0));
        json.put("threshold_packets_per_second", DdosJson.decimal(alert.threshold().packetsPerSecond(), 1));
        putTopLists(json, alert);
        json.put("start", Instant.ofEpochSecond(alert.start()).toString());
        json.put("end", alert.end() < 0 ? null : Instant.ofEpochSecond(alert.end()).toString());
        if (withIds) {
            json.put("at", Instant.ofEpochSecond(alert.at()).toString());
        }
        if (alert.peak() != null) {
            json.put("peak_bits_per_second", DdosJson.decimal(alert.peak().bitsPerSecond(), 0));
            json.put("peak_packets_per_second", DdosJson.decimal(alert.peak().packetsPerSecond(), 1));
        }
        try {
            return DdosJson.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putTopLists(ObjectNode json, Alert alert) {
        ArrayNode sources = json.putArray("top_sources");
        for (Alert.Source s : alert.topSources()) {
            sources.addObject().put("address", s.address()).put("bits_per_second", DdosJson.decimal(s.bitsPerSecond(), 0));
        }
        ArrayNode ports = json.putArray("top_ports");
        for (Alert.Port p : alert.topPorts()) {
            ports.addObject().put("proto", p.proto()).put("port", p.port())
                    .put("bits_per_second", DdosJson.decimal(p.bitsPerSecond(), 0));
        }
    }
}
