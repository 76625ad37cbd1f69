package org.bwnetflow.connect.flowctl.tenants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bwnetflow.connect.flowctl.DurationText;
import org.bwnetflow.connect.tenant.route.TenantSet;

/** Parsing of the tenants commands' arguments: customer ids, retention durations, quotas, password files. */
final class TenantArguments {

    private TenantArguments() {
    }

    /** A customer id, 1-4294967295. */
    static long cid(String text) {
        String trimmed = text.trim();
        if (!trimmed.matches("\\d{1,10}") || Long.parseLong(trimmed) < 1 || Long.parseLong(trimmed) > TenantSet.MAX_CID) {
            throw new AdminConnection.UsageException("CID: '" + text + "' is not a customer id (a number 1-"
                    + TenantSet.MAX_CID + ")");
        }
        return Long.parseLong(trimmed);
    }

    /**
     * Milliseconds of a retention like {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s},
     * {@code 500ms} or a bare number of milliseconds; {@code -1} or {@code unlimited} for no limit.
     */
    static long retentionMs(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("-1") || trimmed.equals("unlimited")) {
            return -1;
        }
        try {
            return DurationText.millis(trimmed);
        } catch (IllegalArgumentException e) {
            throw badRetention(text);
        }
    }

    private static AdminConnection.UsageException badRetention(String text) {
        return new AdminConnection.UsageException("--retention: '" + text + "' is not a duration like 7d, 12h, 30m, "
                + "45s, 500ms, a number of milliseconds, or -1/unlimited");
    }

    private static final Pattern BYTE_RATE = Pattern.compile("(\\d{1,15})\\s*(kib|mib|gib)?");

    /** Bytes per second of a rate like {@code 10MiB}, {@code 512KiB}, {@code 1GiB} or a bare number of bytes. */
    static long byteRate(String text) {
        Matcher m = BYTE_RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new AdminConnection.UsageException("--consumer-byte-rate: '" + text + "' is not a rate like 10MiB, "
                    + "512KiB, 1GiB or a number of bytes (per second)");
        }
        long unit = switch (m.group(2) == null ? "" : m.group(2)) {
            case "kib" -> 1024L;
            case "mib" -> 1024L * 1024;
            case "gib" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(m.group(1)) * unit; // at most 15 digits × 2^30: fits a long
    }

    /** A request_percentage: a number above 0, e.g. {@code 25} or {@code 12.5}. */
    static double percentage(String text) {
        String trimmed = text.trim();
        double value;
        try {
            value = trimmed.matches("\\d{1,6}(\\.\\d{1,6})?") ? Double.parseDouble(trimmed) : -1;
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (!(value > 0)) {
            throw new AdminConnection.UsageException("--request-percentage: '" + text + "' is not a percentage "
                    + "above 0 like 25 or 12.5");
        }
        return value;
    }

    /** The password in the file, without its trailing line break(s); never empty. */
    static String password(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AdminConnection.UsageException("--password-file " + file + " does not exist");
        } catch (IOException e) {
            throw new AdminConnection.UsageException("cannot read --password-file " + file + ": "
                    + e.getClass().getSimpleName());
        }
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new AdminConnection.UsageException("--password-file " + file + " is empty");
        }
        return content.substring(0, end);
    }
}
