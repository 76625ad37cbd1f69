package org.bwnetflow.connect.influx.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real VictoriaMetrics (the Debian package {@code victoria-metrics}, 1.79.5 on Debian 12) on
 * 127.0.0.1 on a free port, storing in a directory of the test's, with
 * {@code -dedup.minScrapeInterval=1ms} (a sample rewritten with the same timestamp replaces the
 * old one: in 1.79.5 the one written last wins; newer releases keep the largest value instead)
 * and {@code -retentionPeriod=100y} (test points may carry old timestamps). Fails loudly when the
 * binary is missing: {@code bin/test-all} installs it.
 *
 * <p>What VictoriaMetrics does with the InfluxDB write API ({@code /api/v2/write}, {@code /write},
 * checked against 1.79.5): it answers 204 and ignores the token, the {@code org} and the
 * {@code bucket}; each field becomes a series named {@code <measurement>_<field>} (e.g.
 * {@code flows_bytes}) with the tags as labels; {@code precision} is honoured and samples are
 * stored in milliseconds. It parses the body after answering: a malformed line is not a 400
 * (it is logged and skipped or read as 0), so a bad line shows up only in the data.
 * Samples become visible to queries after {@link #forceFlush()}.
 */
public final class VictoriaMetricsFixture implements AutoCloseable {

    public static final String BINARY = "/usr/bin/victoria-metrics";

    /** One exported series: its name, labels and raw samples (timestamps in ms). */
    public record Series(String name, Map<String, String> labels, List<Double> values, List<Long> timestamps) {
        public double sum() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final Path dir;
    private final int port;
    private Process process;

    private VictoriaMetricsFixture(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts VictoriaMetrics with its data in {@code dir} on a free port and waits until it is healthy. */
    public static VictoriaMetricsFixture start(Path dir) {
        if (!Files.isExecutable(Paths.get(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install victoria-metrics (bin/test-all does)");
        }
        VictoriaMetricsFixture fixture = new VictoriaMetricsFixture(dir, Http.freePort());
        fixture.start();
        return fixture;
    }

    /** (Re)starts the server on the same directory and port. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("VictoriaMetrics is running already");
        }
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(BINARY, "-httpListenAddr=127.0.0.1:" + port,
                    "-storageDataPath=" + dir.resolve("data"), "-retentionPeriod=100y", "-dedup.minScrapeInterval=1ms",
                    "-search.latencyOffset=0s", "-search.disableCache", "-loggerLevel=WARN");
            builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("victoria-metrics.out").toFile()));
            process = builder.start();
            Process started = process;
            // A test JVM that dies without close() must not leave the server running.
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop-VictoriaMetrics"));
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("VictoriaMetrics exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("victoria-metrics.out")));
            }
            if (Http.answers(url() + "/health")) {
                return;
            }
            sleep(50);
        }
        stop();
        throw new IllegalStateException("VictoriaMetrics did not answer on " + url() + " within 30 s");
    }

    /** The url for {@code influx.url}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Makes every sample received so far visible to queries ({@code /internal/force_flush}). */
    public void forceFlush() {
        Http.getOk(url() + "/internal/force_flush");
    }

    /**
     * The raw samples of every series matching the series selector {@code match} (e.g.
     * {@code flows_bytes} or {@code {__name__=~"flows_.*",cid="1"}}), after a flush, via
     * {@code /api/v1/export} (deduplicated as configured), ordered by name and labels.
     */
    public List<Series> export(String match) {
        forceFlush();
        String body = Http.getOk(url() + "/api/v1/export?match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8)
                + "&start=0");
        List<Series> series = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                series.add(parse(JsonParser.parseString(line).getAsJsonObject()));
            }
        }
        series.sort((a, b) -> (a.name() + a.labels()).compareTo(b.name() + b.labels()));
        return series;
    }

    /** The sum of every raw sample of every series matching {@code match}. */
    public double sum(String match) {
        return export(match).stream().mapToDouble(Series::sum).sum();
    }

    private static Series parse(JsonObject json) {
        Map<String, String> labels = new TreeMap<>();
        String name = null;
        for (Map.Entry<String, JsonElement> label : json.getAsJsonObject("metric").entrySet()) {
            if ("__name__".equals(label.getKey())) {
                name = label.getValue().getAsString();
            } else {
                labels.put(label.getKey(), label.getValue().getAsString());
            }
        }
        List<Double> values = new ArrayList<>();
        json.getAsJsonArray("values").forEach(v -> values.add(v.getAsDouble()));
        List<Long> timestamps = new ArrayList<>();
        json.getAsJsonArray("timestamps").forEach(t -> timestamps.add(t.getAsLong()));
        return new Series(name, labels, values, timestamps);
    }

    /** Stops the server (SIGTERM, SIGKILL after 20 s): the port is closed until {@link #start()}. */
    public synchronized void stop() {
        if (process != null) {
            Http.stop(process);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
