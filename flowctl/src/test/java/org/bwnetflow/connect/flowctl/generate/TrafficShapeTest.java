package org.bwnetflow.connect.flowctl.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The normal flow rate per second: constant as before, or a compressed day with bursts and jitter, per seed. */
class TrafficShapeTest {

    @Test
    void aConstantRateIsDueAsBefore() {
        TrafficShape shape = TrafficShape.constant(960);
        assertThat(shape.shaped()).isFalse();
        for (long n : new long[] {0, 1, 24, 959, 960, 57_599, 57_600}) {
            assertThat(shape.nanosOf(n)).isEqualTo(n * 1_000_000_000L / 960);
        }
        assertThat(TrafficShape.constant(0).nanosOf(1_000)).as("as fast as possible").isZero();
    }

    @Test
    void aDiurnalDayFollowsTheCurveWithinAFlowEachSecond() {
        int day = 240;
        TrafficShape shape = new TrafficShape(1_000, true, day, 1, 0, 5);
        long[] quotas = quotas(shape, day);
        double exactSum = 0;
        long sum = 0;
        for (int s = 0; s < day; s++) {
            double exact = 1_000 * shape.dayCurve(s + 0.5);
            exactSum += exact;
            sum += quotas[s];
            assertThat((double) quotas[s]).as("second %d", s).isCloseTo(exact, offset(1.0));
            assertThat((double) sum).as("flows up to second %d", s).isCloseTo(exactSum, offset(1.0));
        }
        // 04:00 is second 40 of a 240 s day, 16:00 second 160.
        assertThat(quotas[40]).isBetween(249L, 251L);
        assertThat(quotas[160]).isBetween(999L, 1_000L);
        assertThat(Arrays.stream(quotas).min().getAsLong()).isBetween(249L, 251L);
        assertThat(Arrays.stream(quotas).max().getAsLong()).isBetween(999L, 1_000L);
        // The mean of the cosine curve: (0.25 + 1) / 2 of the peak.
        assertThat(sum).isCloseTo(150_000L, offset(1L));
        // The next day repeats it.
        long[] second = quotas(shape, day);
        assertThat(second[40]).isBetween(249L, 251L);
        assertThat(second[160]).isBetween(999L, 1_000L);
    }

    @Test
    void burstsAndJitterStayWithinTheirBoundsAndDependOnTheSeedOnly() {
        int seconds = 3_600;
        long[] a = quotas(new TrafficShape(1_000, false, 86_400, 3, 0.1, 7), seconds);
        long[] b = quotas(new TrafficShape(1_000, false, 86_400, 3, 0.1, 7), seconds);
        long[] c = quotas(new TrafficShape(1_000, false, 86_400, 3, 0.1, 8), seconds);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        for (long quota : a) {
            assertThat(quota).isBetween(899L, 3_301L);
        }
        long burstSeconds = Arrays.stream(a).filter(q -> q > 1_150).count();
        int bursts = 0;
        for (int s = 1; s < seconds; s++) {
            if (a[s] > 1_150 && a[s - 1] <= 1_100) {
                bursts++;
            }
        }
        // About one burst a minute (a burst whose factor stays below jitter's reach is not seen), 2 to 10 s each.
        assertThat(bursts).as("bursts in an hour").isBetween(25, 90);
        assertThat(burstSeconds).isBetween(bursts * 2L, bursts * 10L + 10);
        // Without bursts the jitter alone: within 10 %.
        for (long quota : quotas(new TrafficShape(1_000, false, 86_400, 1, 0.1, 7), seconds)) {
            assertThat(quota).isBetween(899L, 1_101L);
        }
    }

    @Test
    void flowsAreDueEvenlyWithinTheirSecond() {
        long[] quotas = quotas(new TrafficShape(500, true, 60, 2, 0.2, 3), 120);
        TrafficShape shape = new TrafficShape(500, true, 60, 2, 0.2, 3);
        long n = 0;
        long previous = -1;
        for (int s = 0; s < 120; s++) {
            assertThat(shape.nanosOf(n)).as("the first flow of second %d", s).isEqualTo(s * 1_000_000_000L);
            for (long i = 0; i < quotas[s]; i++, n++) {
                long due = shape.nanosOf(n);
                assertThat(due).isGreaterThan(previous).isLessThan((s + 1) * 1_000_000_000L);
                assertThat(due).isEqualTo(s * 1_000_000_000L + i * 1_000_000_000L / quotas[s]);
                previous = due;
            }
        }
    }

    @Test
    void badShapesAreRefused() {
        assertThatThrownBy(() -> new TrafficShape(10, true, 0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrafficShape(10, false, 60, 0.5, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrafficShape(10, false, 60, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] quotas(TrafficShape shape, int seconds) {
        long[] quotas = new long[seconds];
        for (int s = 0; s < seconds; s++) {
            quotas[s] = shape.nextSecond();
        }
        return quotas;
    }
}
