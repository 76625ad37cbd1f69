package org.bwnetflow.connect.rawflows;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.model.table.FlowsTable;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.rawflows.write.BatchWriter;

/** Configuration of {@link RawFlowsSinkConnector} and its tasks. */
public class RawFlowsSinkConfig extends AbstractConfig {

    public static final String QUESTDB_URL = "questdb.url";
    public static final String QUESTDB_USERNAME = "questdb.username";
    public static final String QUESTDB_PASSWORD = "questdb.password";
    public static final String QUESTDB_TIMEOUT_MS = "questdb.timeout.ms";
    public static final String TABLE_NAME = "table.name";
    public static final String TABLE_CREATE = "table.create";
    public static final String RETENTION_HOURS = "retention.hours";
    public static final String BATCH_MAX_BYTES = "batch.max.bytes";
    public static final String FLUSH_INTERVAL_MS = "flush.interval.ms";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max.attempts";
    public static final String RETRY_BACKOFF_INITIAL_MS = "retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";

    /** QuestDB's TTL is counted in hours here; ten years is more than any partition plan needs. */
    static final int MAX_RETENTION_HOURS = 24 * 366 * 10;

    private static final String GROUP_DATABASE = "QuestDB";
    private static final String GROUP_TABLE = "Table";
    private static final String GROUP_WRITES = "Writes";

    public static final ConfigDef CONFIG_DEF = configDef();

    public RawFlowsSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(QUESTDB_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, DescribedValidator.of("an http or https URL",
                        RawFlowsSinkConfig::checkUrl), Importance.HIGH,
                "Base URL of QuestDB's HTTP server, e.g. http://questdb:9000: rows go to its line protocol endpoint "
                        + "(/write), the table's DDL to /exec.", GROUP_DATABASE, ++order, ConfigDef.Width.LONG, "URL");
        def.define(QUESTDB_USERNAME, Type.STRING, "", DescribedValidator.of("empty, or a name without ':'",
                        RawFlowsSinkConfig::checkUsername), Importance.HIGH,
                "QuestDB's HTTP user (http.user; HTTP Basic authentication). Needs " + QUESTDB_PASSWORD + ". Empty: no "
                        + "login (a QuestDB open to anyone who reaches it).", GROUP_DATABASE, ++order,
                ConfigDef.Width.MEDIUM, "User");
        def.define(QUESTDB_PASSWORD, Type.PASSWORD, "", Importance.HIGH,
                "Password of " + QUESTDB_USERNAME + " (QuestDB's http.password); never logged. Give it through a config "
                        + "provider, e.g. ${file:/etc/kafka/connect-secrets/bwnetflow.properties:questdb.password}: "
                        + "Connect's REST API returns a literal value as it was submitted.",
                GROUP_DATABASE, ++order, ConfigDef.Width.LONG, "Password");
        def.define(QUESTDB_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.between(100, 600_000), Importance.LOW,
                "Connect and request timeout of each request; a timeout is retried.", GROUP_DATABASE, ++order,
                ConfigDef.Width.SHORT, "Timeout");
        defineTable(def);
        defineWrites(def);
        return def;
    }

    private static void defineTable(ConfigDef def) {
        int order = 0;
        def.define(TABLE_NAME, Type.STRING, FlowsTable.DEFAULT_NAME, DescribedValidator.of("lower-case letters, digits "
                        + "and _, starting with a letter, at most 63", RawFlowsSinkConfig::checkTableName), Importance.HIGH,
                "The raw flows table: one row per flow record.", GROUP_TABLE, ++order, ConfigDef.Width.MEDIUM, "Table");
        def.define(RETENTION_HOURS, Type.INT, 48, ConfigDef.Range.between(1, MAX_RETENTION_HOURS), Importance.HIGH,
                "How long rows are kept: the table's TTL. QuestDB drops an hour partition once it lies entirely this "
                        + "far behind the table's newest row (checked when newer rows are committed). Applied at every "
                        + "task start (ALTER TABLE ... SET TTL), so a changed value takes effect with the next start.",
                GROUP_TABLE, ++order, ConfigDef.Width.SHORT, "Retention (hours)");
        def.define(TABLE_CREATE, Type.BOOLEAN, true, Importance.LOW,
                "Create the table if it does not exist, and apply " + RETENTION_HOURS + " and the deduplication keys, "
                        + "before the first write (needs DDL rights). Off: the operator created the table with "
                        + "FlowsTable's statement, and " + RETENTION_HOURS + " is not applied.",
                GROUP_TABLE, ++order, ConfigDef.Width.SHORT, "Create table");
    }

    private static void defineWrites(ConfigDef def) {
        int order = 0;
        def.define(BATCH_MAX_BYTES, Type.INT, 8 << 20, ConfigDef.Range.between(64 << 10, 512 << 20), Importance.MEDIUM,
                "Line protocol bytes of one write request (about 500 bytes a row). QuestDB takes a request whole or not "
                        + "at all; it must fit its line.http.max.recv.buffer.size. One request is written while the "
                        + "next fills, so the task holds about twice this.", GROUP_WRITES, ++order,
                ConfigDef.Width.SHORT, "Batch bytes");
        def.define(FLUSH_INTERVAL_MS, Type.LONG, 1_000L, ConfigDef.Range.between(10, 600_000), Importance.MEDIUM,
                "Longest a row waits before its batch is written, when traffic is too low to fill "
                        + BATCH_MAX_BYTES + ".", GROUP_WRITES, ++order, ConfigDef.Width.SHORT, "Flush interval");
        def.define(RETRY_MAX_ATTEMPTS, Type.INT, Integer.MAX_VALUE, ConfigDef.Range.between(0, Integer.MAX_VALUE),
                Importance.MEDIUM, "Retries of a write that failed because QuestDB did not answer, timed out or "
                        + "answered 5xx or 429, with exponential backoff, before the task fails. The default retries "
                        + "until QuestDB answers: the task stays RUNNING, its consumer lag shows the outage, nothing is "
                        + "committed past unwritten rows and nothing is lost.", GROUP_WRITES, ++order,
                ConfigDef.Width.SHORT, "Retries");
        def.define(RETRY_BACKOFF_INITIAL_MS, Type.LONG, 500L, ConfigDef.Range.atLeast(1), Importance.LOW,
                "First backoff; it doubles per retry (with jitter) up to " + RETRY_BACKOFF_MAX_MS + ".",
                GROUP_WRITES, ++order, ConfigDef.Width.SHORT, "Initial backoff");
        def.define(RETRY_BACKOFF_MAX_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                "Longest backoff between retries.", GROUP_WRITES, ++order, ConfigDef.Width.SHORT, "Max backoff");
    }

    private static void checkUrl(String name, Object value) {
        String text = value == null ? "" : ((String) value).trim();
        // A URL with user:password@ holds a secret: the error shows no part of it.
        Object shown = text.contains("@") ? "[hidden]" : value;
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(name, shown, "not an http or https URL with a host");
            }
            if (uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                throw new ConfigException(name, shown, "must hold no query and no login (give the login in "
                        + QUESTDB_USERNAME + " and " + QUESTDB_PASSWORD + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, shown, "not a URL");
        }
    }

    private static void checkUsername(String name, Object value) {
        if (value != null && ((String) value).indexOf(':') >= 0) {
            throw new ConfigException(name, value, "must not contain ':' (HTTP Basic separates user and password by it)");
        }
    }

    private static void checkTableName(String name, Object value) {
        if (!FlowsTable.isValidName((String) value)) {
            throw new ConfigException(name, value, "must be lower-case letters, digits and _, starting with a letter, "
                    + "at most 63 (it goes into SQL unquoted)");
        }
    }

    /** A problem between keys: the key it is reported on and why (never a secret's value). */
    public record KeyProblem(String key, String message) {
    }

    /** A user needs a password and a password a user; backoffs must fit each other. */
    List<KeyProblem> crossKeyProblems() {
        List<KeyProblem> problems = new ArrayList<>();
        boolean user = !username().isEmpty();
        boolean password = !password().isEmpty();
        if (user && !password) {
            problems.add(new KeyProblem(QUESTDB_PASSWORD, "is required when " + QUESTDB_USERNAME + " is set"));
        }
        if (password && !user) {
            problems.add(new KeyProblem(QUESTDB_USERNAME, "is required when " + QUESTDB_PASSWORD + " is set"));
        }
        if (getLong(RETRY_BACKOFF_MAX_MS) < getLong(RETRY_BACKOFF_INITIAL_MS)) {
            problems.add(new KeyProblem(RETRY_BACKOFF_MAX_MS, "must not be below " + RETRY_BACKOFF_INITIAL_MS));
        }
        return problems;
    }

    /** The first cross-key problem as the exception a start fails with. */
    void checkCrossKeys() {
        List<KeyProblem> problems = crossKeyProblems();
        if (!problems.isEmpty()) {
            KeyProblem first = problems.get(0);
            throw new ConfigException(first.key() + " " + first.message());
        }
    }

    public String url() {
        return getString(QUESTDB_URL).trim();
    }

    public String username() {
        return getString(QUESTDB_USERNAME);
    }

    /** The secret itself: for the Authorization header only. */
    String password() {
        return getPassword(QUESTDB_PASSWORD).value();
    }

    public Duration timeout() {
        return Duration.ofMillis(getInt(QUESTDB_TIMEOUT_MS));
    }

    public String tableName() {
        return getString(TABLE_NAME);
    }

    public boolean createTable() {
        return getBoolean(TABLE_CREATE);
    }

    public int retentionHours() {
        return getInt(RETENTION_HOURS);
    }

    public int batchMaxBytes() {
        return getInt(BATCH_MAX_BYTES);
    }

    public long flushIntervalMillis() {
        return getLong(FLUSH_INTERVAL_MS);
    }

    /** The table's statements a task runs before its first write; none when the operator owns the table. */
    public List<String> tableStatements() {
        if (!createTable()) {
            return List.of();
        }
        return List.of(FlowsTable.createStatement(tableName(), retentionHours()), FlowsTable.dedupStatement(tableName()),
                FlowsTable.retentionStatement(tableName(), retentionHours()));
    }

    public BatchWriter.Retries retries() {
        return new BatchWriter.Retries(Duration.ofMillis(getLong(RETRY_BACKOFF_INITIAL_MS)),
                Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS)), getInt(RETRY_MAX_ATTEMPTS));
    }
}
