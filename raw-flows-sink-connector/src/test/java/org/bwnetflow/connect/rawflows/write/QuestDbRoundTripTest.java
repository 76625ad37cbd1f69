package org.bwnetflow.connect.rawflows.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.table.AddressHalves;
import org.bwnetflow.connect.model.table.FlowsTable;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.bwnetflow.connect.rawflows.encode.FlowLineEncoder;
import org.bwnetflow.connect.rawflows.encode.LineBuffer;
import org.bwnetflow.connect.rawflows.encode.RawLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoder's lines and the writer's requests against a real QuestDB 9.0.3: what is stored is what the flow
 * held (names with any character, IPv6, flow times), a request is taken whole or not at all, a replay replaces its
 * rows, and the TTL drops old partitions.
 */
class QuestDbRoundTripTest {

    @TempDir
    static Path dir;
    private static QuestDbFixture questDb;
    private static QuestDbHttp http;

    @BeforeAll
    static void start() {
        questDb = QuestDbFixture.start(dir.resolve("questdb"));
        http = new QuestDbHttp(questDb.url(), questDb.user(), questDb.password(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        questDb.close();
    }

    @Test
    void whatIsStoredIsWhatTheFlowHeld() throws Exception {
        createTable("rt_values", 48);
        String hostile = "Gi 0/1,uplink=core\\x\nnext\rline \"q\" ä€😀\ttab";
        Struct flow = TestFlows.flow("192.0.2.77", "2001:db8:1:2:3:4:5:6");
        TestFlows.withAddress(flow, FlowField.SAMPLER_ADDRESS, "2001:db8::1");
        Flows.setText(flow, FlowField.SRC_IF_NAME, hostile);
        Flows.setText(flow, FlowField.DST_IF_NAME, "");
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, 1_700_000_000L);
        Flows.setNumber(flow, FlowField.BYTES, Long.MAX_VALUE);
        Flows.setNumber(flow, FlowField.OUT_IF, 4_294_967_295L);
        LineBuffer lines = new LineBuffer(1024);
        FlowLineEncoder encoder = new FlowLineEncoder("rt_values");
        long ts = 1_700_000_011_234L;
        assertThat(encoder.append(lines, FlowMessageCodec.encode(flow), "flows-1000", 2, 77, ts)).isTrue();
        assertThat(encoder.append(lines, FlowMessageCodec.encode(FlowMessageSchema.newFlow()), "flows-1000", 2, 78, ts))
                .isTrue();
        http.write(lines);
        questDb.awaitApplied("rt_values");

        List<Map<String, Object>> rows = questDb.exec("SELECT * FROM rt_values ORDER BY kafka_offset");
        assertThat(rows).hasSize(2);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("in_if_name")).isEqualTo(hostile);
        assertThat(row.get("out_if_name")).as("empty text: NULL").isNull();
        assertThat(row.get("exporter")).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(AddressHalves.text((Long) row.get("src_addr_hi"), (Long) row.get("src_addr_lo"))).isEqualTo("192.0.2.77");
        assertThat(AddressHalves.text((Long) row.get("dst_addr_hi"), (Long) row.get("dst_addr_lo")))
                .isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(Instant.parse((String) row.get("flow_start"))).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(Instant.parse((String) row.get("flow_end"))).as("0 when absent").isEqualTo(Instant.EPOCH);
        assertThat(Instant.parse((String) row.get("ts"))).isEqualTo(Instant.ofEpochMilli(ts));
        assertThat(row.get("bytes")).isEqualTo(Long.MAX_VALUE);
        assertThat(row.get("out_if")).isEqualTo(4_294_967_295L);
        assertThat(row.get("kafka_topic")).isEqualTo("flows-1000");
        assertThat(row.get("kafka_partition")).isEqualTo(2L);
        assertThat(rows.get(1).get("exporter")).isNull();
        assertThat(rows.get(1).get("cid")).isEqualTo(0L);
    }

    @Test
    void aRequestIsTakenWholeOrNotAtAllAndTheRefusedLineIsNamed() throws Exception {
        createTable("rt_atomic", 48);
        FlowLineEncoder encoder = new FlowLineEncoder("rt_atomic");
        LineBuffer withBadLine = new LineBuffer(1024);
        for (int offset = 0; offset < 100; offset++) {
            if (offset == 60) {
                RawLines.append(withBadLine, "rt_atomic,kafka_topic=t bytes=\"text\" 1700000000000\n");
            }
            encoder.append(withBadLine, FlowMessageCodec.encode(TestFlows.fullFlow()), "t", 0, offset, 1_700_000_000_000L);
        }
        WriteFailure failure = org.junit.jupiter.api.Assertions.assertThrows(WriteFailure.class, () -> http.write(withBadLine));
        assertThat(failure.kind()).isEqualTo(WriteFailure.Kind.REFUSED_LINE);
        assertThat(failure.line()).isEqualTo(60);
        questDb.awaitApplied("rt_atomic");
        assertThat(count("rt_atomic")).as("none of the good lines either").isZero();

        withBadLine.removeLine(failure.line());
        http.write(withBadLine);
        http.write(withBadLine); // a replay
        questDb.awaitApplied("rt_atomic");
        assertThat(count("rt_atomic")).as("the rest, once").isEqualTo(100);
    }

    @Test
    void theTtlIsTheRetentionAndOldPartitionsGoWhenNewerRowsCome() throws Exception {
        createTable("rt_ttl", 2);
        http.exec(FlowsTable.retentionStatement("rt_ttl", 3)); // a changed retention, applied through the WAL
        questDb.awaitApplied("rt_ttl");
        Map<String, Object> table = questDb.exec("SELECT * FROM tables() WHERE table_name = 'rt_ttl'").get(0);
        assertThat(table).containsEntry("ttlValue", 3L).containsEntry("ttlUnit", "HOUR");
        assertThat(table).containsEntry("partitionBy", "HOUR").containsEntry("walEnabled", "true")
                .containsEntry("dedup", "true");

        FlowLineEncoder encoder = new FlowLineEncoder("rt_ttl");
        long now = System.currentTimeMillis();
        LineBuffer old = new LineBuffer(1024);
        for (int i = 0; i < 10; i++) {
            encoder.append(old, FlowMessageCodec.encode(TestFlows.fullFlow()), "t", 0, i, now - Duration.ofHours(10).toMillis());
        }
        http.write(old);
        questDb.awaitApplied("rt_ttl");
        assertThat(count("rt_ttl")).as("alone, old rows stay: the TTL counts from the newest row").isEqualTo(10);

        LineBuffer recent = new LineBuffer(1024);
        encoder.append(recent, FlowMessageCodec.encode(TestFlows.fullFlow()), "t", 0, 10, now);
        http.write(recent);
        questDb.awaitApplied("rt_ttl");
        assertThat(count("rt_ttl")).as("the 10 h old partition is dropped with the commit of newer rows").isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsALoginFailureThatNamesTheUserNotThePassword() {
        QuestDbHttp wrong = new QuestDbHttp(questDb.url(), questDb.user(), "not-" + questDb.password(),
                Duration.ofSeconds(5));
        LineBuffer lines = new LineBuffer(64);
        assertThatThrownBy(() -> wrong.write(lines)).isInstanceOfSatisfying(WriteFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(WriteFailure.Kind.LOGIN);
            assertThat(f.getMessage()).contains("'" + questDb.user() + "'").contains("401")
                    .doesNotContain(questDb.password());
        });
        assertThatThrownBy(() -> wrong.exec("select 1")).isInstanceOfSatisfying(WriteFailure.class,
                f -> assertThat(f.kind()).isEqualTo(WriteFailure.Kind.LOGIN));
    }

    private static void createTable(String name, int hours) throws WriteFailure {
        http.exec(FlowsTable.createStatement(name, hours));
        http.exec(FlowsTable.dedupStatement(name));
    }

    private static long count(String table) {
        return (Long) questDb.exec("SELECT count() c FROM " + table).get(0).get("c");
    }
}
