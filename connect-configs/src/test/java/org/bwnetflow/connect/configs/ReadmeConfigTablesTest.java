package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.bwnetflow.connect.enrich.CustomerId;
import org.bwnetflow.connect.enrich.GeoIp;
import org.bwnetflow.connect.enrich.InterfaceNames;
import org.bwnetflow.connect.enrich.Normalize;
import org.bwnetflow.connect.enrich.ProtoName;
import org.bwnetflow.connect.influx.InfluxSinkConfig;
import org.bwnetflow.connect.netflow.export.NetFlowExportSinkConfig;
import org.bwnetflow.connect.reduce.Anonymize;
import org.bwnetflow.connect.reduce.ReduceFields;
import org.bwnetflow.connect.tenant.TenantRouter;
import org.bwnetflow.connect.netflow.source.NetFlowSourceConfig;
import org.junit.jupiter.api.Test;

/**
 * The README's config tables are generated from the ConfigDefs. This test fails when a table
 * is stale; regenerate with {@code mvn -pl connect-configs test -Dreadme.update=true}.
 */
class ReadmeConfigTablesTest {

    private static final Map<String, ConfigDef> TABLES = Map.ofEntries(
            Map.entry("netflow-source", NetFlowSourceConfig.CONFIG_DEF),
            Map.entry("normalize", Normalize.CONFIG_DEF),
            Map.entry("customer-id", CustomerId.CONFIG_DEF),
            Map.entry("geoip", GeoIp.CONFIG_DEF),
            Map.entry("interface-names", InterfaceNames.CONFIG_DEF),
            Map.entry("proto-name", ProtoName.CONFIG_DEF),
            Map.entry("tenant-router", TenantRouter.CONFIG_DEF),
            Map.entry("reduce-fields", ReduceFields.CONFIG_DEF),
            Map.entry("anonymize", Anonymize.CONFIG_DEF),
            Map.entry("influx-sink", InfluxSinkConfig.CONFIG_DEF),
            Map.entry("netflow-export-sink", NetFlowExportSinkConfig.CONFIG_DEF));

    @Test
    void readmeTablesMatchTheConfigDefs() throws IOException {
        Path readme = readme();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String updated = text;
        for (Map.Entry<String, ConfigDef> table : TABLES.entrySet()) {
            updated = replaceSection(updated, table.getKey(), ConfigDocs.markdownTable(table.getValue()));
        }
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(readme, updated, StandardCharsets.UTF_8);
            text = updated;
        }
        assertThat(text).as("README config tables are stale: run mvn -pl connect-configs test -Dreadme.update=true")
                .isEqualTo(updated);
    }

    @Test
    void everyKeyHasDocumentation() {
        TABLES.forEach((name, def) -> def.configKeys().values().forEach(key ->
                assertThat(key.documentation).as(name + " " + key.name).isNotBlank()));
    }

    private static String replaceSection(String text, String name, String table) {
        String start = "<!-- config:" + name + ":start -->\n";
        String end = "<!-- config:" + name + ":end -->";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertThat(from).as("README has no section " + start.trim()).isNotNegative();
        assertThat(to).as("README has no " + end).isGreaterThan(from);
        return text.substring(0, from + start.length()) + table + text.substring(to);
    }

    private static Path readme() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("README.md above the working directory").isNotNull();
        return dir.resolve("README.md");
    }
}
