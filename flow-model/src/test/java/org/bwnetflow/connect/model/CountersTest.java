package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountersTest {

    @Test
    void scalesByTheSamplingRate() {
        assertThat(Counters.scale(1_500, 100)).isEqualTo(150_000);
        assertThat(Counters.scale(1_500, 1)).isEqualTo(1_500);
        assertThat(Counters.scale(0, 1_000)).isZero();
    }

    @Test
    void productsBeyond63BitsSaturate() {
        assertThat(Counters.scale(Long.MAX_VALUE / 2, 3)).isEqualTo(Long.MAX_VALUE);
        assertThat(Counters.scale(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Counters.scale(1L << 32, 1L << 31)).as("exactly 2^63").isEqualTo(Long.MAX_VALUE);
        assertThat(Counters.scale(1L << 31, 1L << 31)).isEqualTo(1L << 62);
    }

    @Test
    void uint64CountersAbove2To63ReadAsNegativeSaturate() {
        assertThat(Counters.scale(-1, 1)).as("uint64 max").isEqualTo(Long.MAX_VALUE);
        assertThat(Counters.scale(-5, 10)).isEqualTo(Long.MAX_VALUE);
        assertThat(Counters.scale(100, -1)).as("a uint64 max sampling rate").isEqualTo(Long.MAX_VALUE);
        assertThat(Counters.scale(0, -1)).isZero();
        assertThat(Counters.scale(-1, 0)).isZero();
    }

    @Test
    void sumsSaturate() {
        assertThat(Counters.add(2, 3)).isEqualTo(5);
        assertThat(Counters.add(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Counters.add(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Counters.add(Long.MAX_VALUE - 10, 10)).isEqualTo(Long.MAX_VALUE);
    }
}
