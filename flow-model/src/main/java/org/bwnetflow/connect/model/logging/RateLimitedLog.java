package org.bwnetflow.connect.model.logging;

/**
 * Lets a log statement inside a loop through at most once per interval; the caller logs only
 * when {@link #shouldLog()} says so and can report how many it held back. One per call site;
 * thread-safe.
 */
public final class RateLimitedLog {

    private final long intervalMillis;
    private long nextMillis;
    private long suppressed;

    public RateLimitedLog(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    public synchronized boolean shouldLog() {
        long now = System.currentTimeMillis();
        if (now >= nextMillis) {
            nextMillis = now + intervalMillis;
            return true;
        }
        suppressed++;
        return false;
    }

    /** How many calls were held back since the last one that went through; resets the count. */
    public synchronized long takeSuppressed() {
        long count = suppressed;
        suppressed = 0;
        return count;
    }
}
