package org.bwnetflow.connect.model.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for a sink retrying its writes or sends: the n-th delay (n from 0) is drawn
 * uniformly from [d/2, d] with d = min(max, initial * 2^n) ("equal jitter": tasks that failed
 * together spread out, yet no delay collapses to zero), at most {@code maxAttempts} retries.
 * The sink task's idiom:
 *
 * <pre>
 * catch (WriteFailure e) {
 *     if (!e.retriable()) throw new ConnectException(e.getMessage(), e);
 *     if (backoff.exhausted()) throw new ConnectException("giving up after " + backoff.attempts() + " ...", e);
 *     context.timeout(backoff.next());
 *     throw new RetriableException(e.getMessage(), e);
 * }
 * // and after a successful write: backoff.reset();
 * </pre>
 *
 * <p>Not thread-safe: one instance per task. Tests inject the random source.
 */
public final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private final int maxAttempts;
    private final DoubleSupplier random;
    private int attempts;

    /** Backoff with {@link ThreadLocalRandom} as the jitter source. */
    public Backoff(Duration initial, Duration max, int maxAttempts) {
        this(initial, max, maxAttempts, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Backoff drawing jitter from {@code random} (values in [0, 1)).
     *
     * @param maxAttempts how many retries {@link #next()} hands out before {@link #exhausted()}; 0 means none
     */
    public Backoff(Duration initial, Duration max, int maxAttempts, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is below the initial backoff " + initial);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("max attempts must not be negative: " + maxAttempts);
        }
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** True when every retry has been handed out: the caller gives up. */
    public boolean exhausted() {
        return attempts >= maxAttempts;
    }

    /** The retries handed out since the last {@link #reset()}. */
    public int attempts() {
        return attempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The delay in milliseconds before the next retry; counts the attempt.
     *
     * @throws IllegalStateException when {@link #exhausted()}
     */
    public long next() {
        if (exhausted()) {
            throw new IllegalStateException("no retries left after " + attempts + " attempts");
        }
        long ceiling = ceiling(attempts);
        attempts++;
        double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        long half = ceiling / 2;
        return Math.min(ceiling, half + (long) Math.floor(r * (ceiling - half)));
    }

    /** After a successful write: the next failure starts again at the initial delay. */
    public void reset() {
        attempts = 0;
    }

    /** min(max, initial * 2^n), without overflow. */
    private long ceiling(int n) {
        if (n >= 62 || initialMs > (maxMs >> Math.min(n, 62))) {
            return maxMs;
        }
        return Math.min(maxMs, initialMs << n);
    }

    @Override
    public String toString() {
        return "Backoff[" + initialMs + " ms .. " + maxMs + " ms, " + attempts + "/" + maxAttempts + " attempts]";
    }
}
