package org.bwnetflow.connect.dashboard.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.dashboard.query.Measurement;
import org.bwnetflow.connect.dashboard.query.TrafficQuery;

/**
 * A request's query string as a {@link TrafficQuery}: {@code measurement} (default flows),
 * {@code split} (a tag), {@code from}/{@code to} (ISO-8601 or Unix seconds; default the last
 * hour; between the Unix epoch and a week from now), {@code step} (seconds; default about 300
 * buckets, at least 10 s), {@code limit} (default 10, at most 100), {@code cid}. A bad value is an
 * error naming the parameter.
 */
final class QueryParams {

    /**
     * How far ahead of the wall clock a range may end. No point lies later than a clock tolerance
     * ahead (the sink windows a flow time it does not trust by its record's time, which the source
     * set from its own clock); a week leaves room for anyone's time zone mistakes while keeping
     * times that no database or browser date can hold (year 300,000) out of every query.
     */
    static final Duration MAX_AHEAD = Duration.ofDays(7);

    private final Map<String, String> values = new HashMap<>();

    QueryParams(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
    }

    String get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    TrafficQuery query(Instant now) {
        Measurement measurement = Measurement.named(values.getOrDefault("measurement", "flows"));
        Long cid = get("cid") == null ? null : number("cid", 0);
        return query(now, measurement, get("split"), cid);
    }

    /**
     * The query of {@code /api/ingest}: the sources' ingest health split by exporter, with the
     * range, step and limit parameters of a series; it has no measurement, split or cid to choose.
     */
    TrafficQuery ingestQuery(Instant now) {
        for (String name : List.of("measurement", "split", "cid")) {
            if (get(name) != null) {
                throw new IllegalArgumentException(name + " is no parameter of the ingest health (per exporter, "
                        + "not per customer)");
            }
        }
        return query(now, Measurement.INGEST, "exporter", null);
    }

    private TrafficQuery query(Instant now, Measurement measurement, String split, Long cid) {
        Instant to = time("to", now, now);
        Instant from = time("from", to.minusSeconds(3600), now);
        long range = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        long step = number("step", Math.max(10, (range / 300 + 9) / 10 * 10));
        long limit = number("limit", 10);
        if (limit > 100) {
            throw new IllegalArgumentException("limit must be at most 100, got " + limit);
        }
        return new TrafficQuery(measurement, split, from, to, step, cid, (int) limit);
    }

    Instant time(String name, Instant fallback, Instant now) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        Instant time;
        try {
            time = value.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(value))
                    : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 time (2026-11-28T10:00:00Z) or Unix seconds, "
                    + "got '" + value + "'");
        } catch (DateTimeException e) { // a number of seconds beyond what an Instant holds
            time = Instant.MAX;
        }
        Instant latest = now.plus(MAX_AHEAD);
        if (time.isBefore(Instant.EPOCH) || time.isAfter(latest)) {
            throw new IllegalArgumentException(name + " must lie between " + Instant.EPOCH + " and a week from now ("
                    + latest.truncatedTo(ChronoUnit.SECONDS) + "), got '" + value + "'");
        }
        return time;
    }

    private long number(String name, long fallback) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
