package org.bwnetflow.connect.stack.watch;

import java.util.Locale;
import java.util.Map;

/**
 * One line that says how the pipeline is doing between two snapshots: flows per second
 * received, losses before the source, records per tenant topic, points written.
 */
public final class StatusLine {

    private StatusLine() {
    }

    public static String format(PipelineSnapshot before, PipelineSnapshot now) {
        double seconds = Math.max(1e-3, (now.nanoTime() - before.nanoTime()) / 1e9);
        StringBuilder line = new StringBuilder();
        // A restarted task starts its counters at zero.
        long flows = now.flows() >= before.flows() ? now.flows() - before.flows() : now.flows();
        line.append(String.format(Locale.ROOT, "flows/s %,.0f", flows / seconds))
                .append(String.format(Locale.ROOT, " | received %,d flows in %,d datagrams", now.flows(), now.datagrams()));
        if (now.sequenceMissing() > 0 || now.kernelDrops() > 0 || now.templateMisses() > 0) {
            line.append(String.format(Locale.ROOT, " (lost before us: %,d by sequence numbers, kernel drops %,d, "
                    + "template misses %,d)", now.sequenceMissing(), now.kernelDrops(), now.templateMisses()));
        }
        line.append(" | records");
        if (now.topicRecords().isEmpty()) {
            line.append(" none yet");
        }
        for (Map.Entry<String, Long> topic : now.topicRecords().entrySet()) {
            line.append(String.format(Locale.ROOT, " %s %,d", topic.getKey(), topic.getValue()));
        }
        line.append(String.format(Locale.ROOT, " | points written %,d", now.points()));
        if (now.clockCorrected() > 0) {
            line.append(String.format(Locale.ROOT, " (flows from routers with a wrong clock, counted at their receive "
                    + "time %,d)", now.clockCorrected()));
        }
        if (now.unreadable() > 0) {
            line.append(" | ").append(now.unreadable()).append(" worker(s) not readable");
        }
        return line.toString();
    }
}
