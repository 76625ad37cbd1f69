package org.bwnetflow.connect.influx.aggregate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One measurement: its name, the tags its points are grouped by, the fields it writes, and for a
 * measurement with the {@code host} tag, how many hosts per group of its other tags are written.
 *
 * @param name   the measurement name (letters, digits, '_', '-')
 * @param tags   the tag kinds, in config order (the points' tags are sorted by key anyway)
 * @param fields the fields, in the order they are written
 * @param topN   hosts written per group when {@code tags} contains {@code host}; ignored otherwise
 */
public record MeasurementSpec(String name, List<TagKind> tags, List<FieldKind> fields, int topN) {

    /** What a measurement name may be. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    public MeasurementSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("measurement name '" + name + "' must be letters, digits, '_' or '-'");
        }
        tags = List.copyOf(tags);
        fields = List.copyOf(fields);
        if (tags.stream().distinct().count() != tags.size()) {
            throw new IllegalArgumentException("measurement '" + name + "' names a tag twice: " + tags);
        }
        if (fields.isEmpty() || fields.stream().distinct().count() != fields.size()) {
            throw new IllegalArgumentException("measurement '" + name + "' needs one or more distinct fields: " + fields);
        }
        if (topN < 1) {
            throw new IllegalArgumentException("measurement '" + name + "': top N must be at least 1, not " + topN);
        }
    }

    /** True when this measurement writes only the top N hosts of each group. */
    public boolean isTopHosts() {
        return tags.contains(TagKind.HOST);
    }
}
