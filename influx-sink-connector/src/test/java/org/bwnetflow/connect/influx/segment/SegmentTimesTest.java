package org.bwnetflow.connect.influx.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bwnetflow.connect.model.FlowClock;
import org.junit.jupiter.api.Test;

/** The slots that keep the segments' points of a window apart, and the clock policy relative to a segment. */
class SegmentTimesTest {

    @Test
    void everySegmentThatCanAddToAWindowHasASlotOfItsOwnInsideTheWindow() {
        Random random = new Random(5);
        for (int run = 0; run < 300; run++) {
            long window = 1_000L * (1 + random.nextInt(60));
            long segment = 100L * (1 + random.nextInt(200));
            long tolerance = random.nextInt(5) == 0 ? 0 : 1_000L * random.nextInt(600);
            if (SegmentTimes.slotSpan(window, segment, tolerance) > window) {
                continue;
            }
            SegmentTimes times = new SegmentTimes(window, segment, new FlowClock(tolerance));
            Map<Long, Set<Long>> slotsByWindow = new HashMap<>();
            Map<Long, Set<Long>> segmentsByWindow = new HashMap<>();
            long base = 1_800_000_000_000L + random.nextInt(1_000_000);
            for (long number = base / segment; number < base / segment + 200; number++) {
                // Flows at the extremes the policy lets through: the tolerance around the segment's interval.
                for (long t : new long[] {number * segment - tolerance, number * segment, (number + 1) * segment - 1,
                        (number + 1) * segment - 1 + tolerance, number * segment + random.nextInt((int) segment)}) {
                    long reference = times.reference(number * segment + random.nextInt((int) segment), number);
                    long start = times.windowOf(t, reference);
                    long point = times.pointTime(start, number);
                    assertThat(point).as("inside its window").isBetween(start, start + window - 1);
                    if (segmentsByWindow.computeIfAbsent(start, w -> new HashSet<>()).add(number)) {
                        assertThat(slotsByWindow.computeIfAbsent(start, w -> new HashSet<>()).add(point))
                                .as("window %d ms, segment %d ms, tolerance %d ms: segment %d's slot in window %d is taken",
                                        window, segment, tolerance, number, start).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aRecordFarOutOfOrderIsJudgedAgainstItsSegmentsStart() {
        SegmentTimes times = new SegmentTimes(10_000, 10_000, new FlowClock(60_000));
        long number = 180_000_009L; // the segment of 1_800_000_090_000
        long reference = times.reference(1_800_000_015_000L, number);
        assertThat(reference).isEqualTo(1_800_000_090_000L);
        assertThat(times.isSkewed(1_800_000_012_000L, reference)).isTrue();
        assertThat(times.windowOf(1_800_000_012_000L, reference)).isEqualTo(1_800_000_090_000L);
        assertThat(times.windowOf(1_800_000_052_000L, reference)).as("within the tolerance").isEqualTo(1_800_000_050_000L);
    }

    @Test
    void aToleranceTooLargeForTheWindowsMillisecondsIsRefused() {
        assertThat(SegmentTimes.slotSpan(10_000, 10_000, 60_000)).isEqualTo(15);
        assertThatThrownBy(() -> new SegmentTimes(1_000, 100, new FlowClock(60_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000 milliseconds");
    }
}
