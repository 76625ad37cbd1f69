package org.bwnetflow.connect.configs;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/** A ConfigDef as a Markdown table, for the plugin pages: docs come from the code, never by hand. */
final class ConfigDocs {

    private ConfigDocs() {
    }

    static String markdownTable(ConfigDef def) {
        StringBuilder sb = new StringBuilder();
        sb.append("| key | type | default | valid values | importance | description |\n");
        sb.append("|---|---|---|---|---|---|\n");
        // Definition order: the ConfigDefs define their keys group by group, most important first.
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            sb.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase()).append(" | ")
                    .append(defaultText(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.name().toLowerCase()).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        return sb.toString();
    }

    private static String defaultText(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String text = key.type == ConfigDef.Type.LIST
                ? String.join(",", (List<?>) key.defaultValue == null ? List.of() : ((List<?>) key.defaultValue).stream()
                        .map(Object::toString).collect(Collectors.toList()))
                : key.defaultValue.toString();
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
