package org.bwnetflow.connect.ddos.sink.mitigation;

/**
 * A route this connector holds for an attack, as kept in the state topic: enough to form the same route
 * again after a restart and to know until when it stays.
 *
 * @param routeKey        the route's stable key
 * @param cid             the customer
 * @param attackId        the attack
 * @param target          the attacked address
 * @param policy          blackhole or flowspec
 * @param protocol        the attack's dominant IP protocol for a FlowSpec rule, 0 for none
 * @param port            its destination port, -1 for none
 * @param dryRun          decided in dry-run: never sent to the speaker
 * @param announcedMillis when it was decided
 * @param withdrawAfterMillis when it goes (attack end plus hold time), 0 while the attack lasts
 */
public record LedgerEntry(String routeKey, long cid, String attackId, String target, MitigationPolicy policy, int protocol,
                          int port, boolean dryRun, long announcedMillis, long withdrawAfterMillis) {

    /** The same entry with its withdrawal time set. */
    public LedgerEntry withWithdrawAfter(long millis) {
        return new LedgerEntry(routeKey, cid, attackId, target, policy, protocol, port, dryRun, announcedMillis, millis);
    }

    /** True once the attack ended and the hold time has passed. */
    public boolean expired(long nowMillis) {
        return withdrawAfterMillis > 0 && nowMillis >= withdrawAfterMillis;
    }
}
