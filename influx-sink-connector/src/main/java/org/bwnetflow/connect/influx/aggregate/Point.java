package org.bwnetflow.connect.influx.aggregate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One point to write: a measurement, its tags sorted by key (InfluxDB's preferred order), integer
 * fields in the order they were given, and the timestamp (the window start).
 *
 * @param measurement     the measurement name
 * @param tags            tag key → value; keys and values non-empty
 * @param fields          field key → integer value; at least one
 * @param timestampMillis Unix milliseconds
 */
public record Point(String measurement, SortedMap<String, String> tags, Map<String, Long> fields, long timestampMillis) {

    public Point {
        if (measurement == null || measurement.isEmpty()) {
            throw new IllegalArgumentException("empty measurement");
        }
        TreeMap<String, String> sorted = new TreeMap<>(tags);
        sorted.forEach((key, value) -> {
            if (key.isEmpty() || value == null || value.isEmpty()) {
                throw new IllegalArgumentException("empty tag key or value: '" + key + "'='" + value + "'");
            }
        });
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a point needs one or more fields");
        }
        LinkedHashMap<String, Long> ordered = new LinkedHashMap<>(fields);
        ordered.forEach((key, value) -> {
            if (key.isEmpty() || value == null) {
                throw new IllegalArgumentException("empty field key or value: '" + key + "'=" + value);
            }
        });
        tags = Collections.unmodifiableSortedMap(sorted);
        fields = Collections.unmodifiableMap(ordered);
    }

    /**
     * This point as one line of InfluxDB line protocol (no trailing newline): commas and spaces in the
     * measurement, and commas, spaces and equals signs in tag keys, tag values and field keys, are
     * escaped with a backslash; a backslash is doubled (InfluxDB and QuestDB both read {@code \\} as
     * one backslash); newline, carriage return and tab, which line protocol cannot carry, are written
     * as an escaped space; fields are integers ({@code 123i}); the timestamp is the window start in
     * {@code precision}.
     */
    public String toLineProtocol(TimeUnit precision) {
        StringBuilder line = new StringBuilder(64 + tags.size() * 24 + fields.size() * 20);
        escape(line, measurement, false);
        tags.forEach((key, value) -> {
            line.append(',');
            escape(line, key, true);
            line.append('=');
            escape(line, value, true);
        });
        char separator = ' ';
        for (Map.Entry<String, Long> field : fields.entrySet()) {
            line.append(separator);
            escape(line, field.getKey(), true);
            line.append('=').append(field.getValue().longValue()).append('i');
            separator = ',';
        }
        line.append(' ').append(precision.convert(timestampMillis, TimeUnit.MILLISECONDS));
        return line.toString();
    }

    private static void escape(StringBuilder out, String text, boolean escapeEquals) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n':
                case '\r':
                case '\t':
                case ',':
                case ' ':
                    out.append('\\').append(c == ',' ? ',' : ' ');
                    break;
                case '=':
                    if (escapeEquals) {
                        out.append('\\');
                    }
                    out.append(c);
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                default:
                    out.append(c);
            }
        }
    }
}
