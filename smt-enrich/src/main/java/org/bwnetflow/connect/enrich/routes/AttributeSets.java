package org.bwnetflow.connect.enrich.routes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interns route attributes: every distinct set is kept once and numbered from 1, counted by the
 * routes that use it, and freed when the last of them is withdrawn. A full table's million routes
 * share a few hundred thousand AS paths, so this is where its memory is saved.
 *
 * <p>Changed by one thread (the one applying the RIB topic's records); read by the transform's
 * threads through a {@link View} taken with a published snapshot. So a freed number is not reused
 * until two views later ({@link #view()}): a lookup still holding the previous snapshot never sees
 * its number stand for other attributes. Arrays grow by copying, never in place, so a view's
 * arrays keep every set it may be asked about.
 */
public final class AttributeSets {

    private static final int INITIAL = 1024;

    private final Map<RouteAttributes, Integer> ids = new HashMap<>();
    private RouteAttributes[] byId = new RouteAttributes[INITIAL];
    private int[] references = new int[INITIAL];
    /** Each set's neighbour and origin AS by number, in primitive arrays: what most flows need, one cache line away. */
    private long[] neighbourAs = new long[INITIAL];
    private long[] originAs = new long[INITIAL];
    private int[] preference = new int[INITIAL];
    private int next = 1; // 0 is "no route"
    private IntStack free = new IntStack();
    private IntStack freedSinceLastView = new IntStack();
    private IntStack freedBeforeLastView = new IntStack();

    /** The number of an attribute set, one more route using it. */
    public int acquire(RouteAttributes attributes) {
        Integer id = ids.get(attributes);
        if (id == null) {
            id = free.isEmpty() ? next++ : free.pop();
            if (id >= byId.length) {
                grow();
            }
            byId[id] = attributes;
            neighbourAs[id] = attributes.neighbourAs();
            originAs[id] = attributes.originAs();
            preference[id] = attributes.preference();
            ids.put(attributes, id);
        }
        references[id]++;
        return id;
    }

    /** One route less uses the set; the last one frees it. */
    public void release(int id) {
        if (--references[id] == 0) {
            ids.remove(byId[id]);
            freedSinceLastView.push(id);
        }
    }

    /** How a route with this set ranks against others for the same prefix ({@link RouteAttributes#preference()}). */
    int preference(int id) {
        return preference[id];
    }

    /** Distinct attribute sets in use. */
    public int size() {
        return ids.size();
    }

    /**
     * What lookups read until the next view: numbers freed before the previous view become free
     * for reuse now (no published snapshot refers to them any more).
     */
    public View view() {
        while (!freedBeforeLastView.isEmpty()) {
            free.push(freedBeforeLastView.pop());
        }
        IntStack swap = freedBeforeLastView;
        freedBeforeLastView = freedSinceLastView;
        freedSinceLastView = swap;
        return new View(byId, neighbourAs, originAs);
    }

    private void grow() {
        int capacity = byId.length * 2;
        byId = Arrays.copyOf(byId, capacity);
        references = Arrays.copyOf(references, capacity);
        neighbourAs = Arrays.copyOf(neighbourAs, capacity);
        originAs = Arrays.copyOf(originAs, capacity);
        preference = Arrays.copyOf(preference, capacity);
    }

    /** The attribute sets as of one snapshot, for lookups from any thread. */
    public static final class View {

        private final RouteAttributes[] byId;
        private final long[] neighbourAs;
        private final long[] originAs;

        View(RouteAttributes[] byId, long[] neighbourAs, long[] originAs) {
            this.byId = byId;
            this.neighbourAs = neighbourAs;
            this.originAs = originAs;
        }

        /** The attributes of a number (null for 0). */
        public RouteAttributes get(int id) {
            return id <= 0 ? null : byId[id];
        }

        /** The neighbour AS of a set (0 for 0). */
        public long neighbourAs(int id) {
            return neighbourAs[id];
        }

        /** The origin AS of a set (0 for 0). */
        public long originAs(int id) {
            return originAs[id];
        }
    }

    /** A stack of ints without boxing. */
    private static final class IntStack {

        private int[] values = new int[64];
        private int size;

        void push(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int pop() {
            return values[--size];
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
