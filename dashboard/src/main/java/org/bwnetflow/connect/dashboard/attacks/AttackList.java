package org.bwnetflow.connect.dashboard.attacks;

import java.util.List;

/**
 * The attacks of a range (JSON as it is), open ones first, then the latest started first; each with
 * its routes and its mitigation actions in order. {@code truncated}: there were more attacks than
 * {@link Attacks#MAX_ATTACKS}, or more actions than {@link Attacks#MAX_ACTIONS} (the oldest left out).
 * {@code tables}: the database has the DDoS sink's tables (false: none, so no attacks either, e.g. where
 * tables.sql predates them).
 */
public record AttackList(List<Attack> attacks, boolean truncated, boolean tables) {

    /** No attacks: the database has no table of them. */
    static AttackList withoutTables() {
        return new AttackList(List.of(), false, false);
    }

    /**
     * One attack, as its events up to the range's end say.
     *
     * @param open its latest event is not {@code end}
     * @param start Unix seconds when it started (the events' {@code start}; else its first event's time)
     * @param end Unix seconds of its {@code end} event; null while open
     * @param lastEvent Unix seconds of its latest event
     * @param durationSeconds from its start to its end, or to the range's end while open
     * @param peak the highest bits/s and packets/s of its events
     * @param threshold the thresholds its peak event (the most bits/s) names
     * @param top its peak event's top protocol, port and source
     * @param announced one of its routes is announced at the range's end
     */
    public record Attack(String cid, String attack, String target, boolean open, long start, Long end, long lastEvent,
                         long durationSeconds, Rates peak, Rates threshold, Top top, boolean announced, List<Route> routes,
                         List<Mitigation> mitigations) {
    }

    public record Rates(Long bitsPerSecond, Long packetsPerSecond) {
    }

    /** {@code protocolName}: IANA's name of the protocol number, null when it has none. */
    public record Top(Long protocol, String protocolName, Long port, String source) {
    }

    /**
     * One route of an attack (by its route key): its description as last written, its latest action, and
     * whether it is announced (its latest announce or restore has no withdraw after it).
     */
    public record Route(String routeKey, String route, String lastAction, long lastActionTime, boolean announced) {
    }

    /** One action of the audit trail; {@code time} in Unix milliseconds. */
    public record Mitigation(long time, String action, String routeKey, String route, String reason) {
    }
}
