package org.bwnetflow.connect.stack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of {@code GET /connector-plugins}.
 *
 * @param className fully qualified class, e.g. {@code org.apache.kafka.connect.transforms.InsertField$Value}
 * @param type      {@code source}, {@code sink}, {@code transformation}, {@code predicate},
 *                  {@code converter}, {@code header_converter}
 * @param version   the plugin's reported version, may be empty
 */
public record PluginInfo(String className, String type, String version) {

    static PluginInfo fromJson(JsonNode node) {
        return new PluginInfo(node.path("class").asText(), node.path("type").asText(), node.path("version").asText(""));
    }
}
