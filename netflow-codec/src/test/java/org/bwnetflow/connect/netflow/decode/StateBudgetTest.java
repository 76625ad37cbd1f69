package org.bwnetflow.connect.netflow.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The segmented LRU on its own: what goes first, what is protected, what is refused. */
class StateBudgetTest {

    private final DecoderCounters counters = new DecoderCounters();
    private final List<Entry> evicted = new ArrayList<>();

    private final class Entry extends BudgetEntry {
        private final StateBudget budget;
        final String name;

        Entry(StateBudget budget, String name) {
            this.budget = budget;
            this.name = name;
        }

        @Override
        StateKind kind() {
            return StateKind.TEMPLATE;
        }

        @Override
        void evict() {
            evicted.add(this);
            budget.release(this);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Entry admit(StateBudget budget, String name, long bytes) {
        Entry e = new Entry(budget, name);
        budget.admit(e, bytes);
        return e;
    }

    @Test
    void theLeastRecentlyUsedUnprovenEntryGoesFirst() {
        StateBudget budget = new StateBudget(300, counters);
        Entry a = admit(budget, "a", 100);
        Entry b = admit(budget, "b", 100);
        admit(budget, "c", 100);
        budget.touch(a);
        admit(budget, "d", 100);
        assertThat(evicted).containsExactly(b);
        assertThat(budget.usedBytes()).isEqualTo(300);
        assertThat(counters.evicted(StateKind.TEMPLATE)).isEqualTo(1);
    }

    @Test
    void unprovenStateNeverPushesOutProvenState() {
        StateBudget budget = new StateBudget(1000, counters);
        Entry genuine = admit(budget, "genuine", 400);
        budget.prove(genuine);
        for (int i = 0; i < 100; i++) {
            admit(budget, "flood-" + i, 100);
        }
        assertThat(genuine.isAttached()).isTrue();
        assertThat(evicted).isNotEmpty().doesNotContain(genuine);
        assertThat(budget.usedBytes()).isLessThanOrEqualTo(1000);
    }

    @Test
    void provenStateBeyondItsShareIsDemotedSoNewcomersStillFit() {
        StateBudget budget = new StateBudget(1000, counters);
        List<Entry> proven = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Entry e = admit(budget, "proven-" + i, 100);
            budget.prove(e);
            proven.add(e);
        }
        assertThat(budget.provenBytes()).isLessThanOrEqualTo(1000 * StateBudget.PROVEN_SHARE_PERCENT / 100);
        Entry newcomer = admit(budget, "newcomer", 100);
        Entry another = admit(budget, "another", 100);
        assertThat(newcomer.isAttached() || another.isAttached()).isTrue();
        assertThat(evicted).first().isEqualTo(proven.get(0)); // the coldest proven entry was demoted, then evicted
    }

    @Test
    void aNewcomerThatCouldOnlyFitByEvictingProvenStateIsRefused() {
        StateBudget budget = new StateBudget(1000, counters);
        Entry proven = admit(budget, "proven", 700);
        budget.prove(proven);
        Entry huge = new Entry(budget, "huge");
        assertThat(budget.admit(huge, 400)).isFalse();
        assertThat(huge.isAttached()).isFalse();
        assertThat(proven.isAttached()).isTrue();
        assertThat(budget.refused()).isEqualTo(1);
        assertThat(budget.usedBytes()).isEqualTo(700);
    }

    @Test
    void pinnedEntriesAreNeverEvicted() {
        StateBudget budget = new StateBudget(300, counters);
        Entry exporter = admit(budget, "exporter", 100);
        Entry domain = admit(budget, "domain", 100);
        budget.pin(exporter, domain);
        Entry other = admit(budget, "other", 100);
        admit(budget, "template", 100);
        assertThat(evicted).containsExactly(other);
        budget.unpin();
        admit(budget, "next", 100);
        assertThat(evicted).contains(exporter);
    }
}
