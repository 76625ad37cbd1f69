package org.bwnetflow.connect.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * The whole machine's CPU time from /proc/stat (Linux): busy and total ticks over all CPUs, so a
 * step can say how much of the machine everything together used (collector, broker, database,
 * sender): a collector that loses flows on a saturated machine is short of CPU, not of design.
 */
record MachineCpu(long busyTicks, long totalTicks) {

    static MachineCpu now() {
        try {
            String[] fields = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new MachineCpu(total - idle, total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
    }

    /** Share of all CPUs busy between {@code earlier} and this reading, 0..1. */
    double busySince(MachineCpu earlier) {
        long total = totalTicks - earlier.totalTicks;
        return total <= 0 ? Double.NaN : (double) (busyTicks - earlier.busyTicks) / total;
    }
}
