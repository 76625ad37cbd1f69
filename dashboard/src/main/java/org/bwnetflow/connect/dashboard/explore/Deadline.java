package org.bwnetflow.connect.dashboard.explore;

import java.time.Duration;

/**
 * When one view must be answered by. A view is several statements (a Sankey diagram up to six), so
 * the bound is on the view: each statement gets the time left, and none starts after it.
 */
public final class Deadline {

    private final long endNanos;
    private final Duration budget;

    private Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    public static Deadline after(Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("a view needs some time, got " + budget);
        }
        return new Deadline(budget);
    }

    /** Milliseconds left, 0 when none. */
    public long millisLeft() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    /** The whole time the view had. */
    public Duration budget() {
        return budget;
    }
}
