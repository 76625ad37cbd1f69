package org.bwnetflow.connect.bmp.source.rib;

import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/**
 * The keys one peer has in one table of a router, IPv4 and IPv6 apart, and the batches of its keys
 * still waiting for tombstones (so that a route announced again can be taken out of its batch).
 */
final class TableKeys {

    private final RibTable table;
    private final byte[] peerAddress;
    private final long distinguisher;
    private KeySet ipv4;
    private KeySet ipv6;
    /** This table's batches in the router's {@link DoomedRoutes}. */
    final List<DoomedKeys> doomed = new ArrayList<>(1);

    TableKeys(RibTable table, byte[] peerAddress, long distinguisher) {
        this.table = table;
        this.peerAddress = peerAddress;
        this.distinguisher = distinguisher;
    }

    RibTable table() {
        return table;
    }

    PeerRef peer() {
        return PeerRef.of(peerAddress, distinguisher);
    }

    int size() {
        return (ipv4 == null ? 0 : ipv4.size()) + (ipv6 == null ? 0 : ipv6.size());
    }

    int stale() {
        return (ipv4 == null ? 0 : ipv4.marked()) + (ipv6 == null ? 0 : ipv6.marked());
    }

    /** How many families (IPv4, IPv6) have stale keys: as many End-of-RIB markers end them all. */
    int staleFamilies() {
        return (ipv4 == null || ipv4.marked() == 0 ? 0 : 1) + (ipv6 == null || ipv6.marked() == 0 ? 0 : 1);
    }

    /** Holds a key, fresh; true when it was not held. */
    boolean add(byte[] prefix, int length, long pathId) {
        boolean v6 = PrefixWords.ipv6(prefix);
        KeySet keys = v6 ? ipv6 : ipv4;
        if (keys == null) {
            keys = new KeySet(v6, 0);
            if (v6) {
                ipv6 = keys;
            } else {
                ipv4 = keys;
            }
        }
        return keys.add(PrefixWords.high(prefix), PrefixWords.low(prefix), length, PrefixWords.pathId(pathId));
    }

    /** Forgets a key; true when it was held. */
    boolean remove(byte[] prefix, int length, long pathId) {
        KeySet keys = PrefixWords.ipv6(prefix) ? ipv6 : ipv4;
        return keys != null && keys.remove(PrefixWords.high(prefix), PrefixWords.low(prefix), length, PrefixWords.pathId(pathId));
    }

    /** Takes a key announced again out of the batch it waits in for a tombstone; true when it waited. */
    boolean spare(byte[] prefix, int length, long pathId) {
        for (DoomedKeys batch : doomed) {
            if (batch.spare(prefix, length, pathId)) {
                return true; // a key waits in one batch at most: it joins one only once it is no longer held
            }
        }
        return false;
    }

    void markAllStale() {
        for (KeySet keys : sets()) {
            keys.markAll();
        }
    }

    /** Takes out the stale keys, IPv4 and IPv6 apart. */
    List<KeySet> takeStale() {
        List<KeySet> taken = new ArrayList<>(2);
        for (KeySet keys : sets()) {
            taken.add(keys.takeMarked());
        }
        return taken;
    }

    /** Takes out every key (unmarked), IPv4 and IPv6 apart; none is held then. */
    List<KeySet> takeAll() {
        List<KeySet> taken = sets();
        taken.forEach(KeySet::clearMarks);
        ipv4 = null;
        ipv6 = null;
        return taken;
    }

    /** The key of a slot as the RIB topic's records name it: made only to be written. */
    RouteKey key(byte[] router, KeySet keys, int slot) {
        return new RouteKey(router, table, peerAddress, distinguisher,
                PrefixWords.address(keys.ipv6(), keys.high(slot), keys.low(slot)), keys.length(slot),
                Integer.toUnsignedLong(keys.pathId(slot)));
    }

    /** Every key held (tests, and the few keys of small routers). */
    void forEach(byte[] router, java.util.function.Consumer<RouteKey> action) {
        for (KeySet keys : sets()) {
            for (int slot = 0; slot < keys.capacity(); slot++) {
                if (keys.used(slot)) {
                    action.accept(key(router, keys, slot));
                }
            }
        }
    }

    private List<KeySet> sets() {
        List<KeySet> sets = new ArrayList<>(2);
        if (ipv4 != null) {
            sets.add(ipv4);
        }
        if (ipv6 != null) {
            sets.add(ipv6);
        }
        return sets;
    }
}
