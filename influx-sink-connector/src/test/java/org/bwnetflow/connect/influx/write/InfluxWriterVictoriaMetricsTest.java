package org.bwnetflow.connect.influx.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.influxdb.client.domain.WritePrecision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.types.Password;
import org.bwnetflow.connect.influx.testing.VictoriaMetricsFixture;
import org.bwnetflow.connect.influx.testing.VictoriaMetricsFixture.Series;
import org.bwnetflow.connect.influx.write.WriteFailure.Kind;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a real VictoriaMetrics: what is written reads back, a rewrite replaces, an outage is retriable. */
class InfluxWriterVictoriaMetricsTest {

    @TempDir
    static Path dir;
    private static VictoriaMetricsFixture victoria;

    @BeforeAll
    static void start() {
        victoria = VictoriaMetricsFixture.start(dir.resolve("vm"));
    }

    @AfterAll
    static void stop() {
        victoria.close();
    }

    private static InfluxWriter writer(WritePrecision precision) {
        return InfluxWriter.open(new InfluxWriter.Settings(victoria.url(), "org", Credentials.token(new Password("vm-token")),
                precision, 100, true, Duration.ofSeconds(5)), new TransformMetrics());
    }

    @Test
    void whatIsWrittenReadsBack() throws WriteFailure {
        List<String> lines = IntStream.range(0, 300)
                .mapToObj(i -> "vm_a,cid=" + (i % 3) + " bytes=" + (100 + i) + "i,packets=" + i + "i " + (1_700_000_000L + i * 10))
                .toList();
        try (InfluxWriter writer = writer(WritePrecision.S)) {
            writer.write("ignored", lines);
        }

        List<Series> bytes = victoria.export("vm_a_bytes");
        assertThat(bytes).extracting(Series::labels)
                .containsExactly(Map.of("cid", "0"), Map.of("cid", "1"), Map.of("cid", "2"));
        assertThat(bytes).allSatisfy(s -> assertThat(s.values()).hasSize(100));
        assertThat(victoria.sum("vm_a_bytes")).isEqualTo(IntStream.range(0, 300).map(i -> 100 + i).sum());
        assertThat(victoria.sum("{__name__=\"vm_a_packets\",cid=\"1\"}"))
                .isEqualTo(IntStream.range(0, 300).filter(i -> i % 3 == 1).sum());
        assertThat(bytes.get(0).timestamps().get(0)).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void aRewrittenSampleReplacesTheOldOne() throws WriteFailure {
        try (InfluxWriter writer = writer(WritePrecision.MS)) {
            writer.write("b", List.of("vm_b,cid=1 bytes=5i 1700000000000", "vm_b,cid=2 bytes=9i 1700000000000"));
            victoria.forceFlush();
            writer.write("b", List.of("vm_b,cid=1 bytes=3i 1700000000000"));
        }

        assertThat(victoria.export("vm_b_bytes"))
                .extracting(Series::labels, Series::values)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Map.of("cid", "1"), List.of(3.0)),
                        org.assertj.core.groups.Tuple.tuple(Map.of("cid", "2"), List.of(9.0)));
    }

    @Test
    void aStoppedDatabaseIsRetriable() throws WriteFailure {
        try (InfluxWriter writer = writer(WritePrecision.S)) {
            victoria.stop();
            WriteFailure failure;
            try {
                failure = catchThrowableOfType(() -> writer.write("b", List.of("vm_c,cid=1 bytes=1i 1700000000")),
                        WriteFailure.class);
            } finally {
                victoria.start();
            }
            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.RETRIABLE);
            assertThat(failure.getMessage()).doesNotContain("vm-token");

            writer.write("b", List.of("vm_c,cid=1 bytes=1i 1700000000"));
        }

        assertThat(victoria.sum("vm_c_bytes")).isEqualTo(1.0);
    }
}
