package org.bwnetflow.connect.benchmarks.rawflows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.bwnetflow.connect.rawflows.encode.FlowLineEncoder;
import org.bwnetflow.connect.rawflows.encode.LineBuffer;

/**
 * The raw flows encoder's cost as thread CPU time per flow, over rounds of 5,000,000 flows (the
 * messages of {@link RawFlowsEncodeBenchmark}): on a machine other work keeps busy, wall-clock
 * throughput says how much of a core the thread got, CPU time what a flow costs.
 */
public final class RawFlowsEncodeCpu {

    private static final int ROUNDS = 8;
    private static final int FLOWS_PER_ROUND = 5_000_000;

    private RawFlowsEncodeCpu() {
    }

    public static void main(String[] args) {
        RawFlowsEncodeBenchmark messages = new RawFlowsEncodeBenchmark();
        messages.setup();
        FlowLineEncoder encoder = new FlowLineEncoder("flows_raw");
        LineBuffer lines = new LineBuffer(16 << 20);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long offset = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long before = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < FLOWS_PER_ROUND; i++) {
                if (lines.lines() == 16_384) {
                    lines.clear();
                }
                encoder.append(lines, messages.message(i), "flows-1000", 0, offset, 1_796_000_011_000L + offset);
                offset++;
            }
            double nanos = (threads.getCurrentThreadCpuTime() - before) / (double) FLOWS_PER_ROUND;
            System.out.printf(Locale.ROOT, "round %d: %.0f CPU ns per flow (%.2f M flows per CPU second)%n", round, nanos,
                    1000 / nanos);
        }
    }
}
