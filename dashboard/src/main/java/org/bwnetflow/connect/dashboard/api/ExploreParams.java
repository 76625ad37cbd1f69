package org.bwnetflow.connect.dashboard.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bwnetflow.connect.dashboard.explore.Chart;
import org.bwnetflow.connect.dashboard.explore.Dimension;
import org.bwnetflow.connect.dashboard.explore.ExploreQuery;
import org.bwnetflow.connect.dashboard.explore.FilterTranslator;
import org.bwnetflow.connect.dashboard.explore.Metric;

/**
 * The query string of {@code /api/explore}: {@code filter} (the filter language), {@code from},
 * {@code to} (as for the other APIs; default the last hour, at most {@link #MAX_RANGE} apart),
 * {@code dims} (dimension names, comma-separated), {@code top} (default 10), {@code metric}
 * (bytes, packets, flows) and {@code chart} (table, series, sankey). Any other parameter, a
 * parameter given twice or a filter longer than {@value #MAX_FILTER} characters is an error: there
 * is no parameter for a customer, whose filter is the server's.
 */
final class ExploreParams {

    static final Duration MAX_RANGE = Duration.ofDays(7);
    static final int MAX_FILTER = 2000;
    private static final Set<String> NAMES = Set.of("filter", "from", "to", "dims", "top", "metric", "chart");

    private final String rawQuery;
    private final Map<String, String> values = new HashMap<>();

    ExploreParams(String rawQuery) {
        this.rawQuery = rawQuery;
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + printable(name) + "'; the explorer's are "
                        + String.join(", ", NAMES.stream().sorted().toList()));
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' given twice");
            }
        }
    }

    /** The view's query for {@code cid} (null: an operator's, every customer), its filter translated. */
    ExploreQuery query(Instant now, Long cid, FilterTranslator translator) {
        QueryParams times = new QueryParams(rawQuery);
        Instant to = times.time("to", now, now);
        Instant from = times.time("from", to.minusSeconds(3600), now);
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("from and to lie at most 7 days apart");
        }
        String filter = values.getOrDefault("filter", "");
        if (filter.length() > MAX_FILTER) {
            throw new IllegalArgumentException("a filter has at most " + MAX_FILTER + " characters");
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (String name : values.getOrDefault("dims", "proto").split(",", -1)) {
            dimensions.add(Dimension.named(name.strip()));
        }
        Metric metric = Metric.named(values.getOrDefault("metric", "bytes"));
        return new ExploreQuery(from, to, cid, translator.translate(filter), dimensions, top(), metric);
    }

    Chart chart() {
        return Chart.named(values.getOrDefault("chart", "table"));
    }

    private int top() {
        String value = values.getOrDefault("top", "10");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("top must be a whole number, got '" + printable(value) + "'");
        }
    }

    private static String printable(String text) {
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= 40 ? safe : safe.substring(0, 40) + "...";
    }
}
