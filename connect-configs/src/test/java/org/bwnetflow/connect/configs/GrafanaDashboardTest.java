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
 * measurements), groups by its tags and reads its fields, and every traffic query honours the
 * customer variable. The ingest health panels are the one, checked, exception: the sources' own
 * measurement has no cid, so they are for the operator, and they keep the tasks' own rows
 * (exporter "*") apart from the exporters'. Grafana itself does not run on these machines; this
 * keeps the JSON in step with the sink.
 */
class GrafanaDashboardTest {

    private static final Pattern TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+) \\(([^;]*?)\\)\\s+TIMESTAMP",
            Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("(\\w+) (SYMBOL|LONG|DOUBLE|TIMESTAMP)");
    private static final Pattern MEASUREMENT = Pattern.compile("r\\._measurement == \"(\\w+)\"");
    private static final Pattern GROUP = Pattern.compile("group\\(columns: \\[([^\\]]*)\\]");
    private static final Pattern FIELD = Pattern.compile("r\\._field == \"(\\w+)\"|set: \\[([^\\]]*)\\]");
    private static final Pattern NAME = Pattern.compile("\"(\\w+)\"");
    private static final String INGEST = "ingest";

    @Test
    void everyPanelReadsAMeasurementAndTagTheSinkWritesForTheChosenCustomer() throws Exception {
        Map<String, Table> tables = sinkTables();
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
        List<String> operatorPanels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            titles.add(title);
            String flux = panel.path("targets").get(0).path("query").asText();
            Matcher measurement = MEASUREMENT.matcher(flux);
            assertThat(measurement.find()).as(title + ": a measurement").isTrue();
            assertThat(tables).as("measurements the sink writes").containsKey(measurement.group(1));
            Table table = tables.get(measurement.group(1));
            assertGroupsByTagsAndReadsFields(title, flux, table);
            if (table.name().equals(INGEST)) {
                operatorPanels.add(title);
                assertThat(flux).as(title + ": no customer filter, the sources' measurement has no cid")
                        .doesNotContain("${cid}").doesNotContain("r.cid");
                assertThat(flux).as(title + ": the tasks' own rows apart from the exporters'")
                        .containsAnyOf("r.exporter != \"*\"", "r.exporter == \"*\"");
            } else {
                assertThat(flux).as(title + ": the customer filter")
                        .contains("\"${cid}\" == \"all\" or r.cid == \"${cid}\"");
            }
        }
        assertThat(titles).contains("Traffic by direction", "By application", "By protocol", "By IP version", "By peer",
                "By remote country", "By remote AS", "By neighbour AS", "By community", "By customer", "Top customers",
                "Top talkers");
        assertThat(operatorPanels).as("the only panels without the customer filter").containsExactly(
                "Ingest health: flows/s per exporter", "Ingest health: per exporter", "Ingest health: source tasks");
    }

    /** The per-exporter ingest table shows what the dashboard's does, the trouble counts red when not 0. */
    @Test
    void thePerExporterIngestTableMarksLossesAndWrongClocks() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana", "bwnetflow-influxdb2.json").toFile());
        JsonNode table = null;
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("title").asText().equals("Ingest health: per exporter")) {
                table = panel;
            }
        }
        assertThat(table).isNotNull();
        Matcher fields = FIELD.matcher(table.path("targets").get(0).path("query").asText());
        assertThat(fields.find()).isTrue();
        assertThat(names(fields.group(2))).containsExactly("flows", "datagrams", "sequence_gaps", "sequence_missing",
                "clock_skewed");
        List<String> red = new ArrayList<>();
        for (JsonNode override : table.path("fieldConfig").path("overrides")) {
            if (override.toString().contains("\"color\":\"red\",\"value\":1")) {
                red.add(override.path("matcher").path("options").asText());
            }
        }
        assertThat(red).containsExactly("sequence_gaps", "sequence_missing", "clock_skewed");
    }

    /**
     * Flux adds integers with wrap-around: two points at Long.MAX_VALUE (where the sink saturates a
     * counter) would sum to -2 and draw as a negative rate. Every sum is over floats.
     */
    @Test
    void everySumIsOverFloatsSoSaturatedCountersNeverWrap() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana", "bwnetflow-influxdb2.json").toFile());
        int sums = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            String flux = panel.path("targets").get(0).path("query").asText();
            int sum = flux.indexOf("fn: sum") >= 0 ? flux.lastIndexOf("|>", flux.indexOf("fn: sum")) : flux.indexOf("|> sum()");
            if (sum < 0) {
                continue;
            }
            sums++;
            assertThat(flux.substring(0, sum)).as(panel.path("title").asText() + ": toFloat() before the sum")
                    .endsWith("|> toFloat()\n  ");
        }
        assertThat(sums).as("panels that sum").isGreaterThanOrEqualTo(10);
    }

    /**
     * Grouped by tags of the table (and _field), the first a tag unless only _field (a sum over
     * every key, as of the source tasks); every field read is a field of the table.
     */
    private static void assertGroupsByTagsAndReadsFields(String title, String flux, Table table) {
        Matcher group = GROUP.matcher(flux);
        assertThat(group.find()).as(title + ": grouped").isTrue();
        List<String> columns = names(group.group(1));
        List<String> groupable = new ArrayList<>(table.tags());
        groupable.add("_field");
        assertThat(columns).as(title + ": grouped by tags of " + table.name()).isNotEmpty().isSubsetOf(groupable);
        if (!columns.equals(List.of("_field"))) {
            assertThat(table.tags()).as(title + ": tags of " + table.name()).contains(columns.get(0));
        }
        Matcher field = FIELD.matcher(flux);
        assertThat(field.find()).as(title + ": reads fields").isTrue();
        List<String> fields = field.group(1) != null ? List.of(field.group(1)) : names(field.group(2));
        assertThat(table.fields()).as(title + ": fields of " + table.name()).containsAll(fields);
    }

    private static List<String> names(String list) {
        List<String> names = new ArrayList<>();
        Matcher name = NAME.matcher(list);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    /** A table the sink writes: its SYMBOL columns (the tags) and its other columns but the time (the fields). */
    private record Table(String name, List<String> tags, List<String> fields) {
    }

    private static Map<String, Table> sinkTables() throws Exception {
        Map<String, Table> tables = new HashMap<>();
        Matcher table = TABLE.matcher(Files.readString(Path.of("questdb", "tables.sql")));
        while (table.find()) {
            List<String> tags = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            Matcher column = COLUMN.matcher(table.group(2));
            while (column.find()) {
                if (column.group(2).equals("SYMBOL")) {
                    tags.add(column.group(1));
                } else if (!column.group(2).equals("TIMESTAMP")) {
                    fields.add(column.group(1));
                }
            }
            tables.put(table.group(1), new Table(table.group(1), tags, fields));
        }
        // The DDoS sink's tables (the dashboard's attacks view reads them) are no Influx sink measurement: no panel here.
        tables.keySet().removeAll(List.of("ddos_attacks", "ddos_mitigations"));
        assertThat(tables).as("tables.sql parsed").containsOnlyKeys("flows", "flows_by_country", "flows_by_as",
                "top_hosts", "flows_by_neighbor_as", "flows_by_community", INGEST);
        assertThat(tables.get(INGEST).tags()).containsExactly("connector", "task", "exporter");
        assertThat(tables.get(INGEST).fields()).contains("flows", "sequence_gaps", "kernel_drops");
        return tables;
    }
}
