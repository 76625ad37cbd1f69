package org.bwnetflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** FRR's JSON (vtysh {@code show bgp ... json}) in the forms {@link GobgpRoute} compares. */
final class Vtysh {

    private Vtysh() {
    }

    /** "as-sequence"/"as-set" segments as "2:[...]"/"1:[...]". */
    static List<String> segments(JsonNode aspath) {
        List<String> segments = new ArrayList<>();
        for (JsonNode segment : aspath.path("segments")) {
            List<Long> asns = new ArrayList<>();
            segment.get("list").forEach(a -> asns.add(a.asLong()));
            segments.add((segment.get("type").asText().equals("as-set") ? 1 : 2) + ":" + asns);
        }
        return segments;
    }

    /** "65001:300" as 65001 << 16 | 300. */
    static List<Long> communities(JsonNode community) {
        List<Long> values = new ArrayList<>();
        for (JsonNode text : community.path("list")) {
            String[] parts = text.asText().split(":");
            values.add(Long.parseLong(parts[0]) << 16 | Long.parseLong(parts[1]));
        }
        return values;
    }

    /** "65001:7:8" as three values. */
    static List<Long> largeCommunities(JsonNode large) {
        List<Long> values = new ArrayList<>();
        for (JsonNode text : large.path("list")) {
            for (String part : text.asText().split(":")) {
                values.add(Long.parseLong(part));
            }
        }
        return values;
    }
}
