package org.bwnetflow.connect.dashboard.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Consecutive failures per key (a client address, a user) and how long the key must wait before
 * its next try: nothing for the first {@code freeFailures - 1}, then {@code baseMillis} doubling
 * with every further failure up to {@code capMillis}. A key is forgotten {@code forgetMillis}
 * after its last failure, or by success. At most {@code maxKeys} keys are kept: past that the
 * least recently seen is dropped, so no number of distinct keys grows the map (a dropped key
 * starts again from nothing, which costs its owner a few tries, not the server memory).
 */
final class Backoff {

    private static final class Record {
        int failures;
        long lastFailureMillis;
        long waitUntilMillis;
    }

    private final int maxKeys;
    private final int freeFailures;
    private final long baseMillis;
    private final long capMillis;
    private final long forgetMillis;
    private final LongSupplier clock;
    private final LinkedHashMap<String, Record> records = new LinkedHashMap<>(64, 0.75f, true);

    Backoff(int maxKeys, int freeFailures, long baseMillis, long capMillis, long forgetMillis, LongSupplier clock) {
        this.maxKeys = maxKeys;
        this.freeFailures = freeFailures;
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.forgetMillis = forgetMillis;
        this.clock = clock;
    }

    /** How long the key must still wait (0: it may try now). */
    synchronized long waitMillis(String key) {
        Record record = live(key);
        return record == null ? 0 : Math.max(0, record.waitUntilMillis - clock.getAsLong());
    }

    /** Whether the key failed lately (its tries go after those of keys that did not). */
    synchronized boolean hasFailures(String key) {
        return live(key) != null;
    }

    synchronized void failed(String key) {
        long now = clock.getAsLong();
        Record record = live(key);
        if (record == null) {
            record = new Record();
            records.put(key, record);
            if (records.size() > maxKeys) {
                Iterator<Map.Entry<String, Record>> eldest = records.entrySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        record.failures = Math.min(record.failures + 1, 62);
        record.lastFailureMillis = now;
        int beyondFree = record.failures - freeFailures;
        long wait = beyondFree < 0 ? 0 : Math.min(capMillis, baseMillis << Math.min(beyondFree, 30));
        record.waitUntilMillis = now + wait;
    }

    synchronized void reset(String key) {
        records.remove(key);
    }

    synchronized int size() {
        return records.size();
    }

    private Record live(String key) {
        Record record = records.get(key);
        if (record != null && clock.getAsLong() - record.lastFailureMillis >= forgetMillis) {
            records.remove(key);
            return null;
        }
        return record;
    }
}
