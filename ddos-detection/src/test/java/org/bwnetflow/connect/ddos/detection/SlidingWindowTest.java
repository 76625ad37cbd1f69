package org.bwnetflow.connect.ddos.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.ip;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private static final Prefix A = Prefix.address(ip("192.0.2.1"));
    private static final Prefix B = Prefix.address(ip("192.0.2.2"));

    @Test
    void ratesAreTheWindowsSumsOverItsLength() {
        SlidingWindow window = new SlidingWindow(10, 100);
        for (long s = 100; s < 110; s++) {
            assertThat(window.add(A, s, 1_000, 10)).isTrue();
            assertThat(window.add(A, s, 500, 5)).isTrue();
        }
        window.add(B, 105, 10_000, 1);
        assertThat(window.rates(A)).isEqualTo(new Rates(10 * 1_500 * 8 / 10.0, 10 * 15 / 10.0));
        assertThat(window.flowsPerSecond(A)).isEqualTo(2.0);
        assertThat(window.rates(B)).isEqualTo(new Rates(10_000 * 8 / 10.0, 0.1));
        assertThat(window.rates(Prefix.address(ip("192.0.2.3")))).isEqualTo(Rates.ZERO);
    }

    @Test
    void secondsLeaveTheWindowAndQuietTargetsAreDropped() {
        SlidingWindow window = new SlidingWindow(10, 100);
        for (long s = 100; s < 110; s++) {
            window.add(A, s, 1_000, 1);
        }
        window.add(B, 101, 1_000, 1);
        window.advance(113); // the window is 104..113 now
        assertThat(window.rates(A).bitsPerSecond()).isEqualTo(6 * 1_000 * 8 / 10.0);
        assertThat(window.targets()).containsExactly(A);
        window.advance(119);
        assertThat(window.size()).isZero();
        assertThat(window.add(A, 150, 80, 1)).isTrue(); // back, starting afresh
        assertThat(window.rates(A).bitsPerSecond()).isEqualTo(64.0);
    }

    @Test
    void aFlowOlderThanItsTargetsWindowIsRefused() {
        SlidingWindow window = new SlidingWindow(10, 100);
        window.add(A, 200, 1_000, 1);
        assertThat(window.add(A, 191, 1_000, 1)).isTrue();
        assertThat(window.add(A, 190, 1_000, 1)).isFalse();
        assertThat(window.rates(A).bitsPerSecond()).isEqualTo(1_600.0);
    }

    @Test
    void targetsAreCappedAndFlowsBeyondTheCapAreCounted() {
        SlidingWindow window = new SlidingWindow(10, 3);
        for (int i = 1; i <= 5; i++) {
            window.add(Prefix.address(new byte[] {10, 0, 0, (byte) i}), 100, 1_000, 1);
        }
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.refusedFlows()).isEqualTo(2);
        assertThat(window.add(Prefix.address(new byte[] {10, 0, 0, 1}), 101, 1_000, 1)).isTrue(); // known: counted
        window.advance(200);
        assertThat(window.add(Prefix.address(new byte[] {10, 0, 0, 5}), 200, 1_000, 1)).isTrue(); // room again
    }

    @Test
    void countersAtLongMaxSaturateAndLeaveTheWindowCleanly() {
        SlidingWindow window = new SlidingWindow(10, 100);
        window.add(A, 100, Long.MAX_VALUE, Long.MAX_VALUE);
        window.add(A, 101, Long.MAX_VALUE, Long.MAX_VALUE);
        window.add(A, 102, 1_000, 1);
        assertThat(window.rates(A).bitsPerSecond()).as("saturated, never negative").isEqualTo(Long.MAX_VALUE * 8.0 / 10);
        assertThat(window.rates(A).packetsPerSecond()).isEqualTo(Long.MAX_VALUE / 10.0);
        window.advance(111); // 100 and 101 leave the window: what is left is exact again
        assertThat(window.rates(A)).isEqualTo(new Rates(1_000 * 8 / 10.0, 0.1));
    }
}
