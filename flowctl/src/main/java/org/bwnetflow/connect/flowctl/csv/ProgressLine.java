package org.bwnetflow.connect.flowctl.csv;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Records/s and lag, rewritten in place once a second on a terminal; silent otherwise. */
final class ProgressLine {

    private final PrintWriter err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastPrint;
    private long lastCount;
    private long lastNanos = started;

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    void update(long written, Consumer<?, ?> consumer) {
        long now = System.nanoTime();
        if (!terminal || now - lastPrint < 1_000_000_000L) {
            return;
        }
        lastPrint = now;
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        double rate = (written - lastCount) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastCount = written;
        lastNanos = now;
        err.printf(Locale.ROOT, "\r\033[Kflowctl csv: %,d flows written, %,.0f/s, lag %,d", written, rate, lag);
        err.flush();
    }

    void done() {
        if (terminal && lastPrint != 0) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
