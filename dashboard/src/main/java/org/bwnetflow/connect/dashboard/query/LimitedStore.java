package org.bwnetflow.connect.dashboard.query;

import java.util.List;

/**
 * A store asked in {@link QuerySlots}: each answer is bounded ({@link TrafficQuery#MAX_POINTS}), and
 * the slots bound how many the dashboard holds at a time, whatever number of connections ask.
 */
public final class LimitedStore implements TrafficStore {

    private final TrafficStore store;
    private final QuerySlots slots;

    public LimitedStore(TrafficStore store, int slots, long waitMillis) {
        this(store, new QuerySlots(slots, waitMillis));
    }

    /** A store sharing {@code slots} with the dashboard's other questions to the database. */
    public LimitedStore(TrafficStore store, QuerySlots slots) {
        this.store = store;
        this.slots = slots;
    }

    @Override
    public List<Series> series(TrafficQuery query) {
        return slots.inSlot(() -> store.series(query));
    }

    @Override
    public List<Total> totals(TrafficQuery query) {
        return slots.inSlot(() -> store.totals(query));
    }

    @Override
    public Ingest ingest(TrafficQuery query) {
        return slots.inSlot(() -> store.ingest(query));
    }

    @Override
    public String describe() {
        return store.describe();
    }
}
