package org.bwnetflow.connect.enrich.interfaces;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The static interface mapping: CSV lines {@code exporter,ifIndex,name,description,speedMbps}
 * (description and speed may be empty; {@code #} starts a comment line). Immutable once loaded.
 */
public final class StaticInterfaceTable {

    private final Map<InterfaceKey, InterfaceInfo> interfaces;

    private StaticInterfaceTable(Map<InterfaceKey, InterfaceInfo> interfaces) {
        this.interfaces = interfaces;
    }

    /** Reads a mapping file; the exception names the file, the first bad line and why. */
    public static StaticInterfaceTable load(Path file) throws IOException {
        Map<InterfaceKey, InterfaceInfo> interfaces = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String content = line.trim();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                String[] columns = content.split(",", -1);
                if (columns.length < 3 || columns.length > 5) {
                    throw bad(file, number, "expected 'exporter,ifIndex,name[,description[,speedMbps]]'");
                }
                IPAddress exporter = new IPAddressString(columns[0].trim()).getAddress();
                if (exporter == null || exporter.isPrefixed()) {
                    throw bad(file, number, "'" + columns[0].trim() + "' is not an IP address");
                }
                long ifIndex = number(file, number, columns[1], "ifIndex");
                long speed = columns.length > 4 && !columns[4].isBlank() ? number(file, number, columns[4], "speed") : 0;
                String description = columns.length > 3 ? columns[3].trim() : "";
                InterfaceKey key = new InterfaceKey(exporter.getBytes(), ifIndex);
                if (interfaces.put(key, new InterfaceInfo(columns[2].trim(), description, speed)) != null) {
                    throw bad(file, number, "interface " + exporter + " " + ifIndex + " is listed twice");
                }
            }
        }
        return new StaticInterfaceTable(Map.copyOf(interfaces));
    }

    private static long number(Path file, int line, String text, String what) throws IOException {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0 && value <= 0xFFFF_FFFFL) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(file, line, what + " '" + text.trim() + "' is not a whole number within 0-4294967295");
    }

    private static IOException bad(Path file, int line, String reason) {
        return new IOException(file + " line " + line + ": " + reason);
    }

    /** The interface's entry, or null. */
    public InterfaceInfo get(InterfaceKey key) {
        return interfaces.get(key);
    }

    public int size() {
        return interfaces.size();
    }
}
