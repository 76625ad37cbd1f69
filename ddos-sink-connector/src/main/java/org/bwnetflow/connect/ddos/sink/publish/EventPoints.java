package org.bwnetflow.connect.ddos.sink.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bwnetflow.connect.ddos.sink.attack.AttackEvent;
import org.bwnetflow.connect.ddos.sink.mitigation.AuditRecord;
import org.bwnetflow.connect.influx.aggregate.Point;

/** The database rows of attack events ({@value #ATTACKS}) and audit records ({@value #MITIGATIONS}). */
public final class EventPoints {

    public static final String ATTACKS = "ddos_attacks";
    public static final String MITIGATIONS = "ddos_mitigations";

    private EventPoints() {
    }

    /** An attack event at its second: tags cid, target, attack, event, top_source; the rates as integer fields. */
    public static Point of(AttackEvent event) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("cid", Long.toString(event.cid()));
        tags.put("target", event.target());
        tags.put("attack", event.attackId());
        tags.put("event", event.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (!event.sources().isEmpty()) {
            tags.put("top_source", event.sources().get(0).address());
        }
        Map<String, Long> fields = new LinkedHashMap<>();
        fields.put("start", event.startSecond());
        fields.put("bits_per_second", Math.round(event.bitsPerSecond()));
        fields.put("packets_per_second", Math.round(event.packetsPerSecond()));
        fields.put("threshold_bits_per_second", Math.round(event.thresholdBitsPerSecond()));
        fields.put("threshold_packets_per_second", Math.round(event.thresholdPacketsPerSecond()));
        if (!event.ports().isEmpty()) {
            fields.put("top_protocol", (long) event.ports().get(0).protocol());
            fields.put("top_port", (long) event.ports().get(0).port());
        }
        return new Point(ATTACKS, tags, fields, event.eventSecond() * 1000);
    }

    /** An audit record at its time: tags cid, attack, target, action, route_key, route, reason (those not empty). */
    public static Point of(AuditRecord entry) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("cid", Long.toString(entry.cid()));
        tags.put("action", entry.action());
        putIfSet(tags, "attack", entry.attackId());
        putIfSet(tags, "target", entry.target());
        putIfSet(tags, "route_key", entry.routeKey());
        putIfSet(tags, "route", entry.route());
        putIfSet(tags, "reason", entry.reason());
        return new Point(MITIGATIONS, tags, Map.of("count", 1L), entry.timeMillis());
    }

    private static void putIfSet(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isEmpty()) {
            tags.put(key, value);
        }
    }
}
