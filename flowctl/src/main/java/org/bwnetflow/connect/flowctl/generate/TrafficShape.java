package org.bwnetflow.connect.flowctl.generate;

import java.util.SplittableRandom;

/**
 * When the normal flows are due: a constant {@code --rate}, or a rate that follows a day's curve
 * ({@code --diurnal}, compressed into {@code --day-seconds}) with random bursts ({@code --bursts})
 * and per-second jitter ({@code --jitter}) on top. The shaped rate is decided second by second:
 * second {@code s} gets {@code floor(R(s+1)) - floor(R(s))} flows, R being the exact rate summed
 * over the seconds before, so every second is within one flow of its exact rate and the sum over
 * any stretch is within one flow of the exact sum. Its own random stream (from the seed) decides
 * bursts and jitter: the flows themselves are the same as without a shape.
 */
public final class TrafficShape {

    /** The night's rate as a share of the day's peak (--diurnal). */
    public static final double NIGHT_SHARE = 0.25;
    /** Where the curve is lowest and highest, in hours of the (compressed) day. */
    public static final double LOWEST_HOUR = 4;
    /** A burst starts in a second without one with this probability (about one a minute). */
    public static final double BURST_START_PROBABILITY = 1.0 / 60;
    public static final int BURST_MIN_SECONDS = 2;
    public static final int BURST_MAX_SECONDS = 10;

    private static final long NANOS = 1_000_000_000L;

    private final long rate;
    private final boolean diurnal;
    private final long daySeconds;
    private final double burstFactor;
    private final double jitter;
    private final SplittableRandom random;

    // The second the cursor is in: flows due before it, and its own number of flows.
    private long second = -1;
    private long flowsBefore;
    private long quota;
    private double exactSum;
    private double exactRate;
    private int burstSecondsLeft;
    private double burstMultiplier = 1;

    /**
     * @param rate        flows per second: the constant rate, or the peak of the day's curve
     * @param diurnal     follow the day's curve
     * @param daySeconds  the length of a (compressed) day in seconds
     * @param burstFactor at most this multiple of the rate during a burst; 1 for none
     * @param jitter      each second's rate is multiplied by a random factor in [1 - jitter, 1 + jitter]
     * @param seed        decides bursts and jitter
     */
    public TrafficShape(long rate, boolean diurnal, long daySeconds, double burstFactor, double jitter, long seed) {
        if (rate < 0 || daySeconds < 1 || burstFactor < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("rate >= 0, day seconds >= 1, burst factor >= 1, 0 <= jitter < 1");
        }
        this.rate = rate;
        this.diurnal = diurnal;
        this.daySeconds = daySeconds;
        this.burstFactor = burstFactor;
        this.jitter = jitter;
        this.random = new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + 0x5DEE_CE66_DL);
    }

    /** The constant {@code rate} of earlier versions: flow n is due n / rate seconds after the start. */
    public static TrafficShape constant(long rate) {
        return new TrafficShape(rate, false, 86_400, 1, 0, 0);
    }

    /** Whether the rate changes over time (else it is the constant rate, or as fast as possible for 0). */
    public boolean shaped() {
        return diurnal || burstFactor > 1 || jitter > 0;
    }

    /** The day's curve at {@code second}: between {@link #NIGHT_SHARE} at 04:00 and 1 at 16:00 of the compressed day. */
    public double dayCurve(double secondOfRun) {
        double hour = (secondOfRun % daySeconds) / daySeconds * 24;
        double phase = 2 * Math.PI * (hour - LOWEST_HOUR) / 24;
        return NIGHT_SHARE + (1 - NIGHT_SHARE) * (1 - Math.cos(phase)) / 2;
    }

    /**
     * Nanoseconds after the start at which flow {@code n} (0 is the first) is due. Calls must not go back
     * to an earlier second than the last call's (the cursor moves forward only); a constant rate has no cursor.
     */
    public long nanosOf(long n) {
        if (!shaped()) {
            return rate == 0 ? 0 : n * NANOS / rate;
        }
        while (second < 0 || n >= flowsBefore + quota) {
            nextSecond();
        }
        return second * NANOS + (n - flowsBefore) * NANOS / quota;
    }

    /**
     * Moves the cursor on by a second and returns that second's flows (the next second's, from a new
     * shape: the first call gives second 0's). Tests use it to see the quotas.
     */
    public long nextSecond() {
        if (second >= 0) {
            flowsBefore += quota;
        }
        second++;
        exactRate = rate * multiplier(second);
        long before = (long) Math.floor(exactSum);
        exactSum += exactRate;
        quota = (long) Math.floor(exactSum) - before;
        return quota;
    }

    /** The exact (fractional) rate of the cursor's second: what its quota rounds. */
    public double exactRate() {
        return exactRate;
    }

    /** The second the cursor is in. */
    public long second() {
        return second;
    }

    private double multiplier(long s) {
        double m = diurnal ? dayCurve(s + 0.5) : 1;
        if (burstFactor > 1) {
            if (burstSecondsLeft == 0 && random.nextDouble() < BURST_START_PROBABILITY) {
                burstSecondsLeft = BURST_MIN_SECONDS + random.nextInt(BURST_MAX_SECONDS - BURST_MIN_SECONDS + 1);
                burstMultiplier = 1 + random.nextDouble() * (burstFactor - 1);
            }
            if (burstSecondsLeft > 0) {
                burstSecondsLeft--;
                m *= burstMultiplier;
            }
        }
        if (jitter > 0) {
            m *= 1 - jitter + 2 * jitter * random.nextDouble();
        }
        return m;
    }
}
