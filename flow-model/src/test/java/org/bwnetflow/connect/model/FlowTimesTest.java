package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class FlowTimesTest {

    private static final long RECEIVED = 1_795_000_320L; // seconds
    private static final long RECORD = RECEIVED * 1000 + 250; // the record's timestamp, milliseconds
    private static final long A_YEAR = 365 * 86_400L;

    private final FlowTimes times = new FlowTimes(60_000);

    private static Struct flow(long start, long end, long received) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, start);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, end);
        Flows.setNumber(flow, FlowField.TIME_RECEIVED, received);
        return flow;
    }

    @Test
    void aTrustedClockGivesTheFlowsOwnTimes() {
        Struct flow = flow(RECEIVED - 600, RECEIVED - 5, RECEIVED); // a 10-minute flow, exported 5 s after its end
        assertThat(times.startMillis(flow, RECORD)).isEqualTo((RECEIVED - 600) * 1000);
        assertThat(times.endMillis(flow, RECORD)).isEqualTo((RECEIVED - 5) * 1000);
        assertThat(times.corrected()).isZero();
        assertThat(times.summary()).isEmpty();
    }

    @Test
    void aClockAYearAheadOrIn1970GivesTheRecordTimeAndIsCounted() {
        Struct ahead = flow(RECEIVED + A_YEAR - 10, RECEIVED + A_YEAR, RECEIVED);
        Struct wrapped = flow(10, 15, RECEIVED);
        assertThat(times.startMillis(ahead, RECORD)).isEqualTo(RECORD);
        assertThat(times.endMillis(ahead, RECORD)).isEqualTo(RECORD);
        assertThat(times.startMillis(wrapped, RECORD)).isEqualTo(RECORD);
        assertThat(times.endMillis(wrapped, RECORD)).isEqualTo(RECORD);
        assertThat(times.corrected()).isEqualTo(4);
        assertThat(times.summary()).isEqualTo(", 4 flow times corrected (further than 60 s from their record time, "
                + "which was used)");
    }

    @Test
    void aClockAheadWithinTheToleranceIsNeverLaterThanTheRecord() {
        Struct ahead = flow(RECEIVED + 20, RECEIVED + 30, RECEIVED);
        assertThat(times.endMillis(ahead, RECORD)).isEqualTo(RECORD);
        assertThat(times.startMillis(ahead, RECORD)).isEqualTo(RECORD);
        assertThat(times.corrected()).as("within the tolerance: not a wrong clock").isZero();
    }

    @Test
    void withoutARecordTimestampTimeReceivedIsTheReference() {
        assertThat(times.endMillis(flow(10, 15, RECEIVED), -1)).isEqualTo(RECEIVED * 1000);
        assertThat(times.endMillis(flow(RECEIVED - 3, RECEIVED - 2, 0), -1)).as("nothing to judge by")
                .isEqualTo((RECEIVED - 2) * 1000);
        assertThat(times.endMillis(flow(0, 0, 0), -1)).isZero();
        assertThat(times.corrected()).isOne();
    }

    @Test
    void missingOrInconsistentTimesFallBackToTheEndThenTheRecord() {
        assertThat(times.startMillis(flow(0, RECEIVED - 2, RECEIVED), RECORD)).isEqualTo((RECEIVED - 2) * 1000);
        assertThat(times.startMillis(flow(RECEIVED - 1, RECEIVED - 9, RECEIVED), RECORD)).as("start after end")
                .isEqualTo((RECEIVED - 9) * 1000);
        assertThat(times.startMillis(flow(0, 0, RECEIVED), RECORD)).isEqualTo(RECORD);
        assertThat(times.startMillis(flow(RECEIVED - 30, 0, RECEIVED), RECORD)).isEqualTo((RECEIVED - 30) * 1000);
        assertThat(times.startMillis(flow(-1, -1, RECEIVED), RECORD)).as("uint64 max").isEqualTo(RECORD);
        assertThat(times.corrected()).isOne();
    }

    @Test
    void aWiderToleranceTrustsFurtherTimesAndNothingCorrectedSaysNothing() {
        FlowTimes wide = new FlowTimes(2 * 3_600_000L);
        assertThat(wide.startMillis(flow(RECEIVED - 3_600, RECEIVED - 3_590, RECEIVED), RECORD))
                .isEqualTo((RECEIVED - 3_600) * 1000);
        assertThat(new FlowTimes(1_500).summary()).isEmpty();
    }
}
