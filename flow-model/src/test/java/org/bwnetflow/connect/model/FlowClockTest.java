package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlowClockTest {

    private static final long NOW = 1_800_000_000_000L;
    private final FlowClock clock = new FlowClock(60_000);

    @Test
    void trustsFlowTimesWithinTheToleranceInBothDirections() {
        assertThat(clock.timeOf(NOW - 60_000, NOW)).isEqualTo(NOW - 60_000);
        assertThat(clock.timeOf(NOW + 60_000, NOW)).isEqualTo(NOW + 60_000);
        assertThat(clock.isSkewed(NOW - 60_000, NOW)).isFalse();
        assertThat(clock.isSkewed(NOW + 60_000, NOW)).isFalse();
    }

    @Test
    void replacesFlowTimesBeyondTheToleranceByTheReference() {
        assertThat(clock.timeOf(NOW - 60_001, NOW)).isEqualTo(NOW);
        assertThat(clock.timeOf(NOW + 60_001, NOW)).isEqualTo(NOW);
        long aYearAhead = NOW + 365L * 24 * 3600 * 1000;
        assertThat(clock.isSkewed(aYearAhead, NOW)).isTrue();
        assertThat(clock.timeOf(aYearAhead, NOW)).isEqualTo(NOW);
        assertThat(clock.timeOf(1_000, NOW)).as("1970: an uptime counter that wrapped").isEqualTo(NOW);
    }

    @Test
    void aMissingFlowTimeTakesTheReferenceWithoutCountingAsSkew() {
        assertThat(clock.isSkewed(0, NOW)).isFalse();
        assertThat(clock.timeOf(0, NOW)).isEqualTo(NOW);
    }

    @Test
    void hostileTimesSaturateInsteadOfOverflowing() {
        assertThat(FlowClock.secondsToMillis(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(FlowClock.secondsToMillis(-1)).as("uint64 max").isEqualTo(Long.MAX_VALUE);
        assertThat(FlowClock.secondsToMillis(1_800_000_000L)).isEqualTo(NOW);
        assertThat(clock.isSkewed(Long.MAX_VALUE, NOW)).isTrue();
        assertThat(clock.isSkewed(Long.MAX_VALUE, -NOW)).as("difference overflows").isTrue();
        assertThat(clock.timeOf(Long.MAX_VALUE, NOW)).isEqualTo(NOW);
    }

    @Test
    void aNegativeToleranceIsRefused() {
        assertThatThrownBy(() -> new FlowClock(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroToleranceTrustsOnlyTheExactReference() {
        FlowClock strict = new FlowClock(0);
        assertThat(strict.timeOf(NOW, NOW)).isEqualTo(NOW);
        assertThat(strict.isSkewed(NOW + 1, NOW)).isTrue();
    }
}
