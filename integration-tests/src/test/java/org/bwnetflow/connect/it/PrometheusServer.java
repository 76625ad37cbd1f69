package org.bwnetflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.flowctl.testing.Tools;

/**
 * Debian's {@code prometheus} (package prometheus) on 127.0.0.1 with a configuration of its own:
 * it scrapes one target every 2 s, evaluates the given rule file every 2 s and keeps its data in
 * {@code dir}. {@link #close} kills it.
 */
final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, URI api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /** Starts it on {@code port}, scraping {@code target} (host:port) and evaluating {@code rules}; waits until ready. */
    static PrometheusServer start(Path dir, int port, String target, Path rules) throws Exception {
        String prometheus = Tools.require("prometheus", "prometheus");
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 2s",
                "  evaluation_interval: 2s",
                "rule_files:",
                "  - " + rules.toAbsolutePath(),
                "scrape_configs:",
                "  - job_name: bwnetflow-connect",
                "    static_configs:",
                "      - targets: ['" + target + "']", ""));
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(prometheus, "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady();
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** The {@code data.result} of an instant PromQL query (/api/v1/query). */
    JsonNode query(String promql) throws Exception {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return answer.path("data").path("result");
    }

    /** The rule groups Prometheus loaded, with each rule's health (/api/v1/rules). */
    JsonNode ruleGroups() throws Exception {
        return get("/api/v1/rules").path("data").path("groups");
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("prometheus answered " + response.statusCode() + " to " + pathAndQuery + ": "
                    + response.body());
        }
        JsonNode json = JSON.readTree(response.body());
        if (!"success".equals(json.path("status").asText())) {
            throw new AssertionError("prometheus: " + response.body());
        }
        return json;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited " + process.exitValue() + ": " + log());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(api + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // retried until the deadline
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready after " + READY_TIMEOUT.toSeconds() + " s: " + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("prometheus survived SIGKILL");
        }
    }
}
