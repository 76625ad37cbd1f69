package org.bwnetflow.connect.ddos.sink.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which port a FlowSpec rule names: the share of the attack's bits on the heaviest port. */
class AttackEventTest {

    private static AttackEvent start(double windowBitsPerSecond, AttackEvent.Port... ports) {
        return new AttackEvent(AttackEvent.Kind.START, 1001, "1001/10.0.8.9@1", "10.0.8.9", 1, 1, windowBitsPerSecond, 0,
                20e6, 5_000, List.of(), List.of(ports));
    }

    @Test
    void aShortListIsEveryPortCountedSoItsSumIsTheMeasure() {
        // A start at the crossing flow: the lists hold part of a second, far below the window's 80 Mbit/s.
        AttackEvent event = start(80e6, new AttackEvent.Port(17, 123, 30e6), new AttackEvent.Port(6, 443, 1e6));
        assertThat(event.dominantPort(0.8)).isEqualTo(new AttackEvent.Port(17, 123, 30e6));
        assertThat(start(80e6, new AttackEvent.Port(17, 123, 30e6), new AttackEvent.Port(6, 443, 20e6)).dominantPort(0.8))
                .as("60 % of what was counted").isNull();
    }

    @Test
    void aFullListMayLeavePortsOutSoTheWindowIsTheMeasure() {
        AttackEvent.Port top = new AttackEvent.Port(17, 53, 30e6);
        List<AttackEvent.Port> five = List.of(top, new AttackEvent.Port(17, 1, 1e6), new AttackEvent.Port(17, 2, 1e6),
                new AttackEvent.Port(17, 3, 1e6), new AttackEvent.Port(17, 4, 1e6));
        assertThat(start(80e6, five.toArray(AttackEvent.Port[]::new)).dominantPort(0.8)).as("30 of 80 Mbit/s").isNull();
        assertThat(start(36e6, five.toArray(AttackEvent.Port[]::new)).dominantPort(0.8)).isEqualTo(top);
    }
}
