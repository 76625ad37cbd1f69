package org.bwnetflow.connect.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.bwnetflow.connect.influx.aggregate.AggregationSpec;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.influx.aggregate.WindowAggregates;
import org.bwnetflow.connect.influx.window.PartitionWindows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.Test;

/** A partition's commit offset with flows and ingest health: never past an unwritten one of either, never inside a window. */
class PartitionStateTest {

    private static final AggregationSpec SPEC = AggregationSpec.defaults();
    private static final Point HEALTH = new Point("ingest", new TreeMap<>(Map.of("exporter", "*")), Map.of("flows", 1L), 0);

    private static PartitionState state() {
        return new PartitionState(new PartitionWindows<>(10_000, 0, 0, start -> new WindowAggregates(SPEC, start),
                WindowAggregates::add));
    }

    private static void addFlow(PartitionState state, long offset, long time) {
        state.windows().add(offset, time, time, TestFlows.flow("198.51.100.7", "192.0.2.10"));
    }

    /** Makes the windows final that the partition's data time has passed, and marks every due one written. */
    private static void writeWindows(PartitionState state, long now) {
        state.windows().finalizeDue(now);
        List<Long> due = state.windows().dueWindows(false, now, Long.MAX_VALUE);
        state.windows().written(due);
    }

    @Test
    void onlyHealthCommitsPastWhatIsWritten() {
        PartitionState state = state();
        assertThat(state.commitOffset()).isEmpty();
        assertThat(state.addHealth(4, HEALTH)).isTrue();
        assertThat(state.addHealth(5, HEALTH)).isTrue();
        assertThat(state.addHealth(5, HEALTH)).as("redelivered").isFalse();
        assertThat(state.commitOffset()).isEqualTo(OptionalLong.of(4));

        state.health().written(1);
        assertThat(state.commitOffset()).isEqualTo(OptionalLong.of(5));
        state.health().written(1);
        assertThat(state.commitOffset()).isEqualTo(OptionalLong.of(6));
    }

    @Test
    void writtenWindowsCommitPastHealthRecordsThatAreWrittenToo() {
        PartitionState state = state();
        addFlow(state, 0, 1_000);
        state.addHealth(1, HEALTH);
        addFlow(state, 2, 12_000);
        addFlow(state, 3, 22_000); // the first two windows final
        writeWindows(state, 22_000);
        state.health().written(1);

        assertThat(state.commitOffset()).as("the open third window holds it").isEqualTo(OptionalLong.of(3));
    }

    @Test
    void anUnwrittenHealthPointHoldsTheCommitAndNeverSplitsAWindow() {
        PartitionState state = state();
        addFlow(state, 0, 1_000);
        state.addHealth(1, HEALTH); // inside the first window's offsets
        addFlow(state, 2, 2_000);
        addFlow(state, 3, 12_000);
        addFlow(state, 4, 22_000);
        writeWindows(state, 22_000); // the windows alone would commit 4, past the unwritten health point

        assertThat(state.commitOffset()).as("before the first window, not between its records").isEqualTo(OptionalLong.of(0));
        state.health().written(1);
        assertThat(state.commitOffset()).isEqualTo(OptionalLong.of(4));
    }
}
