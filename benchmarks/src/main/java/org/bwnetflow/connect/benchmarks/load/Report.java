package org.bwnetflow.connect.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The harness's results as Markdown: per collector the highest lossless rate, then every step. */
final class Report {

    /** Loss under this counts as lossless. */
    static final double LOSSLESS = 0.001;

    private Report() {
    }

    static String markdown(List<LoadHarness.Result> results, LoadHarness harness) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("Machine: ").append(harness.describeMachine()).append("  \n");
        sb.append("Load: ").append(harness.settings()).append(".\n\n");
        sb.append("| collector | highest lossless rate (loss < 0.1%) | loss one step above | CPU s per million flows"
                + " at that rate | memory at that rate | sink behind at that rate |\n|---|---|---|---|---|---|\n");
        Map<String, List<LoadHarness.Result>> byCollector = new LinkedHashMap<>();
        results.forEach(r -> byCollector.computeIfAbsent(r.collector(), k -> new ArrayList<>()).add(r));
        byCollector.forEach((collector, steps) -> {
            LoadHarness.Result best = null;
            LoadHarness.Result above = null;
            for (LoadHarness.Result r : steps) {
                if (r.medianLoss() < LOSSLESS && above == null) {
                    best = r;
                } else if (above == null) {
                    above = r;
                }
            }
            sb.append("| ").append(collector).append(" | ")
                    .append(best == null ? "none" : String.format("%,d flows/s", best.rate())).append(" | ")
                    .append(above == null ? "none measured" : String.format("%.2f%% at %,d", above.medianLoss() * 100,
                            above.rate())).append(" | ")
                    .append(best == null ? "-" : String.format("%.2f", best.medianCpuPerMillion())).append(" | ")
                    .append(best == null ? "-" : mib(best.maxMemory())).append(" | ")
                    .append(best == null ? "-" : lag(best.maxSinkLag())).append(" |\n");
        });
        sb.append("\nEvery step (medians of the runs; memory and sink lag the largest of the runs; broker: its CPU"
                + " cores while sending; machine: share of all CPUs busy while sending, everything included):\n\n"
                + "| collector | rate (flows/s) | sent at | loss | CPU s per M flows | memory | sink behind | broker"
                + " | machine |\n|---|---|---|---|---|---|---|---|---|\n");
        for (LoadHarness.Result r : results) {
            sb.append(String.format("| %s | %,d | %,.0f | %.3f%% | %.2f | %s | %s | %.2f cores | %.0f%% |%n", r.collector(),
                    r.rate(), r.achievedRate(), r.medianLoss() * 100, r.medianCpuPerMillion(), mib(r.maxMemory()),
                    lag(r.maxSinkLag()), r.medianBrokerCores(), r.medianMachineBusy() * 100));
        }
        return sb.toString();
    }

    /** Records the sink had not read when the step's flows had all arrived; n/a without a sink. */
    static String lag(long records) {
        return records < 0 ? "n/a" : String.format("%,d records", records);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / 1048576.0);
    }
}
