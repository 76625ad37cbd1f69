package org.bwnetflow.connect.dashboard.attacks;

import java.time.Duration;
import java.time.Instant;

/**
 * Which attacks to list: those of {@code [from, to)} (with an event in it, or still open at its start),
 * of one customer or all, of one attack or all.
 *
 * @param cid the customer (a customer's login: always its own), or null for every customer (operators only)
 * @param attack one attack's id, or null for every attack
 */
public record AttackQuery(Instant from, Instant to, Long cid, String attack) {

    /** The longest range a view may have (the page offers up to 7 days). */
    public static final Duration MAX_RANGE = Duration.ofDays(7);
    /** The longest attack id asked for. */
    public static final int MAX_ATTACK_ID = 200;

    public AttackQuery {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must lie before to");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("from and to lie at most 7 days apart");
        }
        if (attack != null && (attack.isEmpty() || attack.length() > MAX_ATTACK_ID)) {
            throw new IllegalArgumentException("an attack id has 1 to " + MAX_ATTACK_ID + " characters");
        }
    }

    /** The same query for one customer. */
    public AttackQuery forCustomer(long customer) {
        return new AttackQuery(from, to, customer, attack);
    }
}
