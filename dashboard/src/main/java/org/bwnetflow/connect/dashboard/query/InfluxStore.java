package org.bwnetflow.connect.dashboard.query;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The measurements in InfluxDB 2, read with Flux over {@code /api/v2/query} (the client library
 * the Influx sink writes with parses the annotated CSV). Series come from
 * {@code aggregateWindow(fn: sum)} with the bucket's start as its time; totals from {@code sum()}
 * per key and field (both over floats, so that saturated counters never wrap); the ingest health
 * the same ways, the exporters' rows apart from the tasks' own. The token never leaves this class
 * ({@link #describe()} omits it).
 */
public final class InfluxStore implements TrafficStore, AutoCloseable {

    /**
     * Counters are summed as floats: Flux adds integers with silent wrap-around, so two points at
     * Long.MAX_VALUE (where the sink saturates a counter) would sum to -2. A float sum of whole
     * numbers is exact up to 2^53 (9 PB in one sum) and close beyond; it is read back saturating
     * at Long.MAX_VALUE.
     */
    private static final String TO_FLOAT = "\n  |> toFloat()";

    private final String url;
    private final String org;
    private final String bucket;
    private final InfluxDBClient client;

    public InfluxStore(String url, String org, String bucket, char[] token) {
        this.url = url;
        this.org = org;
        this.bucket = bucket;
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder().url(url).org(org);
        if (token.length > 0) {
            options.authenticateToken(token);
        }
        this.client = InfluxDBClientFactory.create(options.build());
    }

    @Override
    public List<Series> series(TrafficQuery q) {
        String flux = select(q, "\"bytes\", \"packets\"") + "\n  |> group(columns: [" + groupColumns(q) + "])"
                + TO_FLOAT + "\n  |> aggregateWindow(every: " + q.stepSeconds() + "s, fn: sum, timeSrc: \"_start\", "
                + "createEmpty: false)";
        SeriesBuilder series = new SeriesBuilder(q);
        Map<String, long[]> buckets = new LinkedHashMap<>(); // key@time -> bytes, packets
        for (FluxRecord record : records(flux)) {
            String key = keyOf(q, record) + "@" + record.getTime().getEpochSecond();
            long[] counts = buckets.computeIfAbsent(key, k -> new long[2]);
            int field = "bytes".equals(record.getField()) ? 0 : 1;
            counts[field] = Saturating.add(counts[field], number(record.getValue()));
        }
        buckets.forEach((key, counts) -> {
            int at = key.lastIndexOf('@');
            series.add(key.substring(0, at), Long.parseLong(key.substring(at + 1)), counts[0], counts[1]);
        });
        return series.build();
    }

    @Override
    public List<Total> totals(TrafficQuery q) {
        String flux = select(q, "\"bytes\", \"packets\", \"flows\"") + "\n  |> group(columns: [" + groupColumns(q)
                + "])" + TO_FLOAT + "\n  |> sum()";
        List<Total> totals = new ArrayList<>();
        sumsPerKey(flux, record -> keyOf(q, record)).forEach((key, c) -> totals.add(new Total(key,
                c.getOrDefault("bytes", 0L), c.getOrDefault("packets", 0L), c.getOrDefault("flows", 0L))));
        totals.sort(Comparator.comparingLong(Total::bytes).reversed().thenComparing(Total::key));
        return totals.size() > q.limit() ? totals.subList(0, q.limit()) : totals;
    }

    @Override
    public Ingest ingest(TrafficQuery q) {
        String exporters = "\n  |> filter(fn: (r) => r.exporter != " + quoted(Measurement.TASK_ROW) + ")"
                + "\n  |> group(columns: [" + groupColumns(q) + "])";
        SeriesBuilder series = new SeriesBuilder(q);
        String window = "\n  |> aggregateWindow(every: " + q.stepSeconds() + "s, fn: sum, timeSrc: \"_start\", "
                + "createEmpty: false)";
        for (FluxRecord record : records(select(q, "\"flows\"") + exporters + TO_FLOAT + window)) {
            series.add(keyOf(q, record), record.getTime().getEpochSecond(), number(record.getValue()), 0);
        }
        List<Ingest.Exporter> perExporter = new ArrayList<>();
        String fields = Ingest.COUNTS.stream().map(InfluxStore::quoted).collect(Collectors.joining(", "));
        String counts = select(q, fields) + exporters + TO_FLOAT + "\n  |> sum()";
        Map<String, Long> lastReports = new HashMap<>();
        for (FluxRecord record : records(select(q, "\"flows\"") + exporters + "\n  |> last()")) {
            lastReports.merge(keyOf(q, record), record.getTime().getEpochSecond(), Math::max);
        }
        sumsPerKey(counts, record -> keyOf(q, record)).forEach((exporter, c) -> perExporter.add(Ingest.Exporter.of(
                exporter, Ingest.COUNTS.stream().mapToLong(field -> c.getOrDefault(field, 0L)).toArray(),
                lastReports.getOrDefault(exporter, 0L), q.seconds())));
        return new Ingest(series.buildFlowRates(), perExporter, tasks(q));
    }

    /** The tasks' own rows summed over tasks: a single key. */
    private Ingest.Tasks tasks(TrafficQuery q) {
        String flux = select(q, "\"datagrams_received\", \"kernel_drops\", \"not_allowed\", \"malformed\", "
                + "\"template_misses\"") + "\n  |> filter(fn: (r) => r.exporter == " + quoted(Measurement.TASK_ROW) + ")"
                + "\n  |> group(columns: [\"_field\"])" + TO_FLOAT + "\n  |> sum()";
        Map<String, Long> c = sumsPerKey(flux, record -> "tasks").getOrDefault("tasks", Map.of());
        return new Ingest.Tasks(c.getOrDefault("datagrams_received", 0L), c.getOrDefault("kernel_drops", 0L),
                c.getOrDefault("not_allowed", 0L), c.getOrDefault("malformed", 0L), c.getOrDefault("template_misses", 0L));
    }

    @Override
    public String describe() {
        return "InfluxDB at " + url + " (org " + org + ", bucket " + bucket + ")";
    }

    @Override
    public void close() {
        client.close();
    }

    /** The Flux up to the grouping: bucket, range, measurement, fields, customer. */
    String select(TrafficQuery q, String fields) {
        StringBuilder flux = new StringBuilder("from(bucket: ").append(quoted(bucket)).append(")")
                .append("\n  |> range(start: ").append(time(q.from())).append(", stop: ").append(time(q.to())).append(")")
                .append("\n  |> filter(fn: (r) => r._measurement == ").append(quoted(q.measurement().table()))
                .append(" and contains(value: r._field, set: [").append(fields).append("]))");
        if (q.cid() != null) {
            flux.append("\n  |> filter(fn: (r) => r.cid == \"").append(q.cid()).append("\")");
        }
        return flux.toString();
    }

    private static String groupColumns(TrafficQuery q) {
        return q.split() == null ? "\"_field\"" : "\"" + q.split() + "\", \"_field\"";
    }

    private static String keyOf(TrafficQuery q, FluxRecord record) {
        if (q.split() == null) {
            return "total";
        }
        Object value = record.getValueByKey(q.split());
        return value == null ? "" : value.toString();
    }

    /** The sums per key (as {@code key} reads it from a record) and field of a query ending in {@code sum()}. */
    private Map<String, Map<String, Long>> sumsPerKey(String flux, Function<FluxRecord, String> key) {
        Map<String, Map<String, Long>> sums = new LinkedHashMap<>();
        for (FluxRecord record : records(flux)) {
            sums.computeIfAbsent(key.apply(record), k -> new HashMap<>())
                    .merge(String.valueOf(record.getField()), number(record.getValue()), Saturating::add);
        }
        return sums;
    }

    private List<FluxRecord> records(String flux) {
        List<FluxRecord> records = new ArrayList<>();
        try {
            for (FluxTable table : client.getQueryApi().query(flux, org)) {
                records.addAll(table.getRecords());
            }
        } catch (InfluxException e) {
            throw new StoreException(describe() + ": " + e.getMessage(), e);
        }
        return records;
    }

    /** A sum read back as a count (see {@link #TO_FLOAT}). */
    private static long number(Object value) {
        if (value instanceof Double sum) {
            return Saturating.of(sum);
        }
        return value instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }

    private static String time(Instant instant) {
        return instant.toString();
    }

    /** A Flux string literal. */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
