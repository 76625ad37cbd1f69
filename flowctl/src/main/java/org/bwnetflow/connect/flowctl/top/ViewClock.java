package org.bwnetflow.connect.flowctl.top;

/**
 * Where the live view's window ends: at the newest flow's second, moving on with the wall clock
 * while no newer flow arrives, so that traffic that stopped fades out of the rates instead of
 * freezing on the screen.
 */
final class ViewClock {

    private long watermark = Long.MIN_VALUE;
    private long watermarkSeenAtMillis;

    void observe(long newestSecond, long nowMillis) {
        if (newestSecond != watermark) {
            watermark = newestSecond;
            watermarkSeenAtMillis = nowMillis;
        }
    }

    /** The second the window ends at; {@code Long.MIN_VALUE} before the first flow. */
    long at(long nowMillis) {
        return watermark == Long.MIN_VALUE ? watermark : watermark + (nowMillis - watermarkSeenAtMillis) / 1000;
    }
}
