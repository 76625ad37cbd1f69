package org.bwnetflow.connect.ddos.sink.mitigation;

import org.bwnetflow.connect.model.table.DdosTables;

/**
 * One line of the audit trail: every decision about a route, written to the audit topic before the speaker is
 * told (so no route exists without its record), and every outcome.
 *
 * @param timeMillis when (wall clock)
 * @param action     announce, withdraw, refuse, restore, announce-failed, withdraw-failed, orphan-withdraw, and
 *                   dry-run-announce / dry-run-withdraw (nothing sent)
 * @param cid        the customer
 * @param attackId   the attack it is for (empty for an orphan route)
 * @param target     the attacked address
 * @param routeKey   the route's stable key (empty when refused before a route was formed)
 * @param route      what the route is, in words
 * @param reason     why
 */
public record AuditRecord(long timeMillis, String action, long cid, String attackId, String target, String routeKey,
                          String route, String reason) {

    public static final String ANNOUNCE = DdosTables.ACTION_ANNOUNCE;
    public static final String WITHDRAW = DdosTables.ACTION_WITHDRAW;
    public static final String REFUSE = DdosTables.ACTION_REFUSE;
    public static final String RESTORE = DdosTables.ACTION_RESTORE;
    public static final String ANNOUNCE_FAILED = DdosTables.ACTION_ANNOUNCE_FAILED;
    public static final String WITHDRAW_FAILED = DdosTables.ACTION_WITHDRAW_FAILED;
    public static final String ORPHAN_WITHDRAW = DdosTables.ACTION_ORPHAN_WITHDRAW;
    public static final String DRY_RUN_ANNOUNCE = DdosTables.ACTION_DRY_RUN_ANNOUNCE;
    public static final String DRY_RUN_WITHDRAW = DdosTables.ACTION_DRY_RUN_WITHDRAW;
}
