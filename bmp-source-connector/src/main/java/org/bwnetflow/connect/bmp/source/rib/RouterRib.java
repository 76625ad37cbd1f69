package org.bwnetflow.connect.bmp.source.rib;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/**
 * What one router's routes are as far as the RIB topic knows: the keys written (by peer and table,
 * so a Peer Down finds its routes), which of them are stale (kept from an earlier session and not
 * yet announced again: a mark on the key), which are gone but still to be tombstoned, and the
 * source offset of its records (session epoch, message count). Only the key is kept, not the
 * route, and in compact sets ({@link RouteKeys}): all the RIB needs is what to tombstone, and a
 * router may have millions. Touched by the station's thread only; {@link #routesHeld()} is read
 * by metrics.
 */
public final class RouterRib {

    private final String name;
    private final byte[] address;
    private RouteKeys keys = new RouteKeys();
    /** Routes gone whose tombstones are still to be written, oldest first. */
    private final DoomedRoutes doomed = new DoomedRoutes();
    /** End-of-RIB markers seen per peer and table since the session began, while stale routes wait for them. */
    final Map<String, Integer> endOfRibs = new HashMap<>();
    private volatile int routesHeld;
    private long epoch;
    private long messages;
    boolean connected;
    /** When a disconnected router's routes get tombstones. */
    long graceDeadline = Long.MAX_VALUE;
    /** When a reconnected router's routes still stale get tombstones, if no End-of-RIB came first. */
    long sweepDeadline = Long.MAX_VALUE;

    RouterRib(String name, byte[] address) {
        this.name = name;
        this.address = address;
    }

    /** The router's address as text: the records' source partition and the metrics' tag. */
    public String name() {
        return name;
    }

    /** The router's address bytes, as RouteKey.router. */
    public byte[] address() {
        return address;
    }

    /** The session's epoch: when it began, in ms, and always greater than the session's before. */
    public long epoch() {
        return epoch;
    }

    /** BMP messages of the session so far. */
    public long messages() {
        return messages;
    }

    public int routesHeld() {
        return routesHeld;
    }

    void newSession(long nowMillis) {
        epoch = Math.max(nowMillis, epoch + 1);
        messages = 0;
    }

    void countMessage() {
        messages++;
    }

    RouteKeys keys() {
        return keys;
    }

    /** Takes the keys read back from the RIB topic as this (new) router's, all stale. */
    void restore(RouteKeys restored) {
        keys = restored;
        keys.markAllStale();
        routesHeld = keys.size();
    }

    /** Keeps a key, fresh; true when it was not kept yet. */
    boolean add(TableKeys table, byte[] prefix, int length, long pathId) {
        boolean added = keys.add(table, prefix, length, pathId);
        routesHeld = keys.size();
        return added;
    }

    /** Forgets a key; true when it was kept. */
    boolean remove(TableKeys table, byte[] prefix, int length, long pathId) {
        boolean removed = keys.remove(table, prefix, length, pathId);
        routesHeld = keys.size();
        return removed;
    }

    /** Forgets every key of a table (or only its stale ones) and queues their tombstones; returns how many. */
    int doom(TableKeys table, boolean staleOnly, TombstoneCause cause) {
        List<KeySet> taken = staleOnly ? keys.takeStale(table) : keys.takeAll(table);
        routesHeld = keys.size();
        int count = 0;
        for (KeySet set : taken) {
            count += doomed.add(table, set, cause);
        }
        return count;
    }

    boolean hasDoomed() {
        return !doomed.isEmpty();
    }

    /** Writes up to {@code budget} waiting tombstones, oldest first; returns how many. */
    int writeDoomed(int budget, BiConsumer<RouteKey, TombstoneCause> write) {
        boolean waited = !doomed.isEmpty();
        int written = doomed.write(address, budget, write);
        if (waited && doomed.isEmpty()) {
            keys.prune(); // the tables of peers gone are no longer needed to spare their routes
        }
        return written;
    }
}
