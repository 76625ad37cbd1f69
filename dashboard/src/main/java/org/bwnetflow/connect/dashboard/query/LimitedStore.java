package org.bwnetflow.connect.dashboard.query;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A store asked by at most {@code slots} requests at once: each answer is bounded
 * ({@link TrafficQuery#MAX_POINTS}), and this bounds how many the dashboard holds at a time,
 * whatever number of connections ask. A request waits up to {@code waitMillis} for a slot,
 * first come first served; then it is {@link StoreBusyException} (503).
 */
public final class LimitedStore implements TrafficStore {

    private final TrafficStore store;
    private final Semaphore slots;
    private final long waitMillis;

    public LimitedStore(TrafficStore store, int slots, long waitMillis) {
        this.store = store;
        this.slots = new Semaphore(slots, true);
        this.waitMillis = waitMillis;
    }

    @Override
    public List<Series> series(TrafficQuery query) {
        return inSlot(() -> store.series(query));
    }

    @Override
    public List<Total> totals(TrafficQuery query) {
        return inSlot(() -> store.totals(query));
    }

    @Override
    public Ingest ingest(TrafficQuery query) {
        return inSlot(() -> store.ingest(query));
    }

    @Override
    public String describe() {
        return store.describe();
    }

    private <T> T inSlot(Supplier<T> question) {
        try {
            if (!slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreBusyException("every one of the database's query slots was busy for "
                        + TimeUnit.MILLISECONDS.toSeconds(waitMillis) + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusyException("interrupted while waiting for a query slot");
        }
        try {
            return question.get();
        } finally {
            slots.release();
        }
    }
}
