package org.bwnetflow.connect.influx.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.model.IngestHealth;
import org.junit.jupiter.api.Test;

/** An ingest health record is exactly one point: its tags, its counters under the columns of QuestDB's ingest table. */
class IngestPointsTest {

    private static final long REPORTED = 1_700_000_010_250L;

    private static Struct health() {
        Struct health = IngestHealth.newRecord(REPORTED, 10_000, "netflow-source", 2, "192.0.2.1");
        for (int i = 0; i < IngestHealth.COUNTERS.size(); i++) {
            health.put(IngestHealth.COUNTERS.get(i), 100L + i);
        }
        return health;
    }

    @Test
    void aRecordIsOnePointWithItsTagsFieldsAndTime() {
        Point point = new IngestPoints("ingest").toPoint(health());

        assertThat(point.measurement()).isEqualTo("ingest");
        assertThat(point.tags()).containsExactly(Map.entry("connector", "netflow-source"), Map.entry("exporter", "192.0.2.1"),
                Map.entry("task", "2"));
        assertThat(point.fields()).containsExactly(Map.entry("interval_ms", 10_000L), Map.entry("datagrams", 100L),
                Map.entry("flows", 101L), Map.entry("sequence_gaps", 102L), Map.entry("sequence_missing", 103L),
                Map.entry("datagrams_received", 104L), Map.entry("kernel_drops", 105L), Map.entry("not_allowed", 106L),
                Map.entry("malformed", 107L), Map.entry("template_misses", 108L), Map.entry("clock_skewed", 109L));
        assertThat(point.timestampMillis()).isEqualTo(REPORTED);
    }

    @Test
    void theTimeIsWrittenInTheSinksPrecision() {
        Point point = new IngestPoints("health").toPoint(IngestHealth.newRecord(REPORTED, 10_000, "c", 0, "*"));

        String prefix = "health,connector=c,exporter=*,task=0 interval_ms=10000i,datagrams=0i,";
        assertThat(point.toLineProtocol(TimeUnit.SECONDS)).startsWith(prefix).endsWith("i 1700000010");
        assertThat(point.toLineProtocol(TimeUnit.MILLISECONDS)).endsWith("i 1700000010250");
        assertThat(point.toLineProtocol(TimeUnit.NANOSECONDS)).endsWith("i 1700000010250000000");
    }

    @Test
    void aRecordWithoutConnectorOrExporterIsNoPoint() {
        IngestPoints points = new IngestPoints("ingest");
        assertThatThrownBy(() -> points.toPoint(health().put(IngestHealth.EXPORTER, "")))
                .isInstanceOf(DataException.class).hasMessageContaining("exporter");
        assertThatThrownBy(() -> points.toPoint(health().put(IngestHealth.CONNECTOR, "")))
                .isInstanceOf(DataException.class).hasMessageContaining("connector");
    }

    @Test
    void theFieldsAreTheLongColumnsOfTheShippedIngestTable() throws Exception {
        String sql = Files.readString(Path.of("../connect-configs/questdb/tables.sql"));
        Matcher table = Pattern.compile("CREATE TABLE IF NOT EXISTS ingest \\(([^;]*?)\\)\\s+TIMESTAMP", Pattern.DOTALL).matcher(sql);
        assertThat(table.find()).as("tables.sql has the ingest table").isTrue();
        List<String> longs = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        Matcher column = Pattern.compile("(\\w+) (LONG|SYMBOL)").matcher(table.group(1));
        while (column.find()) {
            (column.group(2).equals("LONG") ? longs : symbols).add(column.group(1));
        }

        assertThat(IngestPoints.FIELDS.values()).containsExactlyElementsOf(longs);
        assertThat(symbols).containsExactly(IngestPoints.CONNECTOR_TAG, IngestPoints.TASK_TAG, IngestPoints.EXPORTER_TAG);
    }

    @Test
    void columnsAreTheFieldNamesInSnakeCase() {
        assertThat(IngestPoints.column("SequenceGaps")).isEqualTo("sequence_gaps");
        assertThat(IngestPoints.column("IntervalMs")).isEqualTo("interval_ms");
        assertThat(IngestPoints.column("Flows")).isEqualTo("flows");
        assertThat(IngestPoints.column("ClockSkewed")).isEqualTo("clock_skewed");
    }
}
