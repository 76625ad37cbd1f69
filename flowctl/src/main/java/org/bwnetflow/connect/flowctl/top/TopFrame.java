package org.bwnetflow.connect.flowctl.top;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One screen of {@code flowctl top} as lines of text: a header, the totals, the split by IP
 * version and direction, and the top lists. The same text goes to a terminal and to a pipe.
 */
final class TopFrame {

    private static final String ROW = "  %-34s %13s %11s %11s %6s";

    private TopFrame() {
    }

    /** What the header says about the view. */
    record Heading(String topic, String filter, long clockSecond) {
    }

    static List<String> render(WindowTotals window, TopSettings settings, Heading heading) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "flowctl top  %s  window %d s  sort %s  %s  at %s", heading.topic(),
                settings.windowSeconds(), settings.sort().name().toLowerCase(Locale.ROOT),
                heading.filter().isEmpty() ? "all flows" : "filter " + heading.filter(),
                heading.clockSecond() == Long.MIN_VALUE ? "- (no flow yet)" : Instant.ofEpochSecond(heading.clockSecond())));
        lines.add("keys: b/p/f sort by bytes/packets/flows, +/- window, q quit");
        lines.add("");
        lines.add(String.format(Locale.ROOT, ROW, "", "bits/s", "packets/s", "flows/s", "share"));
        Volume total = window.total();
        lines.add(row("Total", total, total, window, settings.sort()));
        section(lines, window, settings, Dimension.IP_VERSION, 2);
        section(lines, window, settings, Dimension.DIRECTION, 3);
        for (Dimension dimension : List.of(Dimension.PROTOCOL, Dimension.COUNTRY, Dimension.AS, Dimension.PEER,
                Dimension.TALKER)) {
            section(lines, window, settings, dimension, settings.rows());
        }
        return lines;
    }

    private static void section(List<String> lines, WindowTotals window, TopSettings settings, Dimension dimension,
                                int rows) {
        lines.add("");
        int labels = window.labels(dimension);
        lines.add(dimension.title() + (labels > rows ? " (top " + rows + " of " + labels + ")" : ""));
        for (WindowTotals.Row row : window.top(dimension, settings.sort(), rows)) {
            lines.add(row(row.label(), row.volume(), window.total(), window, settings.sort()));
        }
    }

    private static String row(String label, Volume volume, Volume total, WindowTotals window, SortKey sort) {
        double seconds = window.seconds();
        long whole = sort.of(total);
        String share = whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * sort.of(volume) / whole);
        String shown = label.length() > 34 ? label.substring(0, 33) + "~" : label;
        return String.format(Locale.ROOT, ROW, shown, SiFormat.si(volume.bytes() * 8.0 / seconds),
                SiFormat.si(volume.packets() / seconds), SiFormat.si(volume.flows() / seconds), share);
    }
}
