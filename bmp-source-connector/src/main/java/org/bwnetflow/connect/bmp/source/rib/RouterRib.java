package org.bwnetflow.connect.bmp.source.rib;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/**
 * What one router's routes are as far as the RIB topic knows: the keys written (by peer, so a
 * Peer Down finds its routes), which of them are stale (kept from an earlier session and not yet
 * announced again), which are gone but still to be tombstoned, and the source offset of its records (session epoch, message count). Only
 * the key is kept, not the route: all the RIB needs is what to tombstone. Touched by the
 * station's thread only; {@link #routesHeld()} is read by metrics.
 */
public final class RouterRib {

    private final String name;
    private final byte[] address;
    private final Map<PeerRef, Set<RouteKey>> byPeer = new HashMap<>();
    final Set<RouteKey> stale = new HashSet<>();
    /**
     * Routes gone whose tombstones are still to be written, oldest first: a Peer Down or a router gone may end a
     * million routes at once, more than the queue to poll() should hold, so they are written as it drains. A route
     * announced again meanwhile leaves this map: its new record supersedes the tombstone.
     */
    final LinkedHashMap<RouteKey, TombstoneCause> doomed = new LinkedHashMap<>();
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

    /** Keeps a key; true when it was not kept yet. */
    boolean add(RouteKey key) {
        boolean added = byPeer.computeIfAbsent(PeerRef.of(key), p -> new HashSet<>()).add(key);
        if (added) {
            routesHeld++;
        }
        return added;
    }

    /** Forgets a key; true when it was kept. */
    boolean remove(RouteKey key) {
        PeerRef peer = PeerRef.of(key);
        Set<RouteKey> keys = byPeer.get(peer);
        if (keys == null || !keys.remove(key)) {
            return false;
        }
        if (keys.isEmpty()) {
            byPeer.remove(peer);
        }
        routesHeld--;
        return true;
    }

    /** Forgets all keys of a peer and returns them. */
    Set<RouteKey> removePeer(PeerRef peer) {
        Set<RouteKey> keys = byPeer.remove(peer);
        if (keys == null) {
            return Set.of();
        }
        routesHeld -= keys.size();
        return keys;
    }

    /** Forgets every key and returns them. */
    List<RouteKey> removeAll() {
        List<RouteKey> all = new ArrayList<>(routesHeld);
        byPeer.values().forEach(all::addAll);
        byPeer.clear();
        stale.clear();
        routesHeld = 0;
        return all;
    }

    /** Every key kept now (a copy). */
    Set<RouteKey> keys() {
        Set<RouteKey> all = new HashSet<>();
        byPeer.values().forEach(all::addAll);
        return all;
    }
}
