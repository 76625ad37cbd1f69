package org.bwnetflow.connect.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bwnetflow.connect.influx.aggregate.AggregationSpec;
import org.bwnetflow.connect.influx.aggregate.FieldKind;
import org.bwnetflow.connect.influx.aggregate.MeasurementSpec;
import org.bwnetflow.connect.influx.aggregate.TagKind;
import org.junit.jupiter.api.Test;

/**
 * The shipped QuestDB tables (connect-configs/questdb/tables.sql, created by the local stack) have
 * a table for every default measurement, with its tags and the partition tag as SYMBOL columns,
 * its fields as LONG columns, and every tag in the deduplication keys (a rewritten window total
 * replaces the row, never adds to it). A new default measurement without its table fails here.
 */
class ShippedTablesTest {

    @Test
    void everyDefaultMeasurementHasItsDeduplicatedTable() throws Exception {
        String sql = Files.readString(Path.of("../connect-configs/questdb/tables.sql"));
        for (MeasurementSpec measurement : AggregationSpec.defaults().measurements()) {
            Matcher table = Pattern.compile("CREATE TABLE IF NOT EXISTS " + measurement.name()
                    + " \\(([^;]*?)\\)\\s+TIMESTAMP\\(timestamp\\)[^;]*DEDUP UPSERT KEYS\\(([^)]*)\\)", Pattern.DOTALL).matcher(sql);
            assertThat(table.find()).as("tables.sql has the table " + measurement.name()).isTrue();
            List<String> symbols = new ArrayList<>();
            List<String> longs = new ArrayList<>();
            Matcher column = Pattern.compile("(\\w+) (LONG|SYMBOL)").matcher(table.group(1));
            while (column.find()) {
                (column.group(2).equals("LONG") ? longs : symbols).add(column.group(1));
            }
            List<String> tags = new ArrayList<>(measurement.tags().stream().map(TagKind::configName).toList());
            tags.add(InfluxSinkTask.PARTITION_TAG);

            assertThat(symbols).as(measurement.name() + " tags").containsExactlyElementsOf(tags);
            assertThat(longs).as(measurement.name() + " fields")
                    .containsExactlyElementsOf(measurement.fields().stream().map(FieldKind::configName).toList());
            List<String> keys = new ArrayList<>(List.of("timestamp"));
            keys.addAll(tags);
            assertThat(table.group(2).split(",\\s*")).as(measurement.name() + " dedup keys").containsExactlyElementsOf(keys);
        }
    }
}
