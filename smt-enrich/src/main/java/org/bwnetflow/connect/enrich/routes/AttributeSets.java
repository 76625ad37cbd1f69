package org.bwnetflow.connect.enrich.routes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns route attributes: every distinct set is kept once and numbered from 1, counted by the
 * routes that use it, and freed (its number reused) when the last of them is withdrawn. A full
 * table's million routes share a few hundred thousand AS paths, so this is where its memory is saved.
 * Single-threaded (the thread that applies the RIB topic's records).
 */
public final class AttributeSets {

    private final Map<RouteAttributes, Integer> ids = new HashMap<>();
    private final List<RouteAttributes> byId = new ArrayList<>();
    private final List<Integer> references = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();
    /** Each set's neighbour and origin AS by number, in primitive arrays: what most flows need, one cache line away. */
    private long[] neighbourAs = new long[1024];
    private long[] originAs = new long[1024];

    public AttributeSets() {
        byId.add(null); // 0 is "no route"
        references.add(0);
    }

    /** The number of an attribute set, one more route using it. */
    public int acquire(RouteAttributes attributes) {
        Integer id = ids.get(attributes);
        if (id == null) {
            id = free.isEmpty() ? byId.size() : free.remove(free.size() - 1);
            if (id == byId.size()) {
                byId.add(attributes);
                references.add(0);
            } else {
                byId.set(id, attributes);
            }
            if (id >= neighbourAs.length) {
                neighbourAs = Arrays.copyOf(neighbourAs, neighbourAs.length * 2);
                originAs = Arrays.copyOf(originAs, originAs.length * 2);
            }
            neighbourAs[id] = attributes.neighbourAs();
            originAs[id] = attributes.originAs();
            ids.put(attributes, id);
        }
        references.set(id, references.get(id) + 1);
        return id;
    }

    /** One route less uses the set; the last one frees it. */
    public void release(int id) {
        int left = references.get(id) - 1;
        references.set(id, left);
        if (left == 0) {
            ids.remove(byId.get(id));
            byId.set(id, null);
            free.add(id);
        }
    }

    /** The attributes of a number (null for 0 or a freed one). */
    public RouteAttributes get(int id) {
        return id <= 0 || id >= byId.size() ? null : byId.get(id);
    }

    /** The neighbour AS of a set (0 for 0). */
    public long neighbourAs(int id) {
        return neighbourAs[id];
    }

    /** The origin AS of a set (0 for 0). */
    public long originAs(int id) {
        return originAs[id];
    }

    /** Distinct attribute sets in use. */
    public int size() {
        return ids.size();
    }
}
