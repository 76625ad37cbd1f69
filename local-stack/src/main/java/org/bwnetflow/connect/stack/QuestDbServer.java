package org.bwnetflow.connect.stack;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's time-series database: QuestDB from its Maven jar in its own JVM, serving the
 * InfluxDB v2 write API ({@code /api/v2/write}), SQL over HTTP ({@code /exec}) and its web
 * console on one HTTP port on 127.0.0.1. Its {@code conf/server.conf} turns off everything else
 * (PostgreSQL wire, line protocol over TCP/UDP, the health port, telemetry). SQL statements
 * given at start (e.g. the sink's tables with {@code DEDUP UPSERT KEYS}) run once it answers.
 */
public final class QuestDbServer {

    private static final Logger log = LoggerFactory.getLogger(QuestDbServer.class);

    public static final String CLASSPATH_RESOURCE = "questdb.classpath";
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final String MAIN_CLASS = "io.questdb.ServerMain";
    private static final String ROLE = "questdb";
    /** One client for every query: each HttpClient owns its own threads and connection pool. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path dataDir;
    private final int httpPort;
    private final StackProcess process;

    private QuestDbServer(Path dataDir, int httpPort, StackProcess process) {
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.process = process;
    }

    /**
     * Starts QuestDB with its data in {@code dataDir}, waits until it answers SQL, then runs
     * {@code initSql} (statements that must be idempotent, e.g. {@code CREATE TABLE IF NOT EXISTS}).
     */
    public static QuestDbServer start(Path dataDir, int httpPort, Path logFile, Path pidFile, boolean detached,
                                      List<String> initSql) {
        FreePorts.requireFree(httpPort, "QuestDB HTTP");
        Path dir = dataDir.toAbsolutePath().normalize();
        writeServerConf(dir, httpPort);
        JvmSpec spec = KafkaRuntime.load(CLASSPATH_RESOURCE).jvm(ROLE, MAIN_CLASS, List.of("-d", dir.toString()))
                .withMaxHeap("512m");
        long started = System.nanoTime();
        StackProcess spawned = StackProcess.start(spec, logFile, pidFile, detached);
        QuestDbServer server = new QuestDbServer(dir, httpPort, spawned);
        try {
            Readiness.await("QuestDB at " + server.url(), spawned, READY_TIMEOUT, () -> server.exec("select 1") != null);
            for (String sql : initSql) {
                server.exec(sql);
            }
        } catch (RuntimeException e) {
            spawned.kill();
            throw e;
        }
        log.info("QuestDB ready at {} (pid {}) after {} ms", server.url(), spawned.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return server;
    }

    private static void writeServerConf(Path dir, int httpPort) {
        PropertiesFile.write(dir.resolve("conf").resolve("server.conf"), "Written by local-stack QuestDbServer",
                Map.of("http.bind.to", BrokerSettings.HOST + ":" + httpPort,
                        "http.min.enabled", "false",
                        "pg.enabled", "false",
                        "line.tcp.enabled", "false",
                        "line.udp.enabled", "false",
                        "telemetry.enabled", "false",
                        "shared.worker.count", "1"));
    }

    /** The statements of a SQL file, split at semicolons that end a line; {@code --} comment lines dropped. */
    public static List<String> readSqlFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (trimmed.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** Base URL: the InfluxDB v2 write API ({@code influx.url}), SQL at /exec, the web console at /. */
    public String url() {
        return "http://" + BrokerSettings.HOST + ":" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Runs one SQL statement; the JSON answer. Fails with QuestDB's message on an error. */
    public String exec(String sql) {
        return exec(url(), sql);
    }

    public static String exec(String baseUrl, String sql) {
        URI uri = URI.create(baseUrl + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new StackException("QuestDB answered " + response.statusCode() + " to '" + sql + "': "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("QuestDB at " + baseUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while querying QuestDB", e);
        }
    }

    public void stop() {
        process.stop();
    }
}
