package org.bwnetflow.connect.stack.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static PipelineSnapshot snapshot(long flows, long missing, Map<String, Long> topics, long points,
                                             long seconds) {
        return new PipelineSnapshot(flows / 24, flows, missing, 0, 0, new TreeMap<>(topics), points, 0, 1L, 0,
                TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void saysFlowsPerSecondRecordsPerTopicAndPoints() {
        PipelineSnapshot before = snapshot(1_200, 0, Map.of(), 0, 100);
        PipelineSnapshot now = snapshot(2_400, 0, Map.of("flows-1000", 700L, "flows-1200", 1_700L), 35, 105);

        assertThat(StatusLine.format(before, now)).isEqualTo("flows/s 240 | received 2,400 flows in 100 datagrams"
                + " | records flows-1000 700 flows-1200 1,700 | points written 35");
        assertThat(now.records()).isEqualTo(2_400);
    }

    @Test
    void namesLossesOnlyWhenThereAreAny() {
        PipelineSnapshot before = snapshot(0, 0, Map.of(), 0, 0);
        assertThat(StatusLine.format(before, snapshot(480, 0, Map.of(), 0, 1))).doesNotContain("lost");
        assertThat(StatusLine.format(before, snapshot(480, 7, Map.of(), 0, 1)))
                .contains("lost before us: 7 by sequence numbers");
    }

    @Test
    void aRestartedTaskIsNotANegativeRate() {
        // The task restarted between the two readings: its counters began again at zero.
        PipelineSnapshot before = snapshot(50_000, 0, Map.of(), 0, 0);
        PipelineSnapshot now = snapshot(1_000, 0, Map.of(), 0, 2);

        assertThat(StatusLine.format(before, now)).startsWith("flows/s 500 |");
    }

    @Test
    void saysWhenAWorkerCouldNotBeRead() {
        PipelineSnapshot before = snapshot(0, 0, Map.of(), 0, 0);
        PipelineSnapshot now = new PipelineSnapshot(0, 0, 0, 0, 0, new TreeMap<>(), 0, 0, 0, 1, 1_000_000_000L);

        assertThat(StatusLine.format(before, now)).endsWith("| 1 worker(s) not readable").contains("records none yet");
    }
}
