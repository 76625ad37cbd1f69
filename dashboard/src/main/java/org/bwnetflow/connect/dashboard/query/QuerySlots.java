package org.bwnetflow.connect.dashboard.query;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The database's query slots, shared by everything in the dashboard that asks it: at most
 * {@code slots} questions at once, whatever number of connections ask. A question waits up to
 * {@code waitMillis} for a slot, first come first served; then it is {@link StoreBusyException} (503).
 */
public final class QuerySlots {

    private final Semaphore slots;
    private final long waitMillis;

    public QuerySlots(int slots, long waitMillis) {
        this.slots = new Semaphore(slots, true);
        this.waitMillis = waitMillis;
    }

    /** The answer to {@code question}, asked in a slot. */
    public <T> T inSlot(Supplier<T> question) {
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
