package org.bwnetflow.connect.influx.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.domain.WritePrecision;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.types.Password;
import org.bwnetflow.connect.influx.write.WriteFailure.Kind;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.junit.jupiter.api.Test;

/** The writer's batching and bookkeeping over a fake sender (no network). */
class InfluxWriterTest {

    private static final InfluxWriter.Settings SETTINGS = new InfluxWriter.Settings("http://127.0.0.1:1", "acme",
            Credentials.token(new Password("s3cr3t")), WritePrecision.S, 1000, true, Duration.ofSeconds(5));

    private final TransformMetrics metrics = new TransformMetrics();
    private final List<List<String>> sent = new ArrayList<>();

    private static List<String> lines(int n) {
        return IntStream.range(0, n).mapToObj(i -> "flows,cid=" + i + " bytes=1i 1700000000").toList();
    }

    @Test
    void splitsLargeWritesIntoBatchesInOrder() throws WriteFailure {
        InfluxWriter writer = new InfluxWriter(SETTINGS, (bucket, lines) -> sent.add(List.copyOf(lines)), metrics);
        List<String> lines = lines(2500);

        writer.write("flows", lines);

        assertThat(sent).extracting(List::size).containsExactly(1000, 1000, 500);
        assertThat(sent.stream().flatMap(List::stream).toList()).isEqualTo(lines);
        assertThat(metrics.value("influx-write-lines")).isEqualTo(2500);
        assertThat(metrics.value("influx-write-batches")).isEqualTo(3);
    }

    @Test
    void anEmptyWriteSendsNothing() throws WriteFailure {
        new InfluxWriter(SETTINGS, (bucket, lines) -> sent.add(lines), metrics).write("flows", List.of());

        assertThat(sent).isEmpty();
    }

    @Test
    void stopsAtTheFirstFailedBatchAndClassifiesIt() {
        InfluxWriter writer = new InfluxWriter(SETTINGS, (bucket, lines) -> {
            if (!sent.isEmpty()) {
                throw new com.influxdb.exceptions.InfluxException(new SocketTimeoutException("read timed out"));
            }
            sent.add(lines);
        }, metrics);

        assertThatThrownBy(() -> writer.write("flows", lines(3000)))
                .isInstanceOfSatisfying(WriteFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.RETRIABLE))
                .hasMessageContaining("read timed out");
        assertThat(sent).hasSize(1);
        assertThat(metrics.value("influx-write-retriable-failures")).isEqualTo(1);
        assertThat(metrics.value("influx-write-lines")).isEqualTo(1000);
    }

    @Test
    void settingsNeverShowTheToken() {
        assertThat(SETTINGS.toString()).doesNotContain("s3cr3t").contains("token=[hidden]", "batchSize=1000");
        assertThat(new InfluxWriter(SETTINGS, (b, l) -> { }, metrics).toString()).doesNotContain("s3cr3t");
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> new InfluxWriter.Settings("http://x", "o", null, WritePrecision.S, 0, false,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InfluxWriter.Settings("http://x", "o", null, WritePrecision.S, 1, false, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientOptionsCarryTheTimeoutsAndOmitAnEmptyToken() {
        var options = InfluxWriter.clientOptions(new InfluxWriter.Settings("http://127.0.0.1:1", "o", Credentials.token(new Password("")),
                WritePrecision.MS, 10, false, Duration.ofMillis(1234)));
        var client = options.getOkHttpClient().build();

        assertThat(client.connectTimeoutMillis()).isEqualTo(1234);
        assertThat(client.readTimeoutMillis()).isEqualTo(1234);
        assertThat(client.writeTimeoutMillis()).isEqualTo(1234);
        assertThat(options.getToken()).isNull();
        assertThat(options.getPrecision()).isEqualTo(WritePrecision.MS);
    }
}
