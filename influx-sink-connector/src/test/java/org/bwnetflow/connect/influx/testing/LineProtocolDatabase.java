package org.bwnetflow.connect.influx.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A time-series database in memory that reads InfluxDB line protocol (integer fields) and keeps
 * one sample per series (bucket, measurement, tag set) and timestamp, as the real ones do when a
 * point is written again: InfluxDB and QuestDB (DEDUP UPSERT KEYS) keep the last write,
 * VictoriaMetrics (-dedup.minScrapeInterval) the largest value, Debian's VictoriaMetrics 1.79 may
 * keep either, here modelled as the first.
 */
public final class LineProtocolDatabase {

    /** What the database keeps of two samples with the same series and timestamp. */
    public enum Semantics {
        LAST_WRITE_WINS,
        LARGEST_VALUE_WINS,
        FIRST_WRITE_WINS
    }

    /** One stored sample. */
    public record Sample(String bucket, String measurement, Map<String, String> tags, long timestamp,
                         Map<String, Long> fields) {

        public long field(String name) {
            return fields.getOrDefault(name, 0L);
        }

        public String tag(String name) {
            return tags.get(name);
        }
    }

    private final Semantics semantics;
    private final Map<String, Sample> samples = new LinkedHashMap<>();
    private long linesWritten;

    public LineProtocolDatabase(Semantics semantics) {
        this.semantics = semantics;
    }

    /** Writes lines to a bucket, as the InfluxDB v2 write API would. */
    public synchronized void write(String bucket, List<String> lines) {
        for (String line : lines) {
            Sample sample = parse(bucket, line);
            String key = bucket + "|" + sample.measurement + "|" + new TreeMap<>(sample.tags) + "|" + sample.timestamp;
            Sample old = samples.get(key);
            if (old == null || semantics == Semantics.LAST_WRITE_WINS
                    || semantics == Semantics.LARGEST_VALUE_WINS && larger(sample, old)) {
                samples.put(key, sample);
            }
            linesWritten++;
        }
    }

    private static boolean larger(Sample sample, Sample old) {
        // VictoriaMetrics keeps the largest value per field series; our fields grow together.
        return sample.fields.values().stream().mapToLong(Long::longValue).sum()
                >= old.fields.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long linesWritten() {
        return linesWritten;
    }

    public synchronized List<Sample> samples(String measurement) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples.values()) {
            if (sample.measurement.equals(measurement)) {
                found.add(sample);
            }
        }
        return found;
    }

    /** The sum of a field over the samples of a measurement that match, grouped by a key. */
    public synchronized <K> Map<K, Long> sum(String measurement, String field, java.util.function.Function<Sample, K> key,
                                             Predicate<Sample> filter) {
        Map<K, Long> sums = new HashMap<>();
        for (Sample sample : samples(measurement)) {
            if (filter.test(sample)) {
                sums.merge(key.apply(sample), sample.field(field), Long::sum);
            }
        }
        return sums;
    }

    /** Parses one line of line protocol: backslash escapes, integer fields only. */
    static Sample parse(String bucket, String line) {
        List<String> parts = split(line, ' ');
        if (parts.size() != 3) {
            throw new IllegalArgumentException("not measurement,tags fields timestamp: " + line);
        }
        List<String> series = split(parts.get(0), ',');
        String measurement = unescape(series.get(0));
        Map<String, String> tags = new TreeMap<>();
        for (String tag : series.subList(1, series.size())) {
            List<String> kv = split(tag, '=');
            tags.put(unescape(kv.get(0)), unescape(kv.get(1)));
        }
        Map<String, Long> fields = new LinkedHashMap<>();
        for (String field : split(parts.get(1), ',')) {
            List<String> kv = split(field, '=');
            String value = kv.get(1);
            if (!value.endsWith("i")) {
                throw new IllegalArgumentException("not an integer field: " + field);
            }
            fields.put(unescape(kv.get(0)), Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return new Sample(bucket, measurement, tags, Long.parseLong(parts.get(2)), fields);
    }

    /** Splits at unescaped separators, keeping the escapes in the parts. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
