package org.bwnetflow.connect.influx.write;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes InfluxDB line protocol (lines already rendered in the configured precision) to the
 * InfluxDB v2 write API ({@code POST /api/v2/write}) of InfluxDB 2/3, InfluxDB 1.8+, QuestDB or
 * VictoriaMetrics, through influxdb-client-java's blocking write API: no client-side buffering
 * or retries, so a returned {@link #write} means the server acknowledged every batch, and a
 * {@link WriteFailure} tells the sink task whether to retry.
 *
 * <p>Large writes are split into batches of at most {@link Settings#batchSize()} lines, sent in
 * order. When batch k fails, batches before k are stored already; the caller retries the whole
 * write, which is harmless because the sink writes window totals with deterministic timestamps
 * (a rewritten point replaces itself).
 *
 * <p>A 422 answer (InfluxDB 2: "partial write: points beyond retention policy dropped=N") is not
 * a failure: the server stored the other points, and the dropped ones would be dropped again on
 * every retry. They are counted ({@code influx-write-rejected-batches}) and logged at a rate limit.
 *
 * <p>The token or password ({@link Credentials}) is handed to the HTTP client only; it is never
 * logged and never part of a message or of {@link #toString()}.
 */
public final class InfluxWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InfluxWriter.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * Where and how to write.
     *
     * @param url the server's base url ({@code influx.url}), e.g. {@code http://127.0.0.1:8086}
     * @param org the organisation ({@code influx.org}); servers without orgs ignore it, but the client needs one
     * @param credentials how to log in: {@code influx.token}, or {@code influx.username} and {@code influx.password}
     * @param precision the precision of the timestamps in the lines
     * @param batchSize at most this many lines per HTTP request
     * @param gzip whether to gzip request bodies
     * @param timeout connect, read and write timeout of each request
     */
    public record Settings(String url, String org, Credentials credentials, WritePrecision precision, int batchSize,
            boolean gzip, Duration timeout) {

        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(precision, "precision");
            Objects.requireNonNull(timeout, "timeout");
            credentials = credentials == null ? Credentials.none() : credentials;
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
        }

        @Override
        public String toString() {
            return "Settings[url=" + FailureClassifier.safeUrl(url) + ", org=" + org + ", " + credentials + ", precision="
                    + precision + ", batchSize=" + batchSize + ", gzip=" + gzip + ", timeout=" + timeout + "]";
        }
    }

    /** Sends one batch; the client's blocking write API in production, a fake in tests. */
    @FunctionalInterface
    public interface BatchSender extends AutoCloseable {
        /** Writes {@code lines} to {@code bucket}; throws what influxdb-client-java throws. */
        void send(String bucket, List<String> lines);

        @Override
        default void close() {
        }
    }

    private final Settings settings;
    private final BatchSender sender;
    private final FailureClassifier classifier;
    private final LongAdder linesWritten;
    private final LongAdder batchesWritten;
    private final LongAdder retriableFailures;
    private final LongAdder fatalFailures;
    private final LongAdder rejectedBatches;
    private long lastWarn = System.nanoTime() - WARN_INTERVAL_NANOS;
    private long suppressedWarnings;

    /**
     * A writer over {@code sender}, counting into {@code metrics} (counters named
     * {@code influx-write-*}; register them with the task's plugin metrics).
     */
    public InfluxWriter(Settings settings, BatchSender sender, TransformMetrics metrics) {
        this.settings = settings;
        this.sender = sender;
        this.classifier = new FailureClassifier(settings.url(), settings.org(), settings.credentials());
        this.linesWritten = metrics.counter("influx-write-lines", "Lines of line protocol the database acknowledged");
        this.batchesWritten = metrics.counter("influx-write-batches", "HTTP write requests the database acknowledged");
        this.retriableFailures = metrics.counter("influx-write-retriable-failures",
                "Write requests that failed with a retriable error (5xx, 429, timeout, connection error)");
        this.fatalFailures = metrics.counter("influx-write-fatal-failures",
                "Write requests that failed with a fatal error (401, 403, 404, 400, ...)");
        this.rejectedBatches = metrics.counter("influx-write-rejected-batches",
                "Write requests answered 422 (points dropped by the server, e.g. beyond the retention period)");
    }

    /** A writer over a new influxdb-client-java client for {@code settings}. */
    public static InfluxWriter open(Settings settings, TransformMetrics metrics) {
        InfluxDBClient client = InfluxDBClientFactory.create(clientOptions(settings));
        if (settings.gzip()) {
            client.enableGzip();
        }
        log.info("InfluxDB writer: {}", settings);
        return new InfluxWriter(settings, new ClientSender(client, settings), metrics);
    }

    static InfluxDBClientOptions clientOptions(Settings settings) {
        long timeoutMs = settings.timeout().toMillis();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
                .url(settings.url())
                .org(settings.org())
                .precision(settings.precision())
                .okHttpClient(http);
        settings.credentials().applyTo(options, http);
        return options.build();
    }

    /**
     * Writes {@code lines} to {@code bucket} in batches of at most the batch size, in order.
     *
     * @throws WriteFailure when a batch fails; earlier batches are stored
     */
    public void write(String bucket, List<String> lines) throws WriteFailure {
        for (int from = 0; from < lines.size(); from += settings.batchSize()) {
            List<String> batch = lines.subList(from, Math.min(lines.size(), from + settings.batchSize()));
            writeBatch(bucket, batch);
        }
    }

    private void writeBatch(String bucket, List<String> batch) throws WriteFailure {
        try {
            sender.send(bucket, batch);
        } catch (RuntimeException e) {
            WriteFailure failure = classifier.classify(e, bucket, batch);
            if (failure.status() == 422) {
                rejected(failure);
                return;
            }
            (failure.retriable() ? retriableFailures : fatalFailures).increment();
            log.debug("Write failed: {}", failure.getMessage());
            throw failure;
        }
        batchesWritten.increment();
        linesWritten.add(batch.size());
        log.trace("Wrote {} lines to bucket {}", batch.size(), bucket);
    }

    private void rejected(WriteFailure failure) {
        rejectedBatches.increment();
        long now = System.nanoTime();
        if (now - lastWarn >= WARN_INTERVAL_NANOS) {
            log.warn("The database dropped points ({} similar warnings suppressed): {}", suppressedWarnings,
                    failure.getMessage());
            lastWarn = now;
            suppressedWarnings = 0;
        } else {
            suppressedWarnings++;
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Closes the HTTP client; a write in progress on another thread fails. */
    @Override
    public void close() {
        try {
            sender.close();
        } catch (RuntimeException e) {
            log.warn("Closing the InfluxDB client failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "InfluxWriter[" + settings + "]";
    }

    /** The real thing: influxdb-client-java's blocking write API (no buffering, no retries of its own). */
    private static final class ClientSender implements BatchSender {
        private final InfluxDBClient client;
        private final WriteApiBlocking api;
        private final String org;
        private final WritePrecision precision;

        ClientSender(InfluxDBClient client, Settings settings) {
            this.client = client;
            this.api = client.getWriteApiBlocking();
            this.org = settings.org();
            this.precision = settings.precision();
        }

        @Override
        public void send(String bucket, List<String> lines) {
            api.writeRecords(bucket, org, precision, lines);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
