package org.bwnetflow.connect.bmp.source.rib;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bwnetflow.connect.bmp.decode.BgpUpdate;
import org.bwnetflow.connect.bmp.decode.PeerHeader;
import org.bwnetflow.connect.bmp.decode.Prefix;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/**
 * Every router's routes, and when they get tombstones: a withdrawal tombstones its route, a Peer
 * Down every route of that peer (in all tables), the end of a session every route of the router
 * once {@code graceMillis} passed without it reconnecting.
 *
 * <p>A router that reconnects within the grace (or whose routes were read back from the RIB topic
 * when the task started) sends its whole table again (RFC 7854's initial dump). Its routes are
 * marked stale; each one announced again is fresh; the rest are swept (mark and sweep): those of a
 * peer and table when its End-of-RIB arrives (an UPDATE with neither routes nor withdrawals; since
 * such an UPDATE does not say which family it ends, the sweep waits for as many of them as there
 * are families among that peer's stale routes), everything still stale {@code graceMillis} after
 * the reconnect, for routers that send no End-of-RIB.
 *
 * <p>Tombstones of a withdrawal are written at once; those of a Peer Down, a sweep or a router gone
 * wait in the router's doomed batches and are written by {@link #expire(long, int)} as many at
 * a time as the station allows, so that the queue to poll() stays bounded however many routes end
 * together. A route announced before its tombstone was written gets none.
 *
 * <p>Single-threaded: the station's thread calls it.
 */
public final class RibKeeper {

    private final Map<String, RouterRib> routers = new TreeMap<>();
    private final Set<RibTable> tables;
    private final long graceMillis;
    private final RibWriter writer;
    private final RibCounters counters;
    private final RouterWatch watch;

    public RibKeeper(Set<RibTable> tables, long graceMillis, RibWriter writer, RibCounters counters, RouterWatch watch) {
        this.tables = Set.copyOf(tables);
        this.graceMillis = graceMillis;
        this.writer = writer;
        this.counters = counters;
        this.watch = watch;
    }

    /** Routes earlier tasks wrote, read back from the RIB topic: stale until their routers announce them again. */
    public void restore(Map<InetAddress, RouteKeys> known, long nowMillis) {
        known.forEach((address, keys) -> {
            RouterRib rib = rib(address);
            rib.restore(keys);
            rib.graceDeadline = nowMillis + graceMillis;
            counters.restoredRoutes.add(keys.size());
        });
    }

    /** A router's session began: a router back within the grace keeps its routes, stale until announced again. */
    public RouterRib sessionStarted(InetAddress address, long nowMillis) {
        RouterRib rib = rib(address);
        rib.newSession(nowMillis);
        rib.connected = true;
        rib.graceDeadline = Long.MAX_VALUE;
        rib.keys().markAllStale();
        rib.endOfRibs.clear();
        rib.sweepDeadline = rib.keys().stale() == 0 ? Long.MAX_VALUE : nowMillis + graceMillis;
        return rib;
    }

    /** A router's session ended, by its Termination, EOF or an error: the grace begins. */
    public void sessionEnded(RouterRib rib, long nowMillis) {
        rib.connected = false;
        rib.graceDeadline = nowMillis + graceMillis;
        rib.sweepDeadline = Long.MAX_VALUE;
    }

    /** A BMP message of the router's session, whatever it was (the records' offset counts them). */
    public void message(RouterRib rib) {
        rib.countMessage();
    }

    public void routes(RouterRib rib, PeerHeader peer, BgpUpdate update, long nowMillis) {
        if (!tables.contains(peer.table())) {
            return;
        }
        TableKeys table = rib.keys().table(peer.table(), RouteMapping.peerAddress(peer), peer.distinguisher());
        for (Prefix prefix : update.withdrawn()) {
            counters.withdrawn.increment();
            if (rib.remove(table, prefix.address(), prefix.length(), prefix.pathId())) {
                tombstone(rib, RouteMapping.key(rib.address(), peer, prefix), TombstoneCause.WITHDRAWN);
            }
        }
        for (Prefix prefix : update.announced()) {
            counters.announced.increment();
            if (!table.doomed.isEmpty() && table.spare(prefix.address(), prefix.length(), prefix.pathId())) {
                counters.pendingTombstones.decrement(); // its new record supersedes the tombstone
            }
            rib.add(table, prefix.address(), prefix.length(), prefix.pathId());
            writer.announce(rib, RouteMapping.key(rib.address(), peer, prefix),
                    RouteMapping.route(peer, update.attributes(), prefix, nowMillis));
        }
        if (update.withdrawn().isEmpty() && update.announced().isEmpty() && update.otherFamilies() == 0) {
            endOfRib(rib, table);
        }
    }

    /** Peer Down: every route of that peer goes, in all tables. */
    public void peerDown(RouterRib rib, PeerHeader peer) {
        for (TableKeys table : rib.keys().tables(PeerRef.of(RouteMapping.peerAddress(peer), peer.distinguisher()))) {
            doom(rib, table, false, TombstoneCause.PEER_DOWN);
        }
    }

    /** {@link #expire(long, int)} without a limit (tests, and routers of a few routes). */
    public void expire(long nowMillis) {
        expire(nowMillis, Integer.MAX_VALUE);
    }

    /**
     * Dooms what waited long enough (routers gone beyond the grace, stale routes nobody announced again) and
     * writes at most {@code maxTombstones} of the tombstones waiting; a router gone is forgotten once all its
     * tombstones are written.
     */
    public void expire(long nowMillis, int maxTombstones) {
        int budget = maxTombstones;
        Iterator<RouterRib> it = routers.values().iterator();
        while (it.hasNext()) {
            RouterRib rib = it.next();
            if (!rib.connected && nowMillis >= rib.graceDeadline) {
                rib.keys().tables(null).forEach(table -> doom(rib, table, false, TombstoneCause.SESSION_END));
            } else if (rib.connected && nowMillis >= rib.sweepDeadline) {
                rib.keys().tables(null).forEach(table -> doom(rib, table, true, TombstoneCause.NOT_REANNOUNCED));
                rib.sweepDeadline = Long.MAX_VALUE;
            }
            budget -= writeDoomed(rib, budget);
            if (!rib.connected && nowMillis >= rib.graceDeadline && !rib.hasDoomed()) {
                it.remove();
                watch.removed(rib);
            }
        }
    }

    /** Tombstones waiting to be written, all routers together. */
    public long pendingTombstones() {
        return counters.pendingTombstones.sum();
    }

    /** The router's state, or null when none is kept. */
    public RouterRib router(String name) {
        return routers.get(name);
    }

    public int routers() {
        return routers.size();
    }

    private void endOfRib(RouterRib rib, TableKeys table) {
        counters.endOfRibs.increment();
        if (rib.keys().stale() == 0) {
            return;
        }
        int families = table.staleFamilies();
        String peerTable = table.peer() + " " + table.table();
        int seen = rib.endOfRibs.merge(peerTable, 1, Integer::sum);
        if (families > 0 && seen >= families) {
            doom(rib, table, true, TombstoneCause.NOT_REANNOUNCED);
        }
    }

    /** Forgets a table's keys (or its stale ones) and queues their tombstones. */
    private void doom(RouterRib rib, TableKeys table, boolean staleOnly, TombstoneCause cause) {
        counters.pendingTombstones.add(rib.doom(table, staleOnly, cause));
    }

    /** Writes up to {@code budget} of the router's waiting tombstones, oldest first; returns how many. */
    private int writeDoomed(RouterRib rib, int budget) {
        return rib.writeDoomed(budget, (key, cause) -> {
            counters.pendingTombstones.decrement();
            tombstone(rib, key, cause);
        });
    }

    private void tombstone(RouterRib rib, RouteKey key, TombstoneCause cause) {
        counters.tombstones(cause).increment();
        writer.tombstone(rib, key, cause);
    }

    private RouterRib rib(InetAddress address) {
        String name = address.getHostAddress();
        RouterRib rib = routers.get(name);
        if (rib == null) {
            rib = new RouterRib(name, address.getAddress());
            routers.put(name, rib);
            watch.added(rib);
        }
        return rib;
    }
}
