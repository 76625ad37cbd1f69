package org.bwnetflow.connect.flowctl.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.IngestHealth;

/** A source's ingest health record as one JSON object or one readable line. */
public final class HealthJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthJson() {
    }

    public static String toJson(Struct health) {
        ObjectNode node = JSON.createObjectNode();
        for (Field field : health.schema().fields()) {
            Object value = health.get(field);
            if (value instanceof String text) {
                node.put(field.name(), text);
            } else if (value instanceof Number number) {
                node.put(field.name(), number.longValue());
            }
        }
        return node.toString();
    }

    /** Time, connector/task, exporter and the counters that are not zero. */
    public static String toLine(Struct health) {
        StringBuilder line = new StringBuilder()
                .append(Instant.ofEpochMilli(health.getInt64(IngestHealth.TIME_REPORTED)))
                .append(" health ").append(health.getString(IngestHealth.CONNECTOR)).append('/')
                .append(health.getInt32(IngestHealth.TASK)).append(" exporter ")
                .append(health.getString(IngestHealth.EXPORTER)).append(" over ")
                .append(health.getInt64(IngestHealth.INTERVAL_MS) / 1000.0).append(" s:");
        for (String counter : IngestHealth.COUNTERS) {
            long value = health.getInt64(counter);
            if (value != 0 || counter.equals(IngestHealth.FLOWS)) {
                line.append(' ').append(counter).append('=').append(value);
            }
        }
        return line.toString();
    }
}
