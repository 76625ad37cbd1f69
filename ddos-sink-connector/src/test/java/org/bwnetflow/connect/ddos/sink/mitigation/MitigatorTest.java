package org.bwnetflow.connect.ddos.sink.mitigation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bwnetflow.connect.bgp.speaker.Community;
import org.bwnetflow.connect.bgp.speaker.FlowSpecAction;
import org.bwnetflow.connect.bgp.speaker.MitigationRoute;
import org.bwnetflow.connect.bgp.speaker.MitigationSpeaker;
import org.bwnetflow.connect.bgp.speaker.SpeakerException;
import org.bwnetflow.connect.ddos.sink.attack.AttackEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mitigation's decisions and their order against an in-memory speaker and ledger (the real gobgpd and FRR are
 * in DdosMitigationIT): what is announced for which policy, the guards, dry-run, hold time, and what a restart at
 * each step leaves.
 */
class MitigatorTest {

    private static final long HOLD = 60_000;

    /** Every step in the order it happened: ledger writes, audit records and speaker calls. */
    private final List<String> steps = new ArrayList<>();
    private final FakeSpeaker speaker = new FakeSpeaker();
    private final FakeStore store = new FakeStore();
    private final List<AuditRecord> audit = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000);

    @BeforeEach
    void clear() {
        steps.clear();
    }

    private Mitigator mitigator(boolean dryRun, String... policies) {
        return mitigator(dryRun, 2, 3, policies);
    }

    private Mitigator mitigator(boolean dryRun, int perCustomer, int total, String... policies) {
        CustomerPolicies customers = CustomerPolicies.parse(MitigationPolicy.ALERT, List.of(policies));
        // 10.0.0.0/24 is customer 1000's, 10.1.0.0/24 customer 1100's
        MitigationGuard guard = new MitigationGuard(a -> a.length == 4 && a[0] == 10 ? (a[1] == 0 ? 1000 : 1100) : 0,
                perCustomer, total);
        try {
            ConfiguredRoutes routes = new ConfiguredRoutes(InetAddress.getByName("192.0.2.1"),
                    InetAddress.getByName("100::1"), List.of(Community.parse("64500:666")), new FlowSpecAction.Discard());
            return new Mitigator(new Mitigator.Settings(dryRun, HOLD, 0.5), customers, guard, routes, speaker, store,
                    entry -> {
                        steps.add("audit " + entry.action());
                        audit.add(entry);
                    }, now::get);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static AttackEvent event(AttackEvent.Kind kind, long cid, String id, String target) {
        return new AttackEvent(kind, cid, id, target, 100, 100, 9e9, 2e6, 1e8, 1e4, List.of(new AttackEvent.Source("198.51.100.7",
                1e9)), List.of(new AttackEvent.Port(17, 53, 8e9), new AttackEvent.Port(6, 80, 1e9)));
    }

    @Test
    void blackholeIsRecordedThenAnnouncedThenHeldThenWithdrawnThenForgotten() {
        Mitigator m = mitigator(false, "1000:blackhole");
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5"));
        assertThat(steps).containsExactly("store put blackhole 10.0.0.5/32", "audit announce", "speaker announce blackhole 10.0.0.5/32");
        assertThat(speaker.routes.get("blackhole 10.0.0.5/32").describe())
                .isEqualTo("blackhole 10.0.0.5/32 next-hop 192.0.2.1 communities 65535:666 65535:65281 64500:666");
        m.onEvent(event(AttackEvent.Kind.UPDATE, 1000, "a1", "10.0.0.5"));
        m.onEvent(event(AttackEvent.Kind.END, 1000, "a1", "10.0.0.5"));
        now.addAndGet(HOLD - 1);
        m.expire();
        assertThat(speaker.routes).containsKey("blackhole 10.0.0.5/32");
        steps.clear();
        now.addAndGet(1);
        m.expire();
        assertThat(steps).containsExactly("audit withdraw", "speaker withdraw blackhole 10.0.0.5/32", "store remove blackhole 10.0.0.5/32");
        assertThat(speaker.routes).isEmpty();
        assertThat(store.entries).isEmpty();
    }

    @Test
    void flowSpecMatchesTheDominantProtocolAndPort() {
        Mitigator m = mitigator(false, "1000:flowspec");
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5"));
        assertThat(speaker.routes.keySet()).containsExactly("flowspec dst 10.0.0.5/32 proto 17 dport 53");
    }

    @Test
    void alertAndOffAnnounceNothing() {
        Mitigator m = mitigator(false, "1000:alert", "1100:off");
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5"));
        m.onEvent(event(AttackEvent.Kind.START, 1100, "a2", "10.1.0.5"));
        assertThat(speaker.routes).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void anotherCustomersAddressIsRefusedWithItsReason() {
        Mitigator m = mitigator(false, "1000:blackhole");
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.1.0.5"));
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a2", "192.0.2.99"));
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a3", "10.0.0.0/24"));
        assertThat(speaker.routes).isEmpty();
        assertThat(store.entries).isEmpty();
        assertThat(audit).extracting(AuditRecord::action).containsOnly(AuditRecord.REFUSE);
        assertThat(audit).extracting(AuditRecord::reason).containsExactly(
                "the target 10.1.0.5 belongs to customer 1100, not to customer 1000",
                "the target 192.0.2.99 is in no prefix of customer 1000",
                "the target 10.0.0.0/24 is a prefix; routes are announced for single addresses only");
    }

    @Test
    void limitsPerCustomerAndInTotalHold() {
        Mitigator m = mitigator(false, 2, 3, "1000:blackhole", "1100:blackhole");
        for (int i = 1; i <= 3; i++) {
            m.onEvent(event(AttackEvent.Kind.START, 1000, "a" + i, "10.0.0." + i));
        }
        assertThat(speaker.routes).hasSize(2);
        assertThat(audit.get(2).reason()).isEqualTo("customer 1000 holds 2 routes, the limit per customer is 2");
        m.onEvent(event(AttackEvent.Kind.START, 1100, "b1", "10.1.0.1"));
        m.onEvent(event(AttackEvent.Kind.START, 1100, "b2", "10.1.0.2"));
        assertThat(speaker.routes).hasSize(3);
        assertThat(audit.get(4).reason()).isEqualTo("3 routes are held, the limit in total is 3");
    }

    @Test
    void dryRunDecidesAndAuditsButNeverTalksToTheSpeaker() {
        Mitigator m = mitigator(true, "1000:blackhole");
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5"));
        m.onEvent(event(AttackEvent.Kind.END, 1000, "a1", "10.0.0.5"));
        m.reconcile();
        now.addAndGet(HOLD);
        m.reconcile();
        assertThat(audit).extracting(AuditRecord::action).containsExactly(AuditRecord.DRY_RUN_ANNOUNCE,
                AuditRecord.DRY_RUN_WITHDRAW);
        assertThat(speaker.calls).isZero();
        assertThat(store.entries).isEmpty();
    }

    @Test
    void aLaterLiveRunNeverAnnouncesWhatADryRunDecided() {
        mitigator(true, "1000:blackhole").onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5"));
        Mitigator live = mitigator(false, "1000:blackhole");
        live.reconcile();
        assertThat(speaker.routes).isEmpty();
    }

    @Test
    void aRestartKeepsTheRouteOfAnOpenAttackAndWithdrawsItAfterItsEnd() {
        Mitigator first = mitigator(false, "1000:blackhole");
        first.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5"));
        Mitigator second = mitigator(false, "1000:blackhole");
        second.reconcile();
        second.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5")); // replayed by the new task
        assertThat(speaker.announcements).isEqualTo(1);
        assertThat(speaker.routes).containsKey("blackhole 10.0.0.5/32");
        second.onEvent(event(AttackEvent.Kind.END, 1000, "a1", "10.0.0.5"));
        Mitigator third = mitigator(false, "1000:blackhole"); // restarted during the hold time
        third.reconcile();
        assertThat(speaker.routes).containsKey("blackhole 10.0.0.5/32");
        now.addAndGet(HOLD);
        third.reconcile();
        assertThat(speaker.routes).isEmpty();
        assertThat(store.entries).isEmpty();
    }

    @Test
    void aCrashBetweenRecordAndAnnouncementIsRepairedByTheNextTask() {
        speaker.failing = true;
        Mitigator first = mitigator(false, "1000:blackhole");
        first.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5"));
        assertThat(audit).extracting(AuditRecord::action).containsExactly(AuditRecord.ANNOUNCE, AuditRecord.ANNOUNCE_FAILED);
        speaker.failing = false;
        mitigator(false, "1000:blackhole").reconcile();
        assertThat(speaker.routes).containsKey("blackhole 10.0.0.5/32");
        assertThat(audit.get(audit.size() - 1).action()).isEqualTo(AuditRecord.RESTORE);
    }

    @Test
    void aFailedWithdrawalKeepsTheRecordAndIsTriedAgain() {
        Mitigator m = mitigator(false, "1000:blackhole");
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5"));
        m.onEvent(event(AttackEvent.Kind.END, 1000, "a1", "10.0.0.5"));
        now.addAndGet(HOLD);
        speaker.failing = true;
        m.expire();
        assertThat(store.entries).hasSize(1);
        speaker.failing = false;
        m.expire();
        assertThat(store.entries).isEmpty();
        assertThat(speaker.routes).isEmpty();
    }

    @Test
    void aMarkedRouteNoRecordHoldsIsWithdrawn() throws Exception {
        speaker.announce(org.bwnetflow.connect.bgp.speaker.BlackholeRoute.of("10.0.0.9/32", "192.0.2.1"));
        Mitigator m = mitigator(false, "1000:blackhole");
        m.reconcile();
        assertThat(speaker.routes).isEmpty();
        assertThat(audit).extracting(AuditRecord::action).containsExactly(AuditRecord.ORPHAN_WITHDRAW);
    }

    @Test
    void aNewAttackOnAHeldRouteTakesItOverWithoutASecondAnnouncement() {
        Mitigator m = mitigator(false, "1000:blackhole");
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a1", "10.0.0.5"));
        m.onEvent(event(AttackEvent.Kind.END, 1000, "a1", "10.0.0.5"));
        m.onEvent(event(AttackEvent.Kind.START, 1000, "a2", "10.0.0.5"));
        now.addAndGet(HOLD);
        m.expire();
        assertThat(speaker.routes).containsKey("blackhole 10.0.0.5/32");
        assertThat(speaker.announcements).isEqualTo(1);
        m.onEvent(event(AttackEvent.Kind.END, 1000, "a2", "10.0.0.5"));
        now.addAndGet(HOLD);
        m.expire();
        assertThat(speaker.routes).isEmpty();
    }

    /** A speaker holding routes in a map; {@code failing} makes every call fail. */
    private final class FakeSpeaker implements MitigationSpeaker {
        final Map<String, MitigationRoute> routes = new LinkedHashMap<>();
        boolean failing;
        int calls;
        int announcements;

        @Override
        public void announce(MitigationRoute route) throws SpeakerException {
            calls++;
            if (failing) {
                throw new SpeakerException("speaker down");
            }
            announcements++;
            steps.add("speaker announce " + route.key());
            routes.put(route.key(), route);
        }

        @Override
        public void withdraw(MitigationRoute route) throws SpeakerException {
            calls++;
            if (failing) {
                throw new SpeakerException("speaker down");
            }
            steps.add("speaker withdraw " + route.key());
            routes.remove(route.key());
        }

        @Override
        public List<MitigationRoute> announced() throws SpeakerException {
            calls++;
            if (failing) {
                throw new SpeakerException("speaker down");
            }
            return List.copyOf(routes.values());
        }

        @Override
        public void close() {
        }
    }

    /** A ledger store in a map, shared by the "restarted" mitigators of a test. */
    private final class FakeStore implements LedgerStore {
        final Map<String, LedgerEntry> entries = new LinkedHashMap<>();

        @Override
        public Collection<LedgerEntry> load() {
            return List.copyOf(entries.values());
        }

        @Override
        public void put(LedgerEntry entry) {
            steps.add("store put " + entry.routeKey());
            entries.put(entry.routeKey(), entry);
        }

        @Override
        public void remove(String routeKey) {
            steps.add("store remove " + routeKey);
            entries.remove(routeKey);
        }
    }
}
