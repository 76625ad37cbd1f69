package org.bwnetflow.connect.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.influx.write.InfluxWriter;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.model.testing.FakeSinkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink task against a real QuestDB that requires a password, with the shipped tables.sql: an
 * ingest health record lands as one row of ingest.
 */
class InfluxSinkTaskQuestDbTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    static Path dir;
    private static QuestDbFixture questDb;

    @BeforeAll
    static void start() {
        questDb = QuestDbFixture.start(dir.resolve("questdb"));
        questDb.execFile(Path.of("../connect-configs/questdb/tables.sql"));
    }

    @AfterAll
    static void stop() {
        questDb.close();
    }

    @Test
    void aHealthRecordIsARowOfTheIngestTableWithItsValues() {
        AtomicLong clock = new AtomicLong(T0);
        Map<String, String> props = new HashMap<>();
        // As the local stack gives them: QuestDB's user, its password as a PASSWORD key.
        props.putAll(questDb.sinkConfig());
        props.put(InfluxSinkConfig.INFLUX_ORG, "ignored");
        props.put(InfluxSinkConfig.INFLUX_BUCKET, "ignored");
        props.put(InfluxSinkConfig.INFLUX_PRECISION, "ms");
        props.put(InfluxSinkConfig.WRITE_INTERVAL_MS, "1000");
        InfluxSinkTask task = new InfluxSinkTask(InfluxWriter::open, clock::get);
        FakeSinkContext context = new FakeSinkContext(false);
        task.initialize(context);
        task.start(props);
        task.open(List.of(new TopicPartition("_ingest-health", 0)));
        try {
            // Written twice (a redelivery after a commit that did not happen): still one row.
            for (int round = 0; round < 2; round++) {
                task.put(List.of(new SinkRecord("_ingest-health", 0, null, null, IngestHealth.SCHEMA,
                        InfluxSinkTaskHealthTest.health(), 41, T0 + 10_300, TimestampType.CREATE_TIME)));
                clock.addAndGet(1_000);
                task.put(List.of());
                task.close(List.of(new TopicPartition("_ingest-health", 0)));
                task.open(List.of(new TopicPartition("_ingest-health", 0)));
            }
            assertThat(context.pluginMetrics().value("health-points-written")).isEqualTo(2L);
        } finally {
            task.stop();
        }
        questDb.awaitApplied("ingest");

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("connector", "netflow-source");
        row.put("task", "2");
        row.put("exporter", "192.0.2.1");
        row.put("interval_ms", 10_000L);
        List<String> counters = List.of("datagrams", "flows", "sequence_gaps", "sequence_missing", "datagrams_received",
                "kernel_drops", "not_allowed", "malformed", "template_misses", "clock_skewed");
        for (int i = 0; i < counters.size(); i++) {
            row.put(counters.get(i), 100L + i);
        }
        row.put("timestamp", "2023-11-14T22:13:30.250000Z");
        assertThat(questDb.exec("SELECT * FROM ingest")).containsExactly(row);
    }
}
