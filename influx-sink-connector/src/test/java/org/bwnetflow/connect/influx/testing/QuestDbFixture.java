package org.bwnetflow.connect.influx.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.questdb.ServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real QuestDB 9.0.3 (the {@code org.questdb:questdb} jar from Maven, which needs nothing else)
 * in its own JVM, with its data in a directory of the test's, serving HTTP on 127.0.0.1 on a free
 * port; PostgreSQL wire (unless {@link #startWithPgWire}), ILP over TCP/UDP, the "min" health server
 * and telemetry are off. A child
 * JVM rather than in-process: {@link #stop()} is a real outage (process gone, port closed) and
 * {@link #start()} restarts on the same directory and port, QuestDB's static state and its
 * stdout logging stay out of the test JVM, and the integration tests can kill it. It is ready
 * about 2 s after the start; its log is {@code questdb.out} in the directory.
 *
 * <p>As in the local stack, it requires a password (QuestDB's own HTTP Basic authentication,
 * {@code http.user}/{@code http.password}, given to the child through its environment, never on
 * its command line): every endpoint but {@code /ping}, {@code /settings} and the web console's
 * static files answers 401 without {@link #user()} and {@link #password()}, the InfluxDB v2 write
 * API included, and {@code Authorization: Token ...} is refused as well (tokens are QuestDB
 * Enterprise's). {@link #exec} and the readiness probe log in; {@link #sinkConfig()} gives a
 * connector the same login.
 *
 * <p>What QuestDB does with the InfluxDB v2 write API ({@code POST /api/v2/write}, checked
 * against 9.0.3): it answers 204 and ignores the {@code org} and the {@code bucket}; the measurement is the table, created on first write
 * unless it exists (as a WAL table partitioned by day without dedup, so create it first with
 * {@link #createDedupTable} to get InfluxDB's "same series and time overwrites" semantics). Tags
 * become SYMBOL columns, integer fields ({@code 5i}) LONG, the time the designated
 * {@code timestamp} column. {@code precision} is honoured (s, ms, us, ns); an unknown precision
 * and unparsable lines answer 400 with a JSON body {@code {"code":"invalid","message":"failed to
 * parse line protocol:errors encountered on line(s): error in line 1: ...","line":1,...}} (a float
 * written into a LONG column is a 400 too). It does not accept gzip request bodies: 415 "gzip
 * encoding is not supported", so writers must have gzip off. WAL tables apply writes asynchronously: call
 * {@link #awaitApplied} before reading what was written.
 */
public final class QuestDbFixture implements AutoCloseable {

    /** QuestDB's {@code http.user} in every fixture. */
    public static final String USER = "flowstack";

    /** QuestDB's read-only PostgreSQL user ({@code pg.readonly.user}) when the wire is on. */
    public static final String READONLY_USER = "explorer";

    private final Path dir;
    private final int port;
    /** The PostgreSQL wire's port; 0 when it is off (the default). */
    private final int pgPort;
    private final String readonlyPassword;
    /** QuestDB's {@code http.password}: random per fixture, so that no test can pass by knowing it. */
    private final String password;
    private Process process;

    private QuestDbFixture(Path dir, int port, int pgPort) {
        this.dir = dir;
        this.port = port;
        this.pgPort = pgPort;
        this.password = randomPassword();
        this.readonlyPassword = randomPassword();
    }

    private static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Starts QuestDB with its data in {@code dir} on a free port and waits until it answers SQL. */
    public static QuestDbFixture start(Path dir) {
        QuestDbFixture fixture = new QuestDbFixture(dir, Http.freePort(), 0);
        fixture.start();
        return fixture;
    }

    /**
     * As {@link #start(Path)}, with the PostgreSQL wire on as well, on 127.0.0.1 and another free port:
     * user {@link #USER} with {@link #password()} (QuestDB's default admin/quest replaced) and the
     * read-only user {@link #READONLY_USER} with {@link #readonlyPassword()}.
     */
    public static QuestDbFixture startWithPgWire(Path dir) {
        QuestDbFixture fixture = new QuestDbFixture(dir, Http.freePort(), Http.freePort());
        fixture.start();
        return fixture;
    }

    /** (Re)starts the server on the same directory and port; waits until it answers SQL. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("QuestDB is running already");
        }
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseParallelGC", "-cp", questDbJar().toString(), ServerMain.class.getName(),
                    "-d", dir.toString());
            Map<String, String> env = builder.environment();
            env.put("QDB_HTTP_BIND_TO", "127.0.0.1:" + port);
            env.put("QDB_HTTP_MIN_ENABLED", "false");
            env.put("QDB_PG_ENABLED", Boolean.toString(pgPort > 0));
            if (pgPort > 0) {
                env.put("QDB_PG_NET_BIND_TO", "127.0.0.1:" + pgPort);
                env.put("QDB_PG_USER", USER);
                env.put("QDB_PG_PASSWORD", password);
                env.put("QDB_PG_READONLY_USER_ENABLED", "true");
                env.put("QDB_PG_READONLY_USER", READONLY_USER);
                env.put("QDB_PG_READONLY_PASSWORD", readonlyPassword);
            }
            env.put("QDB_LINE_TCP_ENABLED", "false");
            env.put("QDB_LINE_UDP_ENABLED", "false");
            env.put("QDB_TELEMETRY_ENABLED", "false");
            // With the PostgreSQL wire as in the local stack (QuestDbServer.SHARED_WORKERS): two threads per pool.
            env.put("QDB_SHARED_WORKER_COUNT", pgPort > 0 ? "2" : "1");
            env.put("QDB_HTTP_USER", USER);
            env.put("QDB_HTTP_PASSWORD", password);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("questdb.out").toFile()));
            process = builder.start();
            Process started = process;
            // A test JVM that dies without close() must not leave the server running.
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop-QuestDB"));
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path questDbJar() {
        try {
            return Paths.get(ServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the QuestDB jar (org.questdb:questdb must be a test dependency)", e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String probe = baseUrl() + "/exec?query=" + URLEncoder.encode("select 1", StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("QuestDB exited with " + process.exitValue() + ": " + tail());
            }
            if (Http.answers(probe, authorization())) {
                return;
            }
            sleep(100);
        }
        stop();
        throw new IllegalStateException("QuestDB did not answer on " + baseUrl() + " within 60 s: " + tail());
    }

    private String tail() throws IOException {
        String out = Files.readString(dir.resolve("questdb.out"));
        return out.length() <= 4000 ? out : out.substring(out.length() - 4000);
    }

    /** The url for {@code influx.url}. */
    public String url() {
        return baseUrl();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the PostgreSQL wire (of {@link #startWithPgWire}). */
    public String pgUrl() {
        if (pgPort == 0) {
            throw new IllegalStateException("started without the PostgreSQL wire");
        }
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
    }

    /** The read-only PostgreSQL user's password (of {@link #startWithPgWire}). */
    public String readonlyPassword() {
        return readonlyPassword;
    }

    /** QuestDB's HTTP user ({@code influx.username} of a sink that writes here). */
    public String user() {
        return USER;
    }

    /** QuestDB's HTTP password ({@code influx.password} of a sink that writes here). */
    public String password() {
        return password;
    }

    /** The {@code Authorization} header value that logs in. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The Influx sink's keys that make it write here: {@code influx.url}, {@code influx.username}, {@code influx.password}. */
    public Map<String, String> sinkConfig() {
        return Map.of("influx.url", url(), "influx.username", USER, "influx.password", password);
    }

    /**
     * Runs one SQL statement over {@code GET /exec}; the rows as column name to value (LONG/INT
     * columns as {@link Long}, DOUBLE/FLOAT as {@link Double}, everything else as text, e.g.
     * timestamps as {@code 2023-11-14T22:13:20.000000Z}); no rows for DDL.
     *
     * @throws IllegalStateException with QuestDB's error text when the statement fails
     */
    public List<Map<String, Object>> exec(String sql) {
        String body = Http.getOk(baseUrl() + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8),
                authorization());
        JsonObject answer = JsonParser.parseString(body).getAsJsonObject();
        if (answer.has("error")) {
            throw new IllegalStateException("QuestDB: " + answer.get("error").getAsString() + " in: " + sql);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!answer.has("dataset")) {
            return rows;
        }
        JsonArray columns = answer.getAsJsonArray("columns");
        for (JsonElement row : answer.getAsJsonArray("dataset")) {
            JsonArray values = row.getAsJsonArray();
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                JsonObject column = columns.get(i).getAsJsonObject();
                map.put(column.get("name").getAsString(), value(column.get("type").getAsString(), values.get(i)));
            }
            rows.add(map);
        }
        return rows;
    }

    private static Object value(String type, JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return null;
        }
        return switch (type) {
            case "LONG", "INT", "SHORT", "BYTE" -> value.getAsLong();
            case "DOUBLE", "FLOAT" -> value.getAsDouble();
            default -> value.getAsString();
        };
    }

    /**
     * Creates a WAL table {@code name} partitioned by day with SYMBOL columns for the tags, LONG
     * columns for the fields, the designated timestamp {@code timestamp} and
     * {@code DEDUP UPSERT KEYS(timestamp, tags...)}: writing a point with the same tags and time
     * again replaces the old row, as in InfluxDB.
     */
    public void createDedupTable(String name, List<String> symbolTags, List<String> longFields) {
        // Names quoted: tags such as 'partition' are SQL keywords.
        StringBuilder sql = new StringBuilder("CREATE TABLE \"").append(name).append("\" (");
        symbolTags.forEach(tag -> sql.append('"').append(tag).append("\" SYMBOL, "));
        longFields.forEach(field -> sql.append('"').append(field).append("\" LONG, "));
        sql.append("timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp");
        symbolTags.forEach(tag -> sql.append(", \"").append(tag).append('"'));
        sql.append(')');
        exec(sql.toString());
    }

    /** Runs the statements of a SQL file such as the shipped tables.sql ({@code --} comments, statements ending in ';'). */
    public void execFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Comments first: they may hold a ';'.
        String sql = String.join(" ", text.lines().filter(line -> !line.strip().startsWith("--")).toList());
        for (String statement : sql.split(";")) {
            if (!statement.isBlank()) {
                exec(statement);
            }
        }
    }

    /**
     * Waits until every write the server acknowledged to WAL table {@code table} is applied and
     * visible to queries; fails when the table is suspended (QuestDB could not apply a write).
     */
    public void awaitApplied(String table) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String sql = "SELECT suspended, writerTxn, sequencerTxn FROM wal_tables() WHERE name = '" + table.replace("'", "''")
                + "'";
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> rows = exec(sql);
            if (!rows.isEmpty()) {
                Map<String, Object> row = rows.get(0);
                if ("true".equals(row.get("suspended"))) {
                    throw new IllegalStateException("QuestDB suspended table " + table + ": see " + dir.resolve("questdb.out"));
                }
                if ((Long) row.get("writerTxn") >= (Long) row.get("sequencerTxn")) {
                    return;
                }
            }
            sleep(50);
        }
        throw new IllegalStateException("QuestDB did not apply the writes to " + table + " within 60 s");
    }

    /** Stops the server (SIGTERM, SIGKILL after 20 s): the port is closed until {@link #start()}. */
    public synchronized void stop() {
        if (process != null) {
            Http.stop(process);
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
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
