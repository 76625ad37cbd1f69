package org.bwnetflow.connect.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * IANA's protocol-number registry (0-255), read once from the bundled CSV into an array. In flow-model
 * because both the ProtoName transform and flowctl name protocols with it.
 */
public final class ProtocolNumbers {

    private static final String RESOURCE = "protocol-numbers.csv";
    private static final String[] NAMES = load();

    private ProtocolNumbers() {
    }

    /** The registry's keyword for a protocol number, or null when it is unassigned or out of range. */
    public static String name(long number) {
        return number >= 0 && number < NAMES.length ? NAMES[(int) number] : null;
    }

    /** A copy of the table, indexed by protocol number; unassigned numbers are null. */
    public static String[] table() {
        return NAMES.clone();
    }

    private static String[] load() {
        String[] names = new String[256];
        try (InputStream in = ProtocolNumbers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the flow-model jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int comma = line.indexOf(',');
                names[Integer.parseInt(line.substring(0, comma))] = line.substring(comma + 1).trim();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
