package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
