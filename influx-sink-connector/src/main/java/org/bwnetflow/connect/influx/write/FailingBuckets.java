package org.bwnetflow.connect.influx.write;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.bwnetflow.connect.model.retry.Backoff;

/**
 * Customer buckets whose writes fail for a reason of their own (404: the bucket does not exist,
 * 403: the token may not write to it), with a backoff each: that customer's points wait and are
 * retried, while every other bucket is written as usual.
 */
public final class FailingBuckets {

    private final Duration initial;
    private final Duration max;
    private final Map<String, Backoff> backoffs = new HashMap<>();
    private final Map<String, Long> retryAt = new HashMap<>();

    public FailingBuckets(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** Whether a write to the bucket should wait (it failed, and its backoff has not passed). */
    public boolean isWaiting(String bucket, long now) {
        Long at = retryAt.get(bucket);
        return at != null && now < at;
    }

    /** The bucket failed again: returns the delay before its next attempt. */
    public long failed(String bucket, long now) {
        // Unlimited attempts: a missing bucket is the operator's to create; the customer's partitions wait paused.
        long delay = backoffs.computeIfAbsent(bucket, b -> new Backoff(initial, max, Integer.MAX_VALUE)).next();
        retryAt.put(bucket, now + delay);
        return delay;
    }

    /** The bucket was written: it is healthy again. */
    public void succeeded(String bucket) {
        backoffs.remove(bucket);
        retryAt.remove(bucket);
    }

    public boolean isFailing(String bucket) {
        return retryAt.containsKey(bucket);
    }

    public int size() {
        return retryAt.size();
    }
}
