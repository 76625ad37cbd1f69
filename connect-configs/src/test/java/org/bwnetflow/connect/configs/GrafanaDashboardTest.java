package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard for InfluxDB 2 (grafana/bwnetflow-influxdb2.json) asks for what the Influx
 * sink writes: every Flux query names a measurement of questdb/tables.sql (the sink's default
 * measurements) and groups by one of its tags, and every query honours the customer variable.
 * Grafana itself does not run on these machines; this keeps the JSON in step with the sink.
 */
class GrafanaDashboardTest {

    private static final Pattern TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+) \\(([^;]*?)\\)\\s+TIMESTAMP",
            Pattern.DOTALL);
    private static final Pattern MEASUREMENT = Pattern.compile("r\\._measurement == \"(\\w+)\"");
    private static final Pattern GROUP = Pattern.compile("group\\(columns: \\[\"(\\w+)\"");

    @Test
    void everyPanelReadsAMeasurementAndTagTheSinkWritesForTheChosenCustomer() throws Exception {
        Map<String, List<String>> tags = sinkTags();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana", "bwnetflow-influxdb2.json").toFile());
        JsonNode cid = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("cid".equals(variable.path("name").asText())) {
                cid = variable;
            }
        }
        assertThat(cid).as("a customer variable").isNotNull();
        assertThat(cid.path("includeAll").asBoolean()).isTrue();
        assertThat(cid.path("allValue").asText()).isEqualTo("all");

        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            String flux = panel.path("targets").get(0).path("query").asText();
            Matcher measurement = MEASUREMENT.matcher(flux);
            assertThat(measurement.find()).as(panel.path("title") + ": a measurement").isTrue();
            assertThat(tags).as("measurements the sink writes").containsKey(measurement.group(1));
            Matcher group = GROUP.matcher(flux);
            assertThat(group.find()).as(panel.path("title") + ": grouped by a tag").isTrue();
            assertThat(tags.get(measurement.group(1))).as(panel.path("title") + ": tags of " + measurement.group(1))
                    .contains(group.group(1));
            assertThat(flux).as(panel.path("title") + ": the customer filter")
                    .contains("\"${cid}\" == \"all\" or r.cid == \"${cid}\"");
        }
        assertThat(titles).contains("Traffic by direction", "By application", "By protocol", "By IP version", "By peer",
                "By remote country", "By remote AS", "By customer", "Top customers", "Top talkers");
    }

    /** The SYMBOL columns (the sink's tags) of each table the sink writes. */
    private static Map<String, List<String>> sinkTags() throws Exception {
        Map<String, List<String>> tags = new HashMap<>();
        Matcher table = TABLE.matcher(Files.readString(Path.of("questdb", "tables.sql")));
        while (table.find()) {
            List<String> symbols = new ArrayList<>();
            Matcher column = Pattern.compile("(\\w+) SYMBOL").matcher(table.group(2));
            while (column.find()) {
                symbols.add(column.group(1));
            }
            tags.put(table.group(1), symbols);
        }
        assertThat(tags).as("tables.sql parsed").containsOnlyKeys("flows", "flows_by_country", "flows_by_as", "top_hosts",
                "ingest");
        return tags;
    }
}
