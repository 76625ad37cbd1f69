package org.bwnetflow.connect.ddos.sink.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bwnetflow.connect.ddos.sink.attack.AttackEvent;
import org.bwnetflow.connect.ddos.sink.mitigation.AuditRecord;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.model.table.DdosTables;

/** The database rows of attack events and audit records, in the tables {@link DdosTables} describes. */
public final class EventPoints {

    private EventPoints() {
    }

    /** An attack event at its second: tags cid, target, attack, event, top_source; the rates as integer fields. */
    public static Point of(AttackEvent event) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put(DdosTables.CID, Long.toString(event.cid()));
        tags.put(DdosTables.TARGET, event.target());
        tags.put(DdosTables.ATTACK, event.attackId());
        tags.put(DdosTables.EVENT, event.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (!event.sources().isEmpty()) {
            tags.put(DdosTables.TOP_SOURCE, event.sources().get(0).address());
        }
        Map<String, Long> fields = new LinkedHashMap<>();
        fields.put(DdosTables.START, event.startSecond());
        fields.put(DdosTables.BITS_PER_SECOND, Math.round(event.bitsPerSecond()));
        fields.put(DdosTables.PACKETS_PER_SECOND, Math.round(event.packetsPerSecond()));
        fields.put(DdosTables.THRESHOLD_BITS_PER_SECOND, Math.round(event.thresholdBitsPerSecond()));
        fields.put(DdosTables.THRESHOLD_PACKETS_PER_SECOND, Math.round(event.thresholdPacketsPerSecond()));
        if (!event.ports().isEmpty()) {
            fields.put(DdosTables.TOP_PROTOCOL, (long) event.ports().get(0).protocol());
            fields.put(DdosTables.TOP_PORT, (long) event.ports().get(0).port());
        }
        return new Point(DdosTables.ATTACKS, tags, fields, event.eventSecond() * 1000);
    }

    /** An audit record at its time: tags cid, attack, target, action, route_key, route, reason (those not empty). */
    public static Point of(AuditRecord entry) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put(DdosTables.CID, Long.toString(entry.cid()));
        tags.put(DdosTables.ACTION, entry.action());
        putIfSet(tags, DdosTables.ATTACK, entry.attackId());
        putIfSet(tags, DdosTables.TARGET, entry.target());
        putIfSet(tags, DdosTables.ROUTE_KEY, entry.routeKey());
        putIfSet(tags, DdosTables.ROUTE, entry.route());
        putIfSet(tags, DdosTables.REASON, entry.reason());
        return new Point(DdosTables.MITIGATIONS, tags, Map.of(DdosTables.COUNT, 1L), entry.timeMillis());
    }

    private static void putIfSet(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isEmpty()) {
            tags.put(key, value);
        }
    }
}
