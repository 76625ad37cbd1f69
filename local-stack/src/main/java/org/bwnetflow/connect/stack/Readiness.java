package org.bwnetflow.connect.stack;

import java.time.Duration;
import java.util.Objects;

/**
 * Polls a readiness probe of a freshly started server until it answers, the process dies,
 * or the timeout passes. Failures carry the last probe error and the tail of the server log,
 * because "timed out" alone never tells anyone why a broker did not come up.
 */
final class Readiness {

    /** A probe: returns normally when ready, throws or returns false otherwise. */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws Exception;
    }

    private static final Duration INTERVAL = Duration.ofMillis(250);
    private static final int LOG_LINES = 40;

    private Readiness() {
    }

    static void await(String what, StackProcess process, Duration timeout, Probe probe) {
        Objects.requireNonNull(process, "process");
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastError = null;
        while (true) {
            if (!process.isAlive()) {
                throw new StackException(what + " exited during startup with code "
                        + process.exitCode().orElse(-1) + "; last lines of " + process.logFile() + ":\n"
                        + LogTail.of(process.logFile(), LOG_LINES));
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(what + " was not ready within " + timeout.toSeconds() + " s"
                        + (lastError == null ? "" : " (last check: " + lastError + ")")
                        + "; last lines of " + process.logFile() + ":\n" + LogTail.of(process.logFile(), LOG_LINES));
            }
            sleep(what);
        }
    }

    private static void sleep(String what) {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for " + what, e);
        }
    }
}
