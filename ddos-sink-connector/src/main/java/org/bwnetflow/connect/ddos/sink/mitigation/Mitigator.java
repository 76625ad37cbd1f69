package org.bwnetflow.connect.ddos.sink.mitigation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.bwnetflow.connect.bgp.speaker.MitigationRoute;
import org.bwnetflow.connect.bgp.speaker.MitigationSpeaker;
import org.bwnetflow.connect.bgp.speaker.SpeakerException;
import org.bwnetflow.connect.ddos.sink.attack.AttackEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns attack events into routes at the BGP speaker and takes them back, under the customer's policy and the
 * guards, keeping a ledger of what it holds.
 *
 * <p>The order of every step is what makes restarts safe: a route is put in the ledger (the state topic) and
 * audited before the speaker hears of it, and leaves the ledger only after the speaker withdrew it. So a task
 * that dies at any point leaves no route announced without a record, and its successor, which loads the ledger
 * and {@link #reconcile}s it with the speaker's routes, announces what should be there (a crash between record
 * and announcement), withdraws what has expired, and withdraws routes carrying this connector's marker that the
 * ledger does not hold (there can only be such a route if the ledger was deleted by hand). A route whose attack
 * is still open, or whose hold time has not passed, is never withdrawn by a restart.
 *
 * <p>The hold time is wall-clock time after the attack's end event: routes live in real time, whatever the flows'
 * clocks say. A new attack on a held route's address and vector takes the route over (no second announcement).
 * Speaker failures are audited and retried at the next reconcile. Dry-run decides and audits exactly as a live
 * run would, never talks to the speaker, and its ledger entries are marked so that a later live run never
 * announces them; routes a live run left are not touched in dry-run (they are withdrawn when live again).
 */
public final class Mitigator {

    private static final Logger log = LoggerFactory.getLogger(Mitigator.class);

    /** Settings: dry-run, the hold time after an attack ends, the share of bits that makes a port the vector. */
    public record Settings(boolean dryRun, long holdMillis, double flowSpecPortShare) {
    }

    private final Settings settings;
    private final CustomerPolicies policies;
    private final MitigationGuard guard;
    private final RouteFactory routes;
    private final MitigationSpeaker speaker;
    private final LedgerStore store;
    private final AuditLog audit;
    private final LongSupplier clock;
    private final Map<String, LedgerEntry> ledger = new HashMap<>();
    private final Set<String> unsent = new HashSet<>();
    private long announcements;
    private long withdrawals;
    private long refusals;
    private long speakerFailures;

    public Mitigator(Settings settings, CustomerPolicies policies, MitigationGuard guard, RouteFactory routes,
                     MitigationSpeaker speaker, LedgerStore store, AuditLog audit, LongSupplier clock) {
        this.settings = settings;
        this.policies = policies;
        this.guard = guard;
        this.routes = routes;
        this.speaker = speaker;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        for (LedgerEntry entry : store.load()) {
            ledger.put(entry.routeKey(), entry);
        }
    }

    /** Acts on one attack event. */
    public void onEvent(AttackEvent event) {
        MitigationPolicy policy = policies.of(event.cid());
        if (!policy.announces()) {
            return;
        }
        switch (event.kind()) {
            case START -> start(event, policy);
            case END -> end(event);
            default -> { } // an update changes nothing about a route: its vector was decided at the start
        }
    }

    private void start(AttackEvent event, MitigationPolicy policy) {
        if (entryOf(event.attackId()) != null) {
            return; // a replay of an event already acted on
        }
        long now = clock.getAsLong();
        AttackEvent.Port vector = policy == MitigationPolicy.FLOWSPEC ? event.dominantPort(settings.flowSpecPortShare()) : null;
        LedgerEntry draft = new LedgerEntry("", event.cid(), event.attackId(), event.target(), policy,
                vector == null ? 0 : vector.protocol(), vector == null ? -1 : vector.port(), settings.dryRun(), now, 0);
        MitigationRoute route = routeOrRefuse(event, draft);
        if (route == null) {
            return;
        }
        String reason = String.format(Locale.ROOT, "attack %s started: %.0f bit/s, %.0f packets/s over thresholds of "
                + "%.0f bit/s, %.0f packets/s", event.attackId(), event.bitsPerSecond(), event.packetsPerSecond(),
                event.thresholdBitsPerSecond(), event.thresholdPacketsPerSecond());
        LedgerEntry held = ledger.get(route.key());
        if (held != null) {
            takeOver(held, event, route, reason);
            return;
        }
        LedgerEntry entry = new LedgerEntry(route.key(), draft.cid(), draft.attackId(), draft.target(), policy,
                draft.protocol(), draft.port(), settings.dryRun(), now, 0);
        store.put(entry);
        ledger.put(entry.routeKey(), entry);
        audit.record(new AuditRecord(now, entry.dryRun() ? AuditRecord.DRY_RUN_ANNOUNCE : AuditRecord.ANNOUNCE,
                event.cid(), event.attackId(), event.target(), route.key(), route.describe(), reason));
        announcements++;
        if (!entry.dryRun()) {
            announce(entry, route);
        }
    }

    /** The route for an attack, or null when a guard refuses it (audited with the reason). */
    private MitigationRoute routeOrRefuse(AttackEvent event, LedgerEntry draft) {
        String refusal = guard.refusal(event, customerRoutes(event.cid()), ledger.size());
        if (refusal == null) {
            try {
                return routes.routeOf(draft);
            } catch (IllegalArgumentException e) {
                refusal = e.getMessage();
            }
        }
        refusals++;
        audit.record(new AuditRecord(draft.announcedMillis(), AuditRecord.REFUSE, event.cid(), event.attackId(),
                event.target(), "", draft.policy().configName(), refusal));
        return null;
    }

    /** The same route is held for an earlier attack on the same address: it stays, now for this attack. */
    private void takeOver(LedgerEntry held, AttackEvent event, MitigationRoute route, String reason) {
        LedgerEntry taken = new LedgerEntry(held.routeKey(), held.cid(), event.attackId(), held.target(), held.policy(),
                held.protocol(), held.port(), held.dryRun(), held.announcedMillis(), 0);
        store.put(taken);
        ledger.put(taken.routeKey(), taken);
        audit.record(new AuditRecord(clock.getAsLong(), held.dryRun() ? AuditRecord.DRY_RUN_ANNOUNCE : AuditRecord.ANNOUNCE,
                event.cid(), event.attackId(), event.target(), route.key(), route.describe(), reason
                + "; the route held since " + held.attackId() + " stays"));
    }

    private void end(AttackEvent event) {
        LedgerEntry entry = entryOf(event.attackId());
        if (entry == null || entry.withdrawAfterMillis() > 0) {
            return;
        }
        LedgerEntry ending = entry.withWithdrawAfter(clock.getAsLong() + Math.max(1, settings.holdMillis()));
        store.put(ending);
        ledger.put(ending.routeKey(), ending);
    }

    /** Withdraws the routes whose hold time has passed; call it often (each put and poll of the task). */
    public void expire() {
        long now = clock.getAsLong();
        for (LedgerEntry entry : new ArrayList<>(ledger.values())) {
            if (entry.expired(now) && (entry.dryRun() || !settings.dryRun())) {
                withdraw(entry, String.format(Locale.ROOT, "attack %s ended; hold time of %d s passed",
                        entry.attackId(), settings.holdMillis() / 1000));
            }
        }
    }

    /**
     * Makes the speaker hold what the ledger says: announces live entries it lacks (after a crash between record
     * and announcement, a speaker restart or a failed announcement), withdraws expired ones and routes with the
     * marker that no entry holds. A speaker that cannot be reached is logged and tried again at the next call.
     */
    public void reconcile() {
        expire();
        if (settings.dryRun()) {
            return; // dry-run never talks to the speaker: live entries of an earlier run wait for a live one
        }
        List<MitigationRoute> present;
        try {
            present = speaker.announced();
        } catch (SpeakerException e) {
            speakerFailures++;
            log.warn("DDoS mitigation: cannot list the speaker's routes, trying again later: {}", e.getMessage());
            return;
        }
        Set<String> presentKeys = new HashSet<>();
        long now = clock.getAsLong();
        for (MitigationRoute route : present) {
            presentKeys.add(route.key());
            LedgerEntry entry = ledger.get(route.key());
            if (entry == null || entry.dryRun()) {
                audit.record(new AuditRecord(now, AuditRecord.ORPHAN_WITHDRAW, 0, "", "", route.key(), route.describe(),
                        "the speaker holds a route with this connector's marker that no ledger entry records"));
                send(route, false);
            }
        }
        for (LedgerEntry entry : new ArrayList<>(ledger.values())) {
            if (entry.dryRun() || presentKeys.contains(entry.routeKey())) {
                unsent.remove(entry.routeKey());
                continue;
            }
            MitigationRoute route = routes.routeOf(entry);
            audit.record(new AuditRecord(now, AuditRecord.RESTORE, entry.cid(), entry.attackId(), entry.target(),
                    entry.routeKey(), route.describe(), unsent.contains(entry.routeKey())
                            ? "announcing again after a failed announcement" : "recorded but missing at the speaker"));
            announce(entry, route);
        }
    }

    private void announce(LedgerEntry entry, MitigationRoute route) {
        if (send(route, true)) {
            unsent.remove(entry.routeKey());
        } else {
            unsent.add(entry.routeKey());
            audit.record(new AuditRecord(clock.getAsLong(), AuditRecord.ANNOUNCE_FAILED, entry.cid(), entry.attackId(),
                    entry.target(), entry.routeKey(), route.describe(), "the speaker did not take it; trying again"));
        }
    }

    private void withdraw(LedgerEntry entry, String reason) {
        MitigationRoute route = routes.routeOf(entry);
        long now = clock.getAsLong();
        audit.record(new AuditRecord(now, entry.dryRun() ? AuditRecord.DRY_RUN_WITHDRAW : AuditRecord.WITHDRAW, entry.cid(),
                entry.attackId(), entry.target(), entry.routeKey(), route.describe(), reason));
        if (!entry.dryRun() && !send(route, false)) {
            audit.record(new AuditRecord(now, AuditRecord.WITHDRAW_FAILED, entry.cid(), entry.attackId(), entry.target(),
                    entry.routeKey(), route.describe(), "the speaker did not take the withdrawal; trying again"));
            return; // stays in the ledger: the next expire() tries again
        }
        store.remove(entry.routeKey());
        ledger.remove(entry.routeKey());
        unsent.remove(entry.routeKey());
        withdrawals++;
    }

    private boolean send(MitigationRoute route, boolean announce) {
        try {
            if (announce) {
                speaker.announce(route);
            } else {
                speaker.withdraw(route);
            }
            return true;
        } catch (SpeakerException e) {
            speakerFailures++;
            log.warn("DDoS mitigation: {} of {} failed: {}", announce ? "announcement" : "withdrawal", route.describe(),
                    e.getMessage());
            return false;
        }
    }

    private LedgerEntry entryOf(String attackId) {
        for (LedgerEntry entry : ledger.values()) {
            if (entry.attackId().equals(attackId)) {
                return entry;
            }
        }
        return null;
    }

    private int customerRoutes(long cid) {
        int n = 0;
        for (LedgerEntry entry : ledger.values()) {
            if (entry.cid() == cid) {
                n++;
            }
        }
        return n;
    }

    /** The routes held now (announced or in their hold time), dry-run ones included. */
    public List<LedgerEntry> held() {
        return List.copyOf(ledger.values());
    }

    public long announcements() {
        return announcements;
    }

    public long withdrawals() {
        return withdrawals;
    }

    public long refusals() {
        return refusals;
    }

    public long speakerFailures() {
        return speakerFailures;
    }
}
