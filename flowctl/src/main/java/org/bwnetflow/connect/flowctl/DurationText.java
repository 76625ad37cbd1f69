package org.bwnetflow.connect.flowctl;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them on a command line: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 500ms}. */
public final class DurationText {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private DurationText() {
    }

    /**
     * Milliseconds of a duration with a unit (ms, s, m, h, d) or a bare number of milliseconds.
     *
     * @throws IllegalArgumentException when it is not one, or does not fit a long
     */
    public static long millis(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 7d, 12h, 30m, 45s, 500ms or a "
                    + "number of milliseconds");
        }
        long unit = switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
    }
}
