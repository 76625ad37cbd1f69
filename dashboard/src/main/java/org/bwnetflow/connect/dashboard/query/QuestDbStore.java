package org.bwnetflow.connect.dashboard.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The measurements in QuestDB (the local stack's database), read with SQL over its HTTP
 * {@code /exec} endpoint. Buckets come from {@code SAMPLE BY}; counters are summed exactly (over
 * LONG256) and saturate at Long.MAX_VALUE; every name in the SQL is one of {@link Measurement}'s,
 * every value a number or a time this class formatted, or a key the database named (quoted). A
 * split series asks for its largest keys first and has the database add up the rest as "other",
 * so an answer holds at most (limit + 1) rows per bucket however many hosts a range has. With a
 * user, every request logs in with HTTP Basic (QuestDB's {@code http.user}/{@code http.password},
 * which the local stack sets); the password stays in the request header, out of
 * {@link #describe()} and every message.
 */
public final class QuestDbStore implements TrafficStore {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    /** The Authorization header's value; null without a user. */
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A store reading QuestDB at {@code baseUrl} without login (a QuestDB without http.user). */
    public QuestDbStore(String baseUrl) {
        this(baseUrl, null, new char[0]);
    }

    /** A store reading QuestDB at {@code baseUrl} as {@code user} (null: without login) with {@code password}. */
    public QuestDbStore(String baseUrl, String user, char[] password) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (user != null && (user.isEmpty() || user.indexOf(':') >= 0)) {
            throw new IllegalArgumentException("a QuestDB user name is not empty and has no ':'");
        }
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<Series> series(TrafficQuery q) {
        String key = q.split() == null ? "" : largestOrOther(q, "bytes", "") + " k, ";
        String sql = "SELECT timestamp, " + key + sum("bytes") + " bytes, " + sum("packets") + " packets FROM \""
                + q.measurement().table() + "\"" + where(q) + " SAMPLE BY " + q.stepSeconds() + "s";
        SeriesBuilder series = new SeriesBuilder(q);
        for (JsonNode row : exec(sql)) {
            Instant time = Instant.parse(row.get(0).asText());
            String name = q.split() == null ? "total" : text(row.get(1));
            int n = q.split() == null ? 1 : 2;
            series.add(name, time.getEpochSecond(), count(row.get(n)), count(row.get(n + 1)));
        }
        return series.build();
    }

    @Override
    public List<Total> totals(TrafficQuery q) {
        String key = q.split() == null ? "'total' k, " : "\"" + q.split() + "\" k, ";
        String sql = "SELECT " + key + sum("bytes") + " b, " + sum("packets") + " p, " + sum("flows") + " f FROM \""
                + q.measurement().table() + "\"" + where(q) + " ORDER BY b DESC LIMIT " + q.limit();
        List<Total> totals = new ArrayList<>();
        for (JsonNode row : exec(sql)) {
            if (!text(row.get(1)).isEmpty()) { // no rows at all: one row without sums
                totals.add(new Total(text(row.get(0)), count(row.get(1)), count(row.get(2)), count(row.get(3))));
            }
        }
        return totals;
    }

    @Override
    public Ingest ingest(TrafficQuery q) {
        String table = " FROM \"" + q.measurement().table() + "\"";
        String notTasks = " AND exporter != '" + Measurement.TASK_ROW + "'";
        String exporters = where(q) + notTasks;
        SeriesBuilder series = new SeriesBuilder(q);
        for (JsonNode row : exec("SELECT timestamp, " + largestOrOther(q, "flows", notTasks) + " k, " + sum("flows") + " f"
                + table + exporters + " SAMPLE BY " + q.stepSeconds() + "s")) {
            series.add(text(row.get(1)), Instant.parse(row.get(0).asText()).getEpochSecond(), count(row.get(2)), 0);
        }
        List<Ingest.Exporter> perExporter = new ArrayList<>();
        String sums = Ingest.COUNTS.stream().map(QuestDbStore::sum).collect(Collectors.joining(", "));
        for (JsonNode row : exec("SELECT exporter, " + sums + ", max(timestamp) t" + table + exporters)) {
            if (text(row.get(1)).isEmpty()) {
                continue;
            }
            long[] counts = new long[Ingest.COUNTS.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = count(row.get(i + 1));
            }
            perExporter.add(Ingest.Exporter.of(text(row.get(0)), counts,
                    Instant.parse(row.get(counts.length + 1).asText()).getEpochSecond(), q.seconds()));
        }
        JsonNode tasks = exec("SELECT " + sum("datagrams_received") + ", " + sum("kernel_drops") + ", "
                + sum("not_allowed") + ", " + sum("malformed") + ", " + sum("template_misses") + table + where(q)
                + " AND exporter = '" + Measurement.TASK_ROW + "'").path(0);
        return new Ingest(series.buildFlowRates(), perExporter, new Ingest.Tasks(count(tasks.path(0)),
                count(tasks.path(1)), count(tasks.path(2)), count(tasks.path(3)), count(tasks.path(4))));
    }

    @Override
    public String describe() {
        return "QuestDB at " + baseUrl;
    }

    /**
     * The split's tag as a key of at most {@code limit} values and "other": the largest values by
     * {@code column} over the range keep their name, every other value is "other", so that the
     * database adds the rest up and answers at most limit + 1 rows per bucket, however many
     * distinct values (hosts) the range holds. A value that is "other" already counts as "other".
     */
    private String largestOrOther(TrafficQuery q, String column, String filter) {
        String tag = "\"" + q.split() + "\"";
        List<String> largest = new ArrayList<>();
        boolean nullIsLargest = false;
        for (JsonNode row : exec("SELECT " + tag + " k, " + sum(column) + " s FROM \"" + q.measurement().table() + "\""
                + where(q) + filter + " AND " + tag + " != '" + SeriesBuilder.OTHER + "' ORDER BY s DESC, k LIMIT "
                + q.limit())) {
            if (row.get(0).isNull()) {
                nullIsLargest = true; // a row without the tag: its series is named ""
            } else {
                largest.add(literal(row.get(0).asText()));
            }
        }
        if (largest.isEmpty() && !nullIsLargest) {
            return "'" + SeriesBuilder.OTHER + "'";
        }
        return "CASE" + (nullIsLargest ? " WHEN " + tag + " IS NULL THEN ''" : "")
                + (largest.isEmpty() ? "" : " WHEN " + tag + " IN (" + String.join(",", largest) + ") THEN " + tag)
                + " ELSE '" + SeriesBuilder.OTHER + "' END";
    }

    /** A SQL string literal of a value the database sent (a quote doubled; QuestDB takes a backslash as it is). */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String where(TrafficQuery q) {
        return " WHERE timestamp >= '" + TIME.format(q.from()) + "' AND timestamp < '" + TIME.format(q.to()) + "'"
                + (q.cid() == null ? "" : " AND cid = '" + q.cid() + "'");
    }

    /**
     * The sum of a LONG column, exact: over LONG256, since a sum of LONGs wraps silently (two rows at
     * Long.MAX_VALUE, where the sink saturates a counter, add up to -2). Read back with {@link #count}.
     */
    private static String sum(String column) {
        return "sum(cast(" + column + " AS long256))";
    }

    /** A {@link #sum} as a count: QuestDB answers LONG256 in hex ("0x1f"), "" when there was nothing to add. */
    private static long count(JsonNode value) {
        String hex = text(value);
        return hex.startsWith("0x") ? Saturating.of(new BigInteger(hex.substring(2), 16)) : 0;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** The rows of one statement; QuestDB's error text when it fails. */
    private JsonNode exec(String sql) {
        URI uri = URI.create(baseUrl + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StoreException(describe() + " is not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while asking " + describe(), e);
        }
        if (response.statusCode() == 401) {
            throw new StoreException(describe() + " refused the login (HTTP 401): check --questdb-user and "
                    + "--questdb-password-file", null);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StoreException(describe() + " answered HTTP " + response.statusCode() + " with no JSON", e);
        }
        if (answer.has("error")) {
            throw new StoreException(describe() + ": " + answer.get("error").asText(), null);
        }
        return answer.path("dataset");
    }
}
