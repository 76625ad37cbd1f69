package org.bwnetflow.connect.dashboard.explore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bwnetflow.connect.dashboard.query.StoreException;

/**
 * QuestDB over its PostgreSQL wire protocol (the JDBC driver): prepared statements whose values are
 * all bound, each with a timeout, a few connections kept for the next request. The password goes to
 * the driver only; {@link #describe()} and every message name the URL and the user, never it.
 */
public final class PgDatabase {

    /** Longest a statement may run before the driver cancels it. */
    public static final int STATEMENT_TIMEOUT_SECONDS = 10;
    /** Most rows one statement may answer; every query of the explorer is bounded below this. */
    static final int MAX_ROWS = 100_000;
    private static final int KEPT_CONNECTIONS = 4;

    private final String url;
    private final Properties login = new Properties();
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(KEPT_CONNECTIONS);

    /** {@code url}: jdbc:postgresql://HOST:PORT/qdb, without credentials in it. */
    public PgDatabase(String url, String user, char[] password) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("the PostgreSQL URL starts with jdbc:postgresql://");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password")) {
            throw new IllegalArgumentException("the PostgreSQL URL holds no password: give it in a file");
        }
        this.url = url;
        login.setProperty("user", user);
        login.setProperty("password", new String(password));
        login.setProperty("connectTimeout", "5");
        login.setProperty("loginTimeout", "5");
        // A socket that stays silent longer than any statement may run is dead: no thread waits forever.
        login.setProperty("socketTimeout", Integer.toString(STATEMENT_TIMEOUT_SECONDS + 20));
        login.setProperty("ApplicationName", "bwnetflow-dashboard");
    }

    /** A row of an answer: its columns as Long, Double, String, Instant or null. */
    public record Row(List<Object> values) {

        public Object get(int i) {
            return values.get(i);
        }

        public long count(int i) {
            Object value = values.get(i);
            return value == null ? 0 : ((Number) value).longValue();
        }
    }

    /** The rows of a statement, its values bound in order (Instant as a TIMESTAMP). */
    public List<Row> query(String sql, List<Object> parameters) {
        Connection connection = borrow();
        boolean healthy = false;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            statement.setMaxRows(MAX_ROWS);
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, parameters.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> values = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        values.add(value(result, c));
                    }
                    rows.add(new Row(values));
                }
            }
            healthy = true;
            return rows;
        } catch (SQLException e) {
            throw new StoreException(describe() + ": " + e.getMessage(), null);
        } finally {
            giveBack(connection, healthy);
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant time) {
            statement.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else {
            throw new IllegalArgumentException("no parameter of type " + (value == null ? "null" : value.getClass()));
        }
    }

    private static Object value(ResultSet result, int column) throws SQLException {
        Object value = result.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp time) {
            return time.toInstant();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return value instanceof Long || value instanceof Double ? value : value.toString();
    }

    private Connection borrow() {
        Connection kept = idle.poll();
        if (kept != null) {
            return kept;
        }
        try {
            return DriverManager.getConnection(url, login);
        } catch (SQLException e) {
            throw new StoreException(describe() + " did not let the dashboard in: " + e.getMessage()
                    + " (check --questdb-pg-url, --questdb-pg-user and --questdb-pg-password-file)", null);
        }
    }

    /** A connection after an error may be in any state: closed, never kept. */
    private void giveBack(Connection connection, boolean healthy) {
        if (healthy && idle.offer(connection)) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // gone already
        }
    }

    /** Where the explorer reads (URL and user; no password). */
    public String describe() {
        return "QuestDB's PostgreSQL wire at " + url + " as " + login.getProperty("user");
    }
}
