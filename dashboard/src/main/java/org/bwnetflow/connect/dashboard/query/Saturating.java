package org.bwnetflow.connect.dashboard.query;

import java.math.BigInteger;

/**
 * Counter arithmetic that stops at {@link Long#MAX_VALUE} instead of wrapping: the sink saturates
 * each point there (a hostile exporter may send any 64-bit count), so a sum of a few such points
 * would otherwise turn into a small or negative number, and a rate into a negative one.
 */
final class Saturating {

    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Saturating() {
    }

    /** {@code a + b} of two counts (0 or more), at most Long.MAX_VALUE. */
    static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** An exact sum (such as QuestDB's over LONG256) as a count: at most Long.MAX_VALUE, never below 0. */
    static long of(BigInteger sum) {
        return sum.signum() < 0 ? 0 : sum.compareTo(MAX) > 0 ? Long.MAX_VALUE : sum.longValue();
    }

    /** A sum computed in floating point (as Flux's over floats) as a count: at most Long.MAX_VALUE, never below 0. */
    static long of(double sum) {
        return sum > 0 ? (long) sum : 0; // the cast saturates at Long.MAX_VALUE; NaN is not > 0
    }
}
