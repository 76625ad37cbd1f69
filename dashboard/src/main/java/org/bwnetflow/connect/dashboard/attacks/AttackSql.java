package org.bwnetflow.connect.dashboard.attacks;

import static org.bwnetflow.connect.model.table.DdosTables.ACTION;
import static org.bwnetflow.connect.model.table.DdosTables.ATTACK;
import static org.bwnetflow.connect.model.table.DdosTables.ATTACKS;
import static org.bwnetflow.connect.model.table.DdosTables.BITS_PER_SECOND;
import static org.bwnetflow.connect.model.table.DdosTables.CID;
import static org.bwnetflow.connect.model.table.DdosTables.EVENT;
import static org.bwnetflow.connect.model.table.DdosTables.MITIGATIONS;
import static org.bwnetflow.connect.model.table.DdosTables.PACKETS_PER_SECOND;
import static org.bwnetflow.connect.model.table.DdosTables.REASON;
import static org.bwnetflow.connect.model.table.DdosTables.ROUTE;
import static org.bwnetflow.connect.model.table.DdosTables.ROUTE_KEY;
import static org.bwnetflow.connect.model.table.DdosTables.START;
import static org.bwnetflow.connect.model.table.DdosTables.TARGET;
import static org.bwnetflow.connect.model.table.DdosTables.THRESHOLD_BITS_PER_SECOND;
import static org.bwnetflow.connect.model.table.DdosTables.THRESHOLD_PACKETS_PER_SECOND;
import static org.bwnetflow.connect.model.table.DdosTables.TIMESTAMP;
import static org.bwnetflow.connect.model.table.DdosTables.TOP_PORT;
import static org.bwnetflow.connect.model.table.DdosTables.TOP_PROTOCOL;
import static org.bwnetflow.connect.model.table.DdosTables.TOP_SOURCE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bwnetflow.connect.model.table.DdosTables;

/**
 * The attacks view's SQL over the DDoS sink's tables: every name in it is one of {@link DdosTables}'
 * or an alias of this class, every value (times, the customer, attack ids, the event and action
 * names) a bound parameter, every number (limits) one this class was given as an int. Every
 * statement reads the rows of {@code [from - LOOKBACK, to)} only (an interval scan of the designated
 * timestamp), and for a customer only those with its {@code cid}, which stands first, outside
 * anything else.
 */
final class AttackSql {

    /**
     * How far before the range an attack's events are read: an attack still open at the range's
     * start (with no event in the range) is found when its latest event lies within this, and an
     * attack's peak and start are of its events within this and the range.
     */
    static final Duration LOOKBACK = Duration.ofDays(7);

    private AttackSql() {
    }

    /** A statement and its parameters in order. */
    record Statement(String sql, List<Object> parameters) {
    }

    /**
     * One row per attack of the range ({@code cid, attack, target, started, first_event, last_event,
     * peak_bps, peak_pps, ended, is_open}): those with an event in {@code [from, to)} and those whose
     * latest event before it is not {@code end}; open ones first, then the latest started first, at
     * most {@code limit}. {@code ended} is the time of its latest {@code end} event; an attack is open
     * when it has none or an event after it (an {@code end} in the same second as another event wins).
     */
    static Statement attacks(AttackQuery q, int limit) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(DdosTables.EVENT_END);
        String inner = "SELECT " + CID + ", " + ATTACK + ", " + TARGET + ", min(" + START + ") started, min(" + TIMESTAMP
                + ") first_event, max(" + TIMESTAMP + ") last_event, max(" + BITS_PER_SECOND + ") peak_bps, max("
                + PACKETS_PER_SECOND + ") peak_pps, max(CASE WHEN " + EVENT + " = ? THEN " + TIMESTAMP + " END) ended FROM "
                + ATTACKS + where(q, parameters) + " GROUP BY " + CID + ", " + ATTACK + ", " + TARGET;
        parameters.add(q.from());
        String open = "(ended IS NULL OR ended < last_event)";
        String sql = "SELECT " + CID + ", " + ATTACK + ", " + TARGET + ", started, first_event, last_event, peak_bps, "
                + "peak_pps, ended, CASE WHEN " + open + " THEN 1 ELSE 0 END is_open FROM (" + inner + ") WHERE "
                + "last_event >= ? OR " + open + " ORDER BY is_open DESC, started DESC, " + CID + ", " + ATTACK
                + " LIMIT " + limit;
        return new Statement(sql, parameters);
    }

    /**
     * Per attack of {@code attackIds}, its peak event (the most bits/s; of equal ones the latest):
     * {@code cid, attack, top_protocol, top_port, top_source, threshold_bps, threshold_pps}.
     */
    static Statement peaks(AttackQuery q, List<String> attackIds) {
        List<Object> parameters = new ArrayList<>();
        String columns = TOP_PROTOCOL + ", " + TOP_PORT + ", " + TOP_SOURCE + ", " + THRESHOLD_BITS_PER_SECOND + ", "
                + THRESHOLD_PACKETS_PER_SECOND;
        String ranked = "SELECT " + CID + ", " + ATTACK + ", " + columns + ", row_number() OVER (PARTITION BY " + CID + ", "
                + ATTACK + " ORDER BY " + BITS_PER_SECOND + " DESC, " + TIMESTAMP + " DESC) rank_in_attack FROM " + ATTACKS
                + where(q, parameters) + " AND " + in(ATTACK, attackIds, parameters);
        String sql = "SELECT " + CID + ", " + ATTACK + ", " + columns + " FROM (" + ranked + ") WHERE rank_in_attack = 1";
        return new Statement(sql, parameters);
    }

    /**
     * The mitigation actions of {@code attackIds}, the latest first, at most {@code limit}:
     * {@code cid, attack, timestamp, action, route_key, route, reason}.
     */
    static Statement mitigations(AttackQuery q, List<String> attackIds, int limit) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT " + CID + ", " + ATTACK + ", " + TIMESTAMP + ", " + ACTION + ", " + ROUTE_KEY + ", " + ROUTE
                + ", " + REASON + " FROM " + MITIGATIONS + where(q, parameters) + " AND " + in(ATTACK, attackIds, parameters)
                + " ORDER BY " + TIMESTAMP + " DESC LIMIT " + limit;
        return new Statement(sql, parameters);
    }

    /** How many tables of that name the database has (0 or 1): QuestDB's {@code tables()}. */
    static Statement tableCount(String table) {
        return new Statement("SELECT count() FROM tables() WHERE table_name = ?", List.of(table));
    }

    /**
     * The range with its look-back, then the customer (for a customer's login always set), then the
     * attack asked for.
     */
    private static String where(AttackQuery q, List<Object> parameters) {
        StringBuilder sql = new StringBuilder(" WHERE ");
        if (q.cid() != null) {
            sql.append(CID).append(" = ? AND ");
            parameters.add(Long.toString(q.cid()));
        }
        sql.append(TIMESTAMP).append(" >= ? AND ").append(TIMESTAMP).append(" < ?");
        parameters.add(q.from().minus(LOOKBACK));
        parameters.add(q.to());
        if (q.attack() != null) {
            sql.append(" AND ").append(ATTACK).append(" = ?");
            parameters.add(q.attack());
        }
        return sql.toString();
    }

    /** {@code column IN (?, ...)} of {@code values} (at least one). */
    private static String in(String column, List<String> values, List<Object> parameters) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values for IN");
        }
        parameters.addAll(values);
        return column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")";
    }
}
