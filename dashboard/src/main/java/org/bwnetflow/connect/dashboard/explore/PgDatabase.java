package org.bwnetflow.connect.dashboard.explore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bwnetflow.connect.dashboard.query.StoreException;
import org.bwnetflow.connect.dashboard.query.StoreTimeoutException;

/**
 * QuestDB over its PostgreSQL wire protocol (the JDBC driver): prepared statements whose values are
 * all bound, each cancelled when its view's {@link Deadline} passes, a few connections kept for the
 * next request. The password goes to the driver only; {@link #describe()} and every message name
 * the URL and the user, never it.
 *
 * <p>Stopping a statement at the deadline takes two steps. First the driver's cancel request
 * ({@link Statement#cancel()}), which QuestDB (9.0.3) answers within ~0.1 s with "cancelled by
 * user", but only when one of its network threads is free to accept the request's new connection:
 * with one network thread, the one running the statement, the request waits until the statement
 * ends (that is how views ran past their 10 s). So {@link #ABORT_GRACE_MILLIS} later the connection
 * is aborted (its socket closed); QuestDB's running statement notices the closed client itself and
 * stops. The driver's {@code setQueryTimeout} is the first step alone, in whole seconds.
 */
public final class PgDatabase {

    /** Longest one view (all its statements) may take before the running statement is cancelled. */
    public static final int VIEW_TIMEOUT_SECONDS = 10;
    /** Most rows one statement may answer; every query of the explorer is bounded below this. */
    static final int MAX_ROWS = 100_000;
    private static final int KEPT_CONNECTIONS = 4;
    /** How long after the cancel request the connection is closed, when the statement has not ended. */
    static final long ABORT_GRACE_MILLIS = 1_000;
    /**
     * Daemon threads for every database's cancels and aborts: two, as a cancel request blocks its thread
     * until QuestDB accepts it (at most the driver's cancelSignalTimeout), and an abort must not wait for it.
     */
    private static final ScheduledExecutorService CANCELS = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "explorer-statement-cancel");
        thread.setDaemon(true);
        return thread;
    });

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
        // A socket that stays silent longer than any view may take is dead: no thread waits forever, even
        // when the cancel request is lost.
        login.setProperty("socketTimeout", Integer.toString(VIEW_TIMEOUT_SECONDS + 20));
        login.setProperty("ApplicationName", "bwnetflow-dashboard");
        // Seconds a cancel request may wait to be accepted (the driver's default: 10); the abort follows anyway.
        login.setProperty("cancelSignalTimeout", "1");
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

    /**
     * The rows of a statement, its values bound in order (Instant as a TIMESTAMP), cancelled when
     * {@code deadline} passes ({@link StoreTimeoutException}); none is sent after it.
     */
    public List<Row> query(String sql, List<Object> parameters, Deadline deadline) {
        if (deadline.millisLeft() == 0) {
            throw timedOut(deadline);
        }
        Connection connection = borrow();
        boolean healthy = false;
        AtomicBoolean cancelled = new AtomicBoolean();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setMaxRows(MAX_ROWS);
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, parameters.get(i));
            }
            long left = deadline.millisLeft();
            ScheduledFuture<?> cancel = CANCELS.schedule(() -> cancel(statement, cancelled), left, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> abort = CANCELS.schedule(() -> abort(connection), left + ABORT_GRACE_MILLIS,
                    TimeUnit.MILLISECONDS);
            try {
                List<Row> rows = rows(statement);
                healthy = !cancelled.get();
                return rows;
            } finally {
                cancel.cancel(false);
                abort.cancel(false);
            }
        } catch (SQLException e) {
            if (cancelled.get()) {
                throw timedOut(deadline);
            }
            throw new StoreException(describe() + ": " + e.getMessage(), null);
        } finally {
            giveBack(connection, healthy);
        }
    }

    private static List<Row> rows(PreparedStatement statement) throws SQLException {
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
        return rows;
    }

    private static void cancel(Statement statement, AtomicBoolean cancelled) {
        cancelled.set(true);
        try {
            statement.cancel();
        } catch (SQLException e) {
            // the statement ended meanwhile, or the database is gone: either way nothing runs on
        }
    }

    /** Closes the connection's socket at once: the statement's thread gets an error, QuestDB a closed client. */
    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException e) {
            // closed already
        }
    }

    private static StoreTimeoutException timedOut(Deadline deadline) {
        return new StoreTimeoutException("the view took longer than " + deadline.budget().toSeconds()
                + " s and was stopped: narrow the time range or the filter");
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
