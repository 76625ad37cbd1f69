package org.bwnetflow.connect.model.table;

import java.util.ArrayList;
import java.util.List;

/**
 * The DDoS sink's two QuestDB tables, written through the InfluxDB line protocol (tags become SYMBOL
 * columns, fields LONG, the point's time the designated {@value #TIMESTAMP}), and read by the
 * dashboard's attacks view. The shipped {@code connect-configs/questdb/tables.sql} creates both with
 * {@link #createAttacksStatement()} and {@link #createMitigationsStatement()} (a test checks it).
 *
 * <p>{@value #ATTACKS}: one point per event of an attack, at the event's second. Tags {@value #CID},
 * {@value #TARGET} (the attacked address), {@value #ATTACK} (the attack's stable id, the same for all
 * its events), {@value #EVENT} ({@value #EVENT_START}, {@value #EVENT_UPDATE}, {@value #EVENT_END}) and
 * {@value #TOP_SOURCE} (the heaviest source address, may be absent); fields {@value #START} (Unix
 * seconds when the attack started), the rates, the thresholds, {@value #TOP_PROTOCOL} (IP protocol
 * number) and {@value #TOP_PORT} (destination port). Deduplicated on time, attack and event.
 *
 * <p>{@value #MITIGATIONS}: the audit trail of the mitigation routes, one point per action at the wall
 * clock's time. Tags {@value #CID}, {@value #ATTACK}, {@value #TARGET}, {@value #ACTION} (one of
 * {@link #ACTIONS}), {@value #ROUTE_KEY} (the route's identity), {@value #ROUTE} (its description, e.g.
 * "blackhole 10.0.0.5/32 next-hop 192.0.2.1 ...") and {@value #REASON}; field {@value #COUNT} (1).
 * Deduplicated on time, route key and action.
 */
public final class DdosTables {

    /** The attacks' events. */
    public static final String ATTACKS = "ddos_attacks";
    /** The mitigation routes' actions. */
    public static final String MITIGATIONS = "ddos_mitigations";

    /** Both tables' designated timestamp (the line protocol's point time). */
    public static final String TIMESTAMP = "timestamp";

    // Tags of both tables.
    /** The customer id. */
    public static final String CID = "cid";
    /** The attacked address, e.g. 10.0.0.5 or 2001:db8::5. */
    public static final String TARGET = "target";
    /** The attack's stable id: the same for all its events and its mitigation actions. */
    public static final String ATTACK = "attack";

    // Tags of ddos_attacks.
    /** {@value #EVENT_START}, {@value #EVENT_UPDATE} or {@value #EVENT_END}. */
    public static final String EVENT = "event";
    /** The heaviest source address; may be empty or absent. */
    public static final String TOP_SOURCE = "top_source";

    // Fields of ddos_attacks.
    /** Unix seconds when the attack started. */
    public static final String START = "start";
    public static final String BITS_PER_SECOND = "bits_per_second";
    public static final String PACKETS_PER_SECOND = "packets_per_second";
    public static final String THRESHOLD_BITS_PER_SECOND = "threshold_bits_per_second";
    public static final String THRESHOLD_PACKETS_PER_SECOND = "threshold_packets_per_second";
    /** The IP protocol number of most of the attack's traffic. */
    public static final String TOP_PROTOCOL = "top_protocol";
    /** The destination port of most of the attack's traffic. */
    public static final String TOP_PORT = "top_port";

    // Tags of ddos_mitigations.
    /** One of {@link #ACTIONS}. */
    public static final String ACTION = "action";
    /** The route's identity: the same for its announce and its withdraw. */
    public static final String ROUTE_KEY = "route_key";
    /** The route as text, e.g. "flowspec dst 10.0.0.5/32 proto 17 dport 53 discard". */
    public static final String ROUTE = "route";
    /** Why the action was taken (or refused). */
    public static final String REASON = "reason";

    // Field of ddos_mitigations.
    /** Always 1: one action per point. */
    public static final String COUNT = "count";

    // Values of event.
    public static final String EVENT_START = "start";
    public static final String EVENT_UPDATE = "update";
    /** The attack is over: its last event. */
    public static final String EVENT_END = "end";

    // Values of action.
    /** The route was announced. */
    public static final String ACTION_ANNOUNCE = "announce";
    /** The route was withdrawn. */
    public static final String ACTION_WITHDRAW = "withdraw";
    /** The route was not announced (a limit or a rule refused it); the reason says why. */
    public static final String ACTION_REFUSE = "refuse";
    /** A route announced before a restart was announced again. */
    public static final String ACTION_RESTORE = "restore";
    public static final String ACTION_ANNOUNCE_FAILED = "announce-failed";
    public static final String ACTION_WITHDRAW_FAILED = "withdraw-failed";
    /** A route found announced without an attack of its own, withdrawn. */
    public static final String ACTION_ORPHAN_WITHDRAW = "orphan-withdraw";
    public static final String ACTION_DRY_RUN_ANNOUNCE = "dry-run-announce";
    public static final String ACTION_DRY_RUN_WITHDRAW = "dry-run-withdraw";

    /** Every action, in the order a route may meet them. */
    public static final List<String> ACTIONS = List.of(ACTION_ANNOUNCE, ACTION_WITHDRAW, ACTION_REFUSE, ACTION_RESTORE,
            ACTION_ANNOUNCE_FAILED, ACTION_WITHDRAW_FAILED, ACTION_ORPHAN_WITHDRAW, ACTION_DRY_RUN_ANNOUNCE,
            ACTION_DRY_RUN_WITHDRAW);
    /** The actions after which a route is announced (until a withdrawing one). */
    public static final List<String> ANNOUNCING_ACTIONS = List.of(ACTION_ANNOUNCE, ACTION_RESTORE);
    /** The actions after which a route is no longer announced. */
    public static final List<String> WITHDRAWING_ACTIONS = List.of(ACTION_WITHDRAW, ACTION_ORPHAN_WITHDRAW);

    /** The tags of {@value #ATTACKS} (SYMBOL columns), in the table's order. */
    public static final List<String> ATTACK_TAGS = List.of(CID, TARGET, ATTACK, EVENT, TOP_SOURCE);
    /** The fields of {@value #ATTACKS} (LONG columns), in the table's order. */
    public static final List<String> ATTACK_FIELDS = List.of(START, BITS_PER_SECOND, PACKETS_PER_SECOND,
            THRESHOLD_BITS_PER_SECOND, THRESHOLD_PACKETS_PER_SECOND, TOP_PROTOCOL, TOP_PORT);
    /** The deduplication keys of {@value #ATTACKS}: an event written again replaces its row. */
    public static final List<String> ATTACK_KEYS = List.of(TIMESTAMP, ATTACK, EVENT);

    /** The tags of {@value #MITIGATIONS} (SYMBOL columns), in the table's order. */
    public static final List<String> MITIGATION_TAGS = List.of(CID, ATTACK, TARGET, ACTION, ROUTE_KEY, ROUTE, REASON);
    /** The fields of {@value #MITIGATIONS} (LONG columns). */
    public static final List<String> MITIGATION_FIELDS = List.of(COUNT);
    /** The deduplication keys of {@value #MITIGATIONS}. */
    public static final List<String> MITIGATION_KEYS = List.of(TIMESTAMP, ROUTE_KEY, ACTION);

    private DdosTables() {
    }

    /** {@code CREATE TABLE IF NOT EXISTS ddos_attacks ...}, as tables.sql has it. */
    public static String createAttacksStatement() {
        return createStatement(ATTACKS, ATTACK_TAGS, ATTACK_FIELDS, ATTACK_KEYS);
    }

    /** {@code CREATE TABLE IF NOT EXISTS ddos_mitigations ...}, as tables.sql has it. */
    public static String createMitigationsStatement() {
        return createStatement(MITIGATIONS, MITIGATION_TAGS, MITIGATION_FIELDS, MITIGATION_KEYS);
    }

    private static String createStatement(String table, List<String> tags, List<String> fields, List<String> keys) {
        List<String> columns = new ArrayList<>();
        tags.forEach(tag -> columns.add(tag + " SYMBOL"));
        fields.forEach(field -> columns.add(field + " LONG"));
        columns.add(TIMESTAMP + " TIMESTAMP");
        return "CREATE TABLE IF NOT EXISTS " + table + " (" + String.join(", ", columns) + ") TIMESTAMP(" + TIMESTAMP
                + ") PARTITION BY DAY WAL DEDUP UPSERT KEYS(" + String.join(", ", keys) + ")";
    }
}
