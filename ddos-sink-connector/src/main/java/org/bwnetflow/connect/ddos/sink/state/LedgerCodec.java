package org.bwnetflow.connect.ddos.sink.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.bwnetflow.connect.ddos.sink.mitigation.LedgerEntry;
import org.bwnetflow.connect.ddos.sink.mitigation.MitigationPolicy;

/** A ledger entry as the JSON value of its state topic record (versioned, readable with a console consumer). */
public final class LedgerCodec {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerCodec() {
    }

    public static byte[] encode(LedgerEntry entry) {
        ObjectNode node = JSON.createObjectNode()
                .put("version", VERSION)
                .put("route", entry.routeKey())
                .put("cid", entry.cid())
                .put("attack", entry.attackId())
                .put("target", entry.target())
                .put("policy", entry.policy().configName())
                .put("protocol", entry.protocol())
                .put("port", entry.port())
                .put("dry_run", entry.dryRun())
                .put("announced_ms", entry.announcedMillis())
                .put("withdraw_after_ms", entry.withdrawAfterMillis());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a ledger entry as JSON", e);
        }
    }

    /** The entry of a record; IllegalArgumentException naming the key for anything else. */
    public static LedgerEntry decode(String key, byte[] value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("state record " + key + " is not JSON: " + e.getMessage());
        }
        if (node == null || node.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("state record " + key + " has version " + (node == null ? "none"
                    : node.path("version").asText("none")) + "; this connector reads version " + VERSION);
        }
        for (String field : new String[] {"route", "cid", "attack", "target", "policy", "announced_ms", "withdraw_after_ms"}) {
            if (!node.hasNonNull(field)) {
                throw new IllegalArgumentException("state record " + key + " lacks '" + field + "'");
            }
        }
        return new LedgerEntry(node.get("route").asText(), node.get("cid").asLong(), node.get("attack").asText(),
                node.get("target").asText(), MitigationPolicy.of(node.get("policy").asText()),
                node.path("protocol").asInt(0), node.path("port").asInt(-1), node.path("dry_run").asBoolean(false),
                node.get("announced_ms").asLong(), node.get("withdraw_after_ms").asLong());
    }
}
