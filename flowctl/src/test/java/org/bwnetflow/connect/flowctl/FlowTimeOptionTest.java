package org.bwnetflow.connect.flowctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.FlowTimes;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;

/** --flow-time-tolerance's durations as FlowTimes' tolerance (FlowTimes itself is tested in flow-model). */
class FlowTimeOptionTest {

    private static final long RECEIVED = 1_795_000_320L; // seconds
    private static final long RECORD = RECEIVED * 1000 + 250; // the record's timestamp, milliseconds

    @Test
    void theToleranceIsAnOption() {
        assertThat(DurationText.millis("10m")).isEqualTo(600_000);
        FlowTimes wide = new FlowTimes(DurationText.millis("2h"));
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, RECEIVED - 3_600);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, RECEIVED - 3_590);
        Flows.setNumber(flow, FlowField.TIME_RECEIVED, RECEIVED);
        assertThat(wide.startMillis(flow, RECORD)).isEqualTo((RECEIVED - 3_600) * 1000);
        assertThat(new FlowTimes(1_500).summary()).isEmpty();
    }
}
