package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A connector as Connect's {@code POST /connectors} body has it:
 * {@code {"name": "...", "config": {...}}}. Scalar config values (numbers, booleans) are
 * accepted and turned into strings, as Connect does. {@link #toString} names the keys only: values
 * may be secrets.
 */
public record ConnectorDefinition(String name, Map<String, String> config) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ConnectorDefinition {
        Objects.requireNonNull(name, "name");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    public static ConnectorDefinition read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the offending text, which may be a secret: only where it is.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new UncheckedIOException(new IOException("Connector file " + file + " is not valid JSON" + where));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read connector file " + file + ": " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    static ConnectorDefinition parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object {\"name\": ..., \"config\": {...}}");
        }
        JsonNode name = root.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new IllegalArgumentException(source + ": \"name\" must be a non-empty string");
        }
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException(source + ": \"config\" must be a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : config.properties()) {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new IllegalArgumentException(source + ": config value of \"" + field.getKey()
                        + "\" must be a string, number or boolean");
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return new ConnectorDefinition(name.asText(), values);
    }

    @Override
    public String toString() {
        return "ConnectorDefinition[name=" + name + ", config keys=" + config.keySet() + "]";
    }
}
