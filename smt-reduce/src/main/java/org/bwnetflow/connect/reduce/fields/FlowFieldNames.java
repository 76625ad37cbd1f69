package org.bwnetflow.connect.reduce.fields;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bwnetflow.connect.model.EditDistance;
import org.bwnetflow.connect.model.FlowField;

/**
 * FlowMessage field names in configs (the Connect field names of the FlowMessage schema, e.g.
 * {@code SrcAddr}, {@code Bytes}, {@code Cid}): parsing, with an error that names the bad name and,
 * when there is one, the valid name the operator probably meant.
 */
public final class FlowFieldNames {

    private static final Map<String, FlowField> BY_NAME = Arrays.stream(FlowField.all())
            .collect(Collectors.toUnmodifiableMap(FlowField::fieldName, Function.identity()));

    private FlowFieldNames() {
    }

    /**
     * The fields named, in any order, duplicates ignored.
     *
     * @param allowed which fields may be named
     * @param allowedWhat what the allowed fields are, for the error message (e.g. "an address field")
     * @throws IllegalArgumentException naming the first bad name and a close valid name
     */
    public static EnumSet<FlowField> parse(Collection<String> names, Predicate<FlowField> allowed, String allowedWhat) {
        EnumSet<FlowField> fields = EnumSet.noneOf(FlowField.class);
        for (String raw : names) {
            String name = raw.trim();
            FlowField field = BY_NAME.get(name);
            if (field == null) {
                String close = closest(name, allowed);
                throw new IllegalArgumentException("'" + name + "' is not a FlowMessage field"
                        + (close == null ? "" : " (did you mean '" + close + "'?)")
                        + "; field names are case-sensitive, as in the FlowMessage schema (e.g. SrcAddr, Bytes, Cid)");
            }
            if (!allowed.test(field)) {
                throw new IllegalArgumentException("'" + name + "' is not " + allowedWhat + "; allowed: "
                        + names(allowed));
            }
            fields.add(field);
        }
        return fields;
    }

    /** The names of the allowed fields, comma-separated, in FlowMessage order. */
    public static String names(Predicate<FlowField> allowed) {
        return Arrays.stream(FlowField.all()).filter(allowed).map(FlowField::fieldName).collect(Collectors.joining(","));
    }

    /** The names of these fields, comma-separated, in FlowMessage order. */
    public static String names(Set<FlowField> fields) {
        return names(fields::contains);
    }

    /** The allowed name closest to a misspelt one: same letters ignoring case, else a small edit distance. */
    static String closest(String name, Predicate<FlowField> allowed) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (FlowField field : FlowField.all()) {
            if (!allowed.test(field)) {
                continue;
            }
            int distance = EditDistance.between(lower, field.fieldName().toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = field.fieldName();
            }
        }
        int tolerated = Math.max(2, name.length() / 2);
        return bestDistance <= tolerated ? best : null;
    }
}
