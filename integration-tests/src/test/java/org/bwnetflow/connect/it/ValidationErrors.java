package org.bwnetflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The errors of Connect's REST validate answer, by config key. */
final class ValidationErrors {

    private ValidationErrors() {
    }

    static Map<String, List<String>> byKey(JsonNode validation) {
        Map<String, List<String>> errors = new HashMap<>();
        for (JsonNode config : validation.get("configs")) {
            List<String> messages = new ArrayList<>();
            config.get("value").get("errors").forEach(e -> messages.add(e.asText()));
            errors.put(config.get("value").get("name").asText(), messages);
        }
        return errors;
    }
}
