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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's time-series database: QuestDB from its Maven jar in its own JVM, serving the
 * InfluxDB v2 write API ({@code /api/v2/write}), SQL over HTTP ({@code /exec}) and its web
 * console on one HTTP port on 127.0.0.1, all behind the stack's {@link QuestDbLogin} (QuestDB's
 * own HTTP Basic authentication: without it every request but {@code /ping}, {@code /settings}
 * and the console's static files answers 401, DDL over GET included), and the PostgreSQL wire on
 * another port on 127.0.0.1 (when given one) with the same login and a read-only user for the
 * dashboard's explorer. Its {@code conf/server.conf} (mode 0600: it holds the passwords) turns off
 * everything else, none of which would ask for a password (line protocol over TCP 9009 and UDP,
 * the health port 9003, telemetry); its data directory is owner-only. SQL statements given at
 * start (e.g. the sink's tables with {@code DEDUP UPSERT KEYS}) run once it answers.
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
    private final QuestDbLogin login;
    private final StackProcess process;

    /** Threads in each of QuestDB's shared pools (network, query, write); see {@link #writeServerConf}. */
    static final int SHARED_WORKERS = 2;

    private QuestDbServer(Path dataDir, int httpPort, QuestDbLogin login, StackProcess process) {
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.login = login;
        this.process = process;
    }

    /**
     * Starts QuestDB with its data in {@code dataDir}, requiring {@code login}, waits until it
     * answers SQL, then runs {@code initSql} (statements that must be idempotent, e.g.
     * {@code CREATE TABLE IF NOT EXISTS}). {@code pgPort} 0: no PostgreSQL wire.
     */
    public static QuestDbServer start(Path dataDir, int httpPort, int pgPort, QuestDbLogin login, Path logFile,
                                      Path pidFile, boolean detached, List<String> initSql) {
        Objects.requireNonNull(login, "login");
        FreePorts.requireFree(httpPort, "QuestDB HTTP");
        if (pgPort > 0) {
            FreePorts.requireFree(pgPort, "QuestDB PostgreSQL wire");
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        writeServerConf(dir, httpPort, pgPort, login);
        JvmSpec spec = KafkaRuntime.load(CLASSPATH_RESOURCE).jvm(ROLE, MAIN_CLASS, List.of("-d", dir.toString()))
                .withMaxHeap("512m");
        long started = System.nanoTime();
        StackProcess spawned = StackProcess.start(spec, logFile, pidFile, detached);
        QuestDbServer server = new QuestDbServer(dir, httpPort, login, spawned);
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

    /** server.conf, owner-only (PropertiesFile writes 0600), in a data directory only the owner can enter. */
    private static void writeServerConf(Path dir, int httpPort, int pgPort, QuestDbLogin login) {
        try {
            OwnerOnly.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("http.bind.to", BrokerSettings.HOST + ":" + httpPort);
        conf.putAll(login.serverConf());
        // The PostgreSQL wire has a login of its own (default admin/quest): the stack's instead, and the read-only user.
        conf.put("pg.enabled", Boolean.toString(pgPort > 0));
        if (pgPort > 0) {
            conf.put("pg.net.bind.to", BrokerSettings.HOST + ":" + pgPort);
            conf.putAll(login.pgServerConf());
        }
        // Each of these would answer without the password: ILP over TCP (9009) unless given a key file, the
        // "min" health server (9003) at all. The stack needs none of them.
        conf.put("http.min.enabled", "false");
        conf.put("line.tcp.enabled", "false");
        conf.put("line.udp.enabled", "false");
        conf.put("telemetry.enabled", "false");
        // Two network threads: with one, the thread running a long query is the only one that could accept the
        // dashboard's cancel request for it. Two query threads: the explorer's filters and GROUP BYs run on both
        // cores of a small machine (EXPLAIN: "Async JIT Group By workers: 2"); see docs/BENCHMARKS.md.
        conf.put("shared.worker.count", Integer.toString(SHARED_WORKERS));
        PropertiesFile.write(dir.resolve("conf").resolve("server.conf"), "Written by local-stack QuestDbServer (secret)",
                conf);
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

    public QuestDbLogin login() {
        return login;
    }

    /** Runs one SQL statement; the JSON answer. Fails with QuestDB's message on an error. */
    public String exec(String sql) {
        return exec(url(), login, sql);
    }

    /** Runs one SQL statement on the QuestDB at {@code baseUrl}, logged in with {@code login}. */
    public static String exec(String baseUrl, QuestDbLogin login, String sql) {
        URI uri = URI.create(baseUrl + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", login.authorizationHeader()).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 401) {
                throw new StackException("QuestDB at " + baseUrl + " refused the login of " + login.passwordFile()
                        + " (HTTP 401): was it started by another home? flowstack down, then up");
            }
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
