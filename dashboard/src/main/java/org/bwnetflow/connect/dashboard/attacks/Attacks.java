package org.bwnetflow.connect.dashboard.attacks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.dashboard.attacks.AttackList.Attack;
import org.bwnetflow.connect.dashboard.attacks.AttackList.Mitigation;
import org.bwnetflow.connect.dashboard.attacks.AttackList.Rates;
import org.bwnetflow.connect.dashboard.attacks.AttackList.Route;
import org.bwnetflow.connect.dashboard.attacks.AttackList.Top;
import org.bwnetflow.connect.dashboard.explore.Deadline;
import org.bwnetflow.connect.dashboard.explore.PgDatabase;
import org.bwnetflow.connect.dashboard.query.StoreException;
import org.bwnetflow.connect.model.ProtocolNumbers;
import org.bwnetflow.connect.model.table.DdosTables;

/**
 * The attacks view: the DDoS sink's attacks of a range with their mitigation routes, read over
 * QuestDB's PostgreSQL wire ({@link PgDatabase}: prepared statements, every value bound) in three
 * statements ({@link AttackSql}) that share one {@link Deadline}: the attacks, their peak events,
 * their mitigation actions. A customer's statements all have its cid.
 */
public final class Attacks {

    /** Most attacks one answer lists. */
    public static final int MAX_ATTACKS = 100;
    /** Most mitigation actions one answer holds (the latest kept). */
    public static final int MAX_ACTIONS = 5_000;

    private final PgDatabase database;
    private final Duration timeout;

    public Attacks(PgDatabase database) {
        this(database, Duration.ofSeconds(PgDatabase.VIEW_TIMEOUT_SECONDS));
    }

    /** {@code timeout}: how long one answer may take in all its statements. */
    public Attacks(PgDatabase database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    public String describe() {
        return database.describe();
    }

    /** The attacks {@code q} asks for, open ones first, each with its routes and actions. */
    public AttackList list(AttackQuery q) {
        Deadline deadline = Deadline.after(timeout);
        AttackSql.Statement statement = AttackSql.attacks(q, MAX_ATTACKS + 1);
        List<PgDatabase.Row> rows;
        try {
            rows = database.query(statement.sql(), statement.parameters(), deadline);
        } catch (StoreException e) {
            if (!hasTable(DdosTables.ATTACKS, deadline)) {
                return AttackList.withoutTables();
            }
            throw e;
        }
        boolean truncated = rows.size() > MAX_ATTACKS;
        rows = truncated ? rows.subList(0, MAX_ATTACKS) : rows;
        if (rows.isEmpty()) {
            return new AttackList(List.of(), false, true);
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(r -> (String) r.get(1)).toList()));
        Map<String, PgDatabase.Row> peaks = new HashMap<>();
        AttackSql.Statement peakStatement = AttackSql.peaks(q, ids);
        for (PgDatabase.Row row : database.query(peakStatement.sql(), peakStatement.parameters(), deadline)) {
            peaks.put(key(row), row);
        }
        AttackSql.Statement actionStatement = AttackSql.mitigations(q, ids, MAX_ACTIONS + 1);
        List<PgDatabase.Row> actionRows = database.query(actionStatement.sql(), actionStatement.parameters(), deadline);
        truncated |= actionRows.size() > MAX_ACTIONS;
        Map<String, List<Mitigation>> actions = new HashMap<>();
        for (int i = Math.min(MAX_ACTIONS, actionRows.size()) - 1; i >= 0; i--) { // the latest came first
            PgDatabase.Row row = actionRows.get(i);
            actions.computeIfAbsent(key(row), k -> new ArrayList<>()).add(new Mitigation(millis(row.get(2)),
                    text(row.get(3)), text(row.get(4)), text(row.get(5)), text(row.get(6))));
        }
        List<Attack> attacks = new ArrayList<>();
        for (PgDatabase.Row row : rows) {
            attacks.add(attack(row, peaks.get(key(row)), actions.getOrDefault(key(row), List.of()), q.to()));
        }
        return new AttackList(attacks, truncated, true);
    }

    /** Whether the database has the table (a database that does not answer: the error). */
    private boolean hasTable(String table, Deadline deadline) {
        AttackSql.Statement statement = AttackSql.tableCount(table);
        return database.query(statement.sql(), statement.parameters(), deadline).get(0).count(0) > 0;
    }

    /** An attack from its row of {@link AttackSql#attacks}, its peak event's row and its actions in time order. */
    private static Attack attack(PgDatabase.Row row, PgDatabase.Row peak, List<Mitigation> actions, Instant to) {
        Long started = (Long) row.get(3);
        long firstEvent = seconds(row.get(4));
        long lastEvent = seconds(row.get(5));
        boolean open = row.count(9) == 1;
        long start = started == null ? firstEvent : started;
        Long end = open ? null : seconds(row.get(8));
        long duration = Math.max(0, (open ? to.getEpochSecond() : end) - start);
        Rates threshold = peak == null ? new Rates(null, null) : new Rates((Long) peak.get(5), (Long) peak.get(6));
        Top top = peak == null ? new Top(null, null, null, null) : new Top((Long) peak.get(2),
                peak.get(2) == null ? null : ProtocolNumbers.name((Long) peak.get(2)), (Long) peak.get(3),
                emptyAsNull(peak.get(4)));
        List<Route> routes = routes(actions);
        return new Attack(text(row.get(0)), text(row.get(1)), text(row.get(2)), open, start, end, lastEvent, duration,
                new Rates((Long) row.get(6), (Long) row.get(7)), threshold, top,
                routes.stream().anyMatch(Route::announced), routes, actions);
    }

    /**
     * The routes of an attack's actions (in time order), by route key in the order of their first
     * action: announced after an announce or a restore, no longer after a withdraw or an orphan withdraw;
     * the other actions (refused, failed, dry runs) change nothing.
     */
    static List<Route> routes(List<Mitigation> actions) {
        Map<String, Route> routes = new LinkedHashMap<>();
        for (Mitigation action : actions) {
            Route before = routes.get(action.routeKey());
            boolean announced = before != null && before.announced();
            if (DdosTables.ANNOUNCING_ACTIONS.contains(action.action())) {
                announced = true;
            } else if (DdosTables.WITHDRAWING_ACTIONS.contains(action.action())) {
                announced = false;
            }
            String route = action.route() == null && before != null ? before.route() : action.route();
            routes.put(action.routeKey(), new Route(action.routeKey(), route, action.action(), action.time(), announced));
        }
        return new ArrayList<>(routes.values());
    }

    /** Customer and attack: attack ids need not be unique across customers. */
    private static String key(PgDatabase.Row row) {
        return row.get(0) + "\n" + row.get(1);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String emptyAsNull(Object value) {
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }

    private static long seconds(Object time) {
        return ((Instant) time).getEpochSecond();
    }

    private static long millis(Object time) {
        return ((Instant) time).toEpochMilli();
    }
}
