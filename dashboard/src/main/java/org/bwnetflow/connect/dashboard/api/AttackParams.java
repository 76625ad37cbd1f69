package org.bwnetflow.connect.dashboard.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.bwnetflow.connect.dashboard.attacks.AttackQuery;

/**
 * The query string of {@code /api/attacks}: {@code from}, {@code to} (as for the other APIs; default
 * the last hour, at most 7 days apart), {@code cid} (a customer; a customer's login may name only its
 * own) and {@code attack} (one attack's id). Any other parameter, or one given twice, is an error.
 */
final class AttackParams {

    private static final Set<String> NAMES = Set.of("from", "to", "cid", "attack");

    private final String rawQuery;
    private final Map<String, String> values = new HashMap<>();

    AttackParams(String rawQuery) {
        this.rawQuery = rawQuery;
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + printable(name) + "'; the attacks view's are "
                        + String.join(", ", NAMES.stream().sorted().toList()));
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' given twice");
            }
        }
    }

    /** The query the parameters ask for (the customer as asked: the caller applies the login's). */
    AttackQuery query(Instant now) {
        QueryParams times = new QueryParams(rawQuery);
        Instant to = times.time("to", now, now);
        Instant from = times.time("from", to.minusSeconds(3600), now);
        String cid = values.getOrDefault("cid", "");
        String attack = values.getOrDefault("attack", "");
        return new AttackQuery(from, to, cid.isEmpty() ? null : customer(cid), attack.isEmpty() ? null : attack);
    }

    private static long customer(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cid must be a whole number, got '" + printable(value) + "'");
        }
    }

    private static String printable(String text) {
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= 40 ? safe : safe.substring(0, 40) + "...";
    }
}
