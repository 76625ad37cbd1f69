package org.bwnetflow.connect.influx.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.influxdb.client.domain.WritePrecision;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.common.config.types.Password;
import org.bwnetflow.connect.influx.write.WriteFailure.Kind;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real client against a fake InfluxDB (the JDK's HTTP server) answering what InfluxDB
 * answers: the status, the JSON error body, what the writer makes of it, and that the token goes
 * to the server only, never into a message or a log line.
 */
class InfluxWriterHttpTest {

    private static final String TOKEN = "tok-9f8e7d6c5b4a";
    private static final List<String> LINES = List.of("flows,cid=1 bytes=10i 1700000000", "flows,cid=2 bytes=20i 1700000000",
            "flows,cid=3 bytes=30i 1700000000");

    private HttpServer server;
    private volatile int status = 204;
    private volatile String body = "";
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<String> julRecords = new CopyOnWriteArrayList<>();
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords.add(record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private PrintStream originalErr;

    private record Request(String query, String authorization, String encoding, List<String> lines) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, stderr), true, StandardCharsets.UTF_8));
        java.util.logging.Logger.getLogger("").addHandler(julHandler);
    }

    @AfterEach
    void stopServer() {
        java.util.logging.Logger.getLogger("").removeHandler(julHandler);
        System.setErr(originalErr);
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream in = "gzip".equals(encoding) ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestURI().getQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                encoding, List.of(text.split("\n"))));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private InfluxWriter writer(String url, int batchSize, boolean gzip, Duration timeout, TransformMetrics metrics) {
        return InfluxWriter.open(new InfluxWriter.Settings(url, "acme", Credentials.token(new Password(TOKEN)), WritePrecision.S,
                batchSize, gzip, timeout), metrics);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private WriteFailure failedWrite(int code, String json) {
        status = code;
        body = json;
        try (InfluxWriter writer = writer(url(), 1000, false, Duration.ofSeconds(10), new TransformMetrics())) {
            return catchThrowableOfType(() -> writer.write("flows", LINES), WriteFailure.class);
        }
    }

    @Test
    void sendsBatchesWithTokenOrgBucketAndPrecision() throws WriteFailure {
        TransformMetrics metrics = new TransformMetrics();
        try (InfluxWriter writer = writer(url(), 2, true, Duration.ofSeconds(10), metrics)) {
            writer.write("flows-42", LINES);
        }

        assertThat(requests).hasSize(2);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Token " + TOKEN);
            assertThat(r.encoding()).isEqualTo("gzip");
            assertThat(r.query()).contains("org=acme", "bucket=flows-42", "precision=s");
        });
        assertThat(requests.get(0).lines()).containsExactly(LINES.get(0), LINES.get(1));
        assertThat(requests.get(1).lines()).containsExactly(LINES.get(2));
        assertThat(metrics.value("influx-write-lines")).isEqualTo(3);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
    }

    @Test
    void aUserAndPasswordGoAsHttpBasicAndNowhereElse() throws WriteFailure {
        String password = "pw-4c3b2a1f0e";
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(("flowstack:" + password)
                .getBytes(StandardCharsets.UTF_8));
        InfluxWriter.Settings settings = new InfluxWriter.Settings(url(), "acme",
                Credentials.basic("flowstack", new Password(password)), WritePrecision.S, 2, false, Duration.ofSeconds(10));
        try (InfluxWriter writer = InfluxWriter.open(settings, new TransformMetrics())) {
            writer.write("flows", LINES);
            assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(expected));

            status = 401;
            body = "{\"code\":\"unauthorized\",\"message\":\"bad login " + password + "\"}";
            WriteFailure failure = catchThrowableOfType(() -> writer.write("flows", LINES), WriteFailure.class);
            assertThat(failure.kind()).isEqualTo(Kind.FATAL);
            assertThat(failure.getMessage()).contains("influx.username", "influx.password").doesNotContain(password);
        }
        assertThat(settings.toString()).contains("user=flowstack", "password=[hidden]").doesNotContain(password);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain(password)
                .doesNotContain(expected.substring("Basic ".length()));
        assertThat(julRecords).noneMatch(r -> r.contains(password));
    }

    @Test
    void noGzipWhenOff() throws WriteFailure {
        try (InfluxWriter writer = writer(url(), 10, false, Duration.ofSeconds(10), new TransformMetrics())) {
            writer.write("flows", LINES);
        }

        assertThat(requests).singleElement().satisfies(r -> assertThat(r.encoding()).isNull());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401|unauthorized|unauthorized access|FATAL|influx.token",
        "403|forbidden|insufficient permissions for write|FATAL|influx.org",
        "404|not found|bucket \"flows\" not found|FATAL|influx.bucket",
        "400|invalid|unable to parse 'flows,cid=2 bytes=20i 1700000000': bad timestamp|FATAL|flows,cid=1 bytes=10i",
        "429|too many requests|org acme has exceeded its write limit|RETRIABLE|HTTP 429",
        "503|unavailable|service unavailable, please retry|RETRIABLE|HTTP 503",
        "500|internal error|engine: database is shutting down|RETRIABLE|HTTP 500",
    })
    void classifiesWhatTheServerAnswers(int code, String errorCode, String message, Kind kind, String hint) {
        WriteFailure failure = failedWrite(code, "{\"code\":\"" + errorCode + "\",\"message\":\"" + message.replace("\"", "\\\"")
                + "\"}");

        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(kind);
        assertThat(failure.status()).isEqualTo(code);
        assertThat(failure.getMessage()).contains("HTTP " + code, message, hint, "influx.url=" + url(), "influx.bucket=flows");
        assertThat(failure.getMessage()).doesNotContain(TOKEN);
        assertThat(failure.getCause()).isNull();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        assertThat(julRecords).noneMatch(r -> r.contains(TOKEN));
    }

    @Test
    void badLineProtocolNamesTheLineQuestDbReports() {
        WriteFailure failure = failedWrite(400, "{\"code\":\"invalid\",\"message\":\"failed to parse line protocol:errors "
                + "encountered on line(s):\\nerror in line 2: Could not parse entire line\",\"line\":2,\"errorId\":\"x-1\"}");

        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.FATAL);
        assertThat(failure.getMessage()).contains("error in line 2", "offending line 2 of the batch: " + LINES.get(1));
    }

    @Test
    void aServerThatEchoesTheTokenDoesNotGetItIntoTheMessage() {
        WriteFailure failure = failedWrite(401, "{\"code\":\"unauthorized\",\"message\":\"token " + TOKEN + " unknown\"}");

        assertThat(failure.getMessage()).doesNotContain(TOKEN).contains("[redacted]");
    }

    @Test
    void partialWriteBeyondRetentionIsCountedNotThrown() throws WriteFailure {
        status = 422;
        body = "{\"code\":\"unprocessable entity\",\"message\":\"failure writing points to database: partial write: points "
                + "beyond retention policy dropped=1\"}";
        TransformMetrics metrics = new TransformMetrics();
        try (InfluxWriter writer = writer(url(), 1000, false, Duration.ofSeconds(10), metrics)) {
            writer.write("flows", LINES);
        }

        assertThat(metrics.value("influx-write-rejected-batches")).isEqualTo(1);
        assertThat(metrics.value("influx-write-fatal-failures")).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("beyond retention policy").doesNotContain(TOKEN);
    }

    @Test
    void aClosedPortIsRetriable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        TransformMetrics metrics = new TransformMetrics();
        try (InfluxWriter writer = writer("http://127.0.0.1:" + port, 1000, false, Duration.ofSeconds(5), metrics)) {
            WriteFailure failure = catchThrowableOfType(() -> writer.write("flows", LINES), WriteFailure.class);

            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.RETRIABLE);
            assertThat(failure.status()).isEqualTo(WriteFailure.NO_STATUS);
            assertThat(failure.getMessage()).contains("cannot reach", "influx.url=http://127.0.0.1:" + port)
                    .doesNotContain(TOKEN);
        }
        assertThat(metrics.value("influx-write-retriable-failures")).isEqualTo(1);
    }

    @Test
    void aServerThatNeverAcceptsTheConnectionIsRetriable() throws IOException {
        // A listener whose accept queue is full drops further SYNs: the connect times out, as towards an
        // unroutable address. (Non-local addresses cannot be used here: this machine's network answers
        // every outbound HTTP connection with a 404 of its own.)
        try (ServerSocket blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket socket = new Socket();
                    try {
                        socket.connect(blackhole.getLocalSocketAddress(), 200);
                    } catch (SocketTimeoutException e) {
                        // The queue is full already.
                    }
                    queued.add(socket);
                }
                try (InfluxWriter writer = writer("http://127.0.0.1:" + blackhole.getLocalPort(), 1000, false,
                        Duration.ofMillis(300), new TransformMetrics())) {
                    WriteFailure failure = catchThrowableOfType(() -> writer.write("flows", LINES), WriteFailure.class);

                    assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.RETRIABLE);
                    assertThat(failure.getMessage()).contains("cannot reach").containsIgnoringCase("timeout")
                            .doesNotContain(TOKEN);
                }
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aServerSlowerThanTheReadTimeoutIsRetriable() {
        CountDownLatch release = new CountDownLatch(1);
        server.removeContext("/");
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            // Never answers within the writer's timeout; released when the test is done.
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try (InfluxWriter writer = writer(url(), 1000, false, Duration.ofMillis(300), new TransformMetrics())) {
            WriteFailure failure = catchThrowableOfType(() -> writer.write("flows", LINES), WriteFailure.class);

            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(Kind.RETRIABLE);
            assertThat(failure.getMessage()).containsIgnoringCase("timeout");
        } finally {
            release.countDown();
        }
    }

    /** Copies what is written to System.err into a buffer, and still shows it. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
