package org.bwnetflow.connect.flowctl.top;

import java.util.Locale;

/** Rates for people: three significant digits with an SI prefix (950, 1.23 k, 45.6 M, 789 G). */
final class SiFormat {

    private static final String[] PREFIXES = {"", " k", " M", " G", " T", " P", " E"};

    private SiFormat() {
    }

    static String si(double value) {
        double scaled = value;
        int prefix = 0;
        while (Math.abs(scaled) >= 999.5 && prefix < PREFIXES.length - 1) {
            scaled /= 1000;
            prefix++;
        }
        String digits;
        if (prefix == 0 && scaled == Math.rint(scaled)) {
            digits = Long.toString((long) scaled);
        } else if (Math.abs(scaled) >= 99.95) {
            digits = String.format(Locale.ROOT, "%.0f", scaled);
        } else if (Math.abs(scaled) >= 9.995) {
            digits = String.format(Locale.ROOT, "%.1f", scaled);
        } else {
            digits = String.format(Locale.ROOT, "%.2f", scaled);
        }
        return digits + PREFIXES[prefix];
    }
}
