package org.bwnetflow.connect.bmp.source.rib;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/**
 * The keys of one router's routes, by peer and table, in compact sets ({@link KeySet}): what the
 * RIB topic holds for it, to tombstone when they go. RouteKey objects are made only to be written
 * (or for tests); the router's address is not kept here but given. Single-threaded.
 */
public final class RouteKeys {

    private final Map<Ref, TableKeys> tables = new LinkedHashMap<>();
    private int size;

    /** A peer's table: what a BMP per-peer header and a RouteKey name. */
    private record Ref(PeerRef peer, RibTable table) {
    }

    /** A store of the given keys (of one router; their router is not kept): tests and small callers. */
    public static RouteKeys of(Collection<RouteKey> keys) {
        RouteKeys store = new RouteKeys();
        keys.forEach(store::add);
        return store;
    }

    /** Keys held. */
    public int size() {
        return size;
    }

    /** Holds a key (its router is not looked at); true when it was not held. */
    public boolean add(RouteKey key) {
        return add(table(key.table(), key.peerAddress(), key.peerDistinguisher()), key.prefix(), key.prefixLength(), key.pathId());
    }

    /** Forgets a key (its router is not looked at); true when it was held. */
    public boolean remove(RouteKey key) {
        return remove(table(key.table(), key.peerAddress(), key.peerDistinguisher()), key.prefix(), key.prefixLength(),
                key.pathId());
    }

    /** Every key held, as RouteKeys of {@code router} (a copy; tests and logs, not for full tables). */
    public List<RouteKey> keys(byte[] router) {
        List<RouteKey> keys = new ArrayList<>(size);
        tables.values().forEach(t -> t.forEach(router, keys::add));
        return keys;
    }

    /** The keys of a peer's table, made empty when new. */
    TableKeys table(RibTable table, byte[] peerAddress, long distinguisher) {
        return tables.computeIfAbsent(new Ref(PeerRef.of(peerAddress, distinguisher), table),
                ref -> new TableKeys(table, peerAddress.clone(), distinguisher));
    }

    boolean add(TableKeys table, byte[] prefix, int length, long pathId) {
        boolean added = table.add(prefix, length, pathId);
        if (added) {
            size++;
        }
        return added;
    }

    boolean remove(TableKeys table, byte[] prefix, int length, long pathId) {
        boolean removed = table.remove(prefix, length, pathId);
        if (removed) {
            size--;
        }
        return removed;
    }

    /** The tables of one peer (all its tables), or of all peers when {@code peer} is null. */
    List<TableKeys> tables(PeerRef peer) {
        List<TableKeys> found = new ArrayList<>();
        tables.forEach((ref, keys) -> {
            if (peer == null || ref.peer().equals(peer)) {
                found.add(keys);
            }
        });
        return found;
    }

    /** Takes every key of a table out (unmarked), IPv4 and IPv6 apart. */
    List<KeySet> takeAll(TableKeys table) {
        size -= table.size();
        return table.takeAll();
    }

    /** Takes the stale keys of a table out, IPv4 and IPv6 apart. */
    List<KeySet> takeStale(TableKeys table) {
        size -= table.stale();
        return table.takeStale();
    }

    void markAllStale() {
        tables.values().forEach(TableKeys::markAllStale);
    }

    /** Keys still stale, all tables together. */
    long stale() {
        long stale = 0;
        for (TableKeys table : tables.values()) {
            stale += table.stale();
        }
        return stale;
    }

    /** Forgets tables that hold nothing and wait for no tombstones (peers gone). */
    void prune() {
        tables.values().removeIf(t -> t.size() == 0 && t.doomed.isEmpty());
    }
}
