package org.bwnetflow.connect.ddos.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.flow;
import static org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.ip;

import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * What a flow costs in heap, measured where the connector will call it: a flow of a second already
 * open (the clock's advance, a second's work for all targets, is not counted). Today a flow makes its
 * target key (a masked copy of the address and the key object); one to a watched target also its
 * source's key and the boxed port. The bounds leave room for other JVMs' object layouts, not for a
 * text or a record per flow.
 */
class DetectorAllocationTest {

    private static final long T0 = 1_772_000_000L;
    private static final int TARGETS = 100;
    private static final int SECONDS = 300;

    @Test
    void aFlowAllocatesOnlyItsKeys() {
        // Fails rather than skips on a JVM that cannot count a thread's allocations: CI must not pass it unmeasured.
        assertThat(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled())
                .as("this JVM counts each thread's allocated bytes (com.sun.management.ThreadMXBean)").isTrue();
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Struct[][] quiet = flows(1_000);
        Struct[][] flood = flows(1_000_000); // 80 Mbit/s each: every target watched and in alert
        perFlow(bean, quiet); // the JIT's turn
        double quietBytes = perFlow(bean, quiet);
        double floodBytes = perFlow(bean, flood);
        System.out.printf("ddos detection: %.1f bytes per flow to a quiet target, %.1f to one in alert%n", quietBytes, floodBytes);
        assertThat(quietBytes).isLessThan(96);
        assertThat(floodBytes).isLessThan(192);
    }

    /** Per second, one flow to each target. */
    private static Struct[][] flows(long bytes) {
        Struct[][] flows = new Struct[SECONDS][TARGETS];
        for (int s = 0; s < SECONDS; s++) {
            for (int t = 0; t < TARGETS; t++) {
                flows[s][t] = flow(T0 + s, ip("203.0.113." + (s % 50)), new byte[] {10, 0, 0, (byte) t}, 17, 53, bytes, 100, 1);
            }
        }
        return flows;
    }

    /** Heap bytes per flow of a second's flows after its first, through a new detector. */
    private static double perFlow(com.sun.management.ThreadMXBean bean, Struct[][] flows) {
        DdosDetector detector = new DdosDetector(new DetectorSettings(10, 3.0, 1e6, 1e9, 10, 32, 128, 100_000, false, 5),
                new HourlyBaseline(10, ZoneOffset.UTC, 100_000), alert -> { });
        long allocated = 0;
        for (Struct[] second : flows) {
            detector.accept(second[0]); // closes the second before: not counted
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int t = 1; t < second.length; t++) {
                detector.accept(second[t]);
            }
            allocated += bean.getCurrentThreadAllocatedBytes() - before;
        }
        return (double) allocated / (flows.length * (flows[0].length - 1));
    }
}
