package org.bwnetflow.connect.model;

/**
 * Arithmetic on traffic counters (Bytes, Packets, SamplingRate and their sums) as an exporter may
 * send them: any uint64, so a value above 2^63 reads as a negative long, and a product or a sum may
 * exceed 64 bits. Both saturate at {@code Long.MAX_VALUE} instead: a total or a rate made of them is
 * never negative and never wraps to a small number. A counter at {@code Long.MAX_VALUE} means "at
 * least this much", which is what a hostile or broken exporter's counter is worth.
 */
public final class Counters {

    private Counters() {
    }

    /** An unsigned 64-bit counter times an unsigned factor (a sampling rate), saturating at Long.MAX_VALUE. */
    public static long scale(long value, long factor) {
        if (value < 0 || factor < 0) {
            return value == 0 || factor == 0 ? 0 : Long.MAX_VALUE;
        }
        long high = Math.multiplyHigh(value, factor);
        long product = value * factor;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }

    /** The sum of two counters that are 0 or more (as {@link #scale} gives them), saturating at Long.MAX_VALUE. */
    public static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
