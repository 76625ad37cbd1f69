package org.bwnetflow.connect.influx.aggregate;

import java.util.Arrays;
import java.util.Locale;

/** The counters a measurement can write; the config name is the InfluxDB field key. */
public enum FieldKind {
    /** Bytes × SamplingRate (Bytes as they are when Normalized is Yes). */
    BYTES("bytes"),
    /** Packets × SamplingRate (Packets as they are when Normalized is Yes). */
    PACKETS("packets"),
    /** The number of flow records, never scaled by the sampling rate. */
    FLOWS("flows");

    private final String configName;

    FieldKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The kind with this config name (case-insensitive, trimmed), or null. */
    public static FieldKind fromConfig(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        for (FieldKind kind : values()) {
            if (kind.configName.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    public static String configNames() {
        return String.join(", ", Arrays.stream(values()).map(FieldKind::configName).toArray(String[]::new));
    }
}
