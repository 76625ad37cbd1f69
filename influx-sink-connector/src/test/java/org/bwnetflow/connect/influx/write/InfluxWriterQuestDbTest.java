package org.bwnetflow.connect.influx.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.influxdb.client.domain.WritePrecision;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.types.Password;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.influx.write.WriteFailure.Kind;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer against a real QuestDB that requires a password, as the local stack's does: what is
 * written with the user and password reads back, a rewrite replaces, an outage is retriable, and
 * without the password nothing is read, written or created.
 */
class InfluxWriterQuestDbTest {

    @TempDir
    static Path dir;
    private static QuestDbFixture questDb;

    @BeforeAll
    static void start() {
        questDb = QuestDbFixture.start(dir.resolve("questdb"));
    }

    @AfterAll
    static void stop() {
        questDb.close();
    }

    private static InfluxWriter writer(int batchSize, boolean gzip) {
        return writer(Credentials.basic(questDb.user(), new Password(questDb.password())), batchSize, gzip);
    }

    private static InfluxWriter writer(Credentials credentials, int batchSize, boolean gzip) {
        return InfluxWriter.open(new InfluxWriter.Settings(questDb.url(), "ignored-org", credentials,
                WritePrecision.S, batchSize, gzip, Duration.ofSeconds(5)), new TransformMetrics());
    }

    @Test
    void withoutThePasswordNothingIsReadWrittenOrCreated() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String sql : List.of("SELECT 1", "CREATE TABLE intruder (x LONG)", "DROP TABLE IF EXISTS flows_a")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(questDb.url() + "/exec?query="
                    + URLEncoder.encode(sql, StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("GET /exec of %s without a login", sql).isEqualTo(401);
        }
        assertThat(questDb.exec("SELECT table_name FROM tables() WHERE table_name = 'intruder'")).isEmpty();

        String line = "intruder x=1i 1700000000";
        String wrong = questDb.password() + "x";
        for (Credentials credentials : List.of(Credentials.none(), Credentials.token(new Password("some-token")),
                Credentials.basic(questDb.user(), new Password(wrong)))) {
            try (InfluxWriter writer = writer(credentials, 1000, false)) {
                WriteFailure failure = catchThrowableOfType(() -> writer.write("b", List.of(line)), WriteFailure.class);
                assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.FATAL);
                assertThat(failure.status()).isEqualTo(401);
                assertThat(failure.getMessage()).contains("influx.username", "influx.password")
                        .doesNotContain(wrong, "some-token");
            }
        }
        assertThat(questDb.exec("SELECT table_name FROM tables() WHERE table_name = 'intruder'")).isEmpty();
    }

    @Test
    void whatIsWrittenReadsBack() throws WriteFailure {
        questDb.createDedupTable("flows_a", List.of("cid", "direction"), List.of("bytes", "packets"));
        List<String> lines = IntStream.range(0, 250)
                .mapToObj(i -> "flows_a,cid=" + (i % 5) + ",direction=" + (i % 2 == 0 ? "in" : "out") + " bytes=" + (1000 + i)
                        + "i,packets=" + i + "i " + (1_700_000_000L + i / 10 * 10))
                .toList();

        try (InfluxWriter writer = writer(100, false)) {
            writer.write("bucket-is-ignored", lines);
        }
        questDb.awaitApplied("flows_a");

        Map<String, Object> totals = questDb.exec("SELECT count() n, sum(bytes) bytes, sum(packets) packets FROM flows_a").get(0);
        assertThat(totals).containsEntry("n", 250L)
                .containsEntry("bytes", IntStream.range(0, 250).mapToLong(i -> 1000 + i).sum())
                .containsEntry("packets", IntStream.range(0, 250).mapToLong(i -> i).sum());
        assertThat(questDb.exec("SELECT cid, direction, bytes, timestamp FROM flows_a WHERE cid = '3' AND direction = 'out' "
                + "ORDER BY timestamp LIMIT 1"))
                .containsExactly(Map.of("cid", "3", "direction", "out", "bytes", 1003L, "timestamp", "2023-11-14T22:13:20.000000Z"));
    }

    @Test
    void aRewrittenPointReplacesTheOldOne() throws WriteFailure {
        questDb.createDedupTable("flows_b", List.of("cid"), List.of("bytes"));
        try (InfluxWriter writer = writer(1000, false)) {
            writer.write("b", List.of("flows_b,cid=1 bytes=5i 1700000000", "flows_b,cid=2 bytes=9i 1700000000"));
            writer.write("b", List.of("flows_b,cid=1 bytes=7i 1700000000"));
        }
        questDb.awaitApplied("flows_b");

        assertThat(questDb.exec("SELECT cid, bytes FROM flows_b ORDER BY cid"))
                .containsExactly(Map.of("cid", "1", "bytes", 7L), Map.of("cid", "2", "bytes", 9L));
    }

    @Test
    void gzipIsRefusedAsFatal() {
        try (InfluxWriter writer = writer(1000, true)) {
            WriteFailure failure = catchThrowableOfType(() -> writer.write("b", List.of("flows_gz,cid=1 bytes=1i 1700000000")),
                    WriteFailure.class);

            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.FATAL);
            assertThat(failure.status()).isEqualTo(415);
            assertThat(failure.getMessage()).contains("gzip encoding is not supported", "turn gzip off");
        }
    }

    @Test
    void aBadLineIsFatalWithQuestDbsMessage() {
        questDb.createDedupTable("flows_c", List.of("cid"), List.of("bytes"));
        try (InfluxWriter writer = writer(1000, false)) {
            WriteFailure failure = catchThrowableOfType(() -> writer.write("b",
                    List.of("flows_c,cid=1 bytes=1i 1700000000", "flows_c,cid=2 bytes=1.5 1700000000")), WriteFailure.class);

            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.FATAL);
            assertThat(failure.status()).isEqualTo(400);
            assertThat(failure.getMessage()).contains("cast error", "flows_c,cid=2 bytes=1.5");
        }
    }

    @Test
    void aStoppedDatabaseIsRetriableAndTheWriteSucceedsAfterTheRestart() throws WriteFailure {
        questDb.createDedupTable("flows_d", List.of("cid"), List.of("bytes"));
        List<String> lines = List.of("flows_d,cid=1 bytes=11i 1700000000");
        try (InfluxWriter writer = writer(1000, false)) {
            questDb.stop();
            WriteFailure failure;
            try {
                failure = catchThrowableOfType(() -> writer.write("b", lines), WriteFailure.class);
            } finally {
                questDb.start();
            }
            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.RETRIABLE);
            assertThat(failure.getMessage()).contains("cannot reach", questDb.url()).doesNotContain(questDb.password());

            writer.write("b", lines);
        }
        questDb.awaitApplied("flows_d");

        assertThat(questDb.exec("SELECT bytes FROM flows_d")).containsExactly(Map.of("bytes", 11L));
    }
}
