package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bwnetflow.connect.model.EditDistance;
import org.bwnetflow.connect.model.FlowField;

/** FlowMessage fields by name, ignoring case, and the closest name for a misspelt one. */
final class FieldNames {

    private static final FlowField[] FIELDS = FlowField.all();

    private FieldNames() {
    }

    /** The field with this name in any case, or null. */
    static FlowField find(String name) {
        for (FlowField field : FIELDS) {
            if (field.fieldName().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    /** The field name or keyword closest to a word (by edit distance, ignoring case), or null when none is close. */
    static String closest(String word, List<String> keywords) {
        List<String> candidates = new ArrayList<>(keywords);
        for (FlowField field : FIELDS) {
            candidates.add(field.fieldName());
        }
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Math.max(2, word.length() / 3) + 1;
        for (String candidate : candidates) {
            int distance = EditDistance.between(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }
}
