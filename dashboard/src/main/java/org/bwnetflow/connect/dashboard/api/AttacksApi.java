package org.bwnetflow.connect.dashboard.api;

import java.time.Instant;
import org.bwnetflow.connect.dashboard.attacks.AttackList;
import org.bwnetflow.connect.dashboard.attacks.AttackQuery;
import org.bwnetflow.connect.dashboard.attacks.Attacks;
import org.bwnetflow.connect.dashboard.auth.Principal;
import org.bwnetflow.connect.dashboard.query.QuerySlots;

/**
 * {@code /api/attacks}: the DDoS sink's attacks of a range with their mitigation routes. A customer's
 * answer is always of its own cid, the login's: naming another customer is refused (403), as on the
 * other APIs, and an attack id of another customer's finds nothing.
 */
final class AttacksApi {

    private final Attacks attacks;
    private final QuerySlots slots;

    /** {@code attacks} null: the dashboard was started without the PostgreSQL wire settings. */
    AttacksApi(Attacks attacks, QuerySlots slots) {
        this.attacks = attacks;
        this.slots = slots;
    }

    boolean enabled() {
        return attacks != null;
    }

    /** The attacks the query string asks for, for this login. */
    AttackList list(String rawQuery, Principal principal) {
        AttackQuery asked = new AttackParams(rawQuery).query(Instant.now());
        AttackQuery query = asked;
        if (!principal.isOperator()) {
            if (asked.cid() != null && !asked.cid().equals(principal.cid())) {
                throw new ApiHandler.ForbiddenException("customer " + principal.cid() + " may not read customer "
                        + asked.cid());
            }
            query = asked.forCustomer(principal.cid());
        }
        AttackQuery bound = query;
        return slots.inSlot(() -> attacks.list(bound));
    }
}
