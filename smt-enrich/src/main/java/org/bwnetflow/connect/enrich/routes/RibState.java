package org.bwnetflow.connect.enrich.routes;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/**
 * The routing tables the RIB topic describes, kept as its records are applied: per router, one
 * {@link RouteTable} for each table the transform uses (others are skipped). Each router's peers
 * are numbered as they first appear. Single-threaded: only the follower thread applies records;
 * lookups read what {@link #publish} made.
 */
final class RibState {

    private final List<RibTable> tables;
    private final AttributeSets attributes = new AttributeSets();
    private final Map<ByteBuffer, Router> routers = new HashMap<>();
    private long routes;

    /** @param tables the tables to keep, most preferred first */
    RibState(List<RibTable> tables) {
        this.tables = List.copyOf(tables);
    }

    /** Applies one record of the topic: a route (announced or replaced) or, with a null route, a tombstone. */
    void apply(RouteKey key, Route route) {
        if (!tables.contains(key.table())) {
            return;
        }
        Router router = routers.computeIfAbsent(ByteBuffer.wrap(key.router()), r -> new Router());
        RouteTable table = router.tables.computeIfAbsent(key.table(), t -> new RouteTable(attributes, 1024));
        int peer = router.peerNumber(key.peerAddress(), key.peerDistinguisher());
        int before = table.size();
        if (route == null) {
            table.withdraw(key.prefix(), key.prefixLength(), peer, key.pathId());
        } else {
            table.announce(key.prefix(), key.prefixLength(), peer, key.pathId(), attributesOf(route));
        }
        routes += table.size() - before;
    }

    static RouteAttributes attributesOf(Route route) {
        return new RouteAttributes(route.flatAsPath(), route.communities(), route.largeCommunities(), route.nextHop(),
                route.localPref(), route.origin());
    }

    /** Routes held in every table of every router. */
    long routes() {
        return routes;
    }

    int attributeSets() {
        return attributes.size();
    }

    /**
     * An immutable view for lookups: each router's most preferred non-empty table, snapshots
     * rebuilt for the tables that changed since the last one.
     */
    RoutesSnapshot publish(long appliedUpTo) {
        Map<ByteBuffer, RoutesSnapshot.RouterTable> byRouter = new HashMap<>();
        for (Map.Entry<ByteBuffer, Router> entry : routers.entrySet()) {
            for (RibTable kind : tables) {
                RouteTable table = entry.getValue().tables.get(kind);
                if (table != null && table.size() > 0) {
                    byRouter.put(entry.getKey(), new RoutesSnapshot.RouterTable(kind, table.snapshot(), table.size()));
                    break;
                }
            }
        }
        return new RoutesSnapshot(byRouter, attributes.view(), appliedUpTo);
    }

    /** One router's tables and its peers' numbers. */
    private static final class Router {

        final Map<RibTable, RouteTable> tables = new EnumMap<>(RibTable.class);
        final Map<ByteBuffer, Integer> peers = new HashMap<>();

        int peerNumber(byte[] address, long distinguisher) {
            ByteBuffer peer = ByteBuffer.allocate(address.length + Long.BYTES).put(address).putLong(distinguisher).flip();
            Integer number = peers.get(peer);
            if (number == null) {
                if (peers.size() >= RouteTable.MAX_PEERS) {
                    throw new IllegalStateException("more than " + RouteTable.MAX_PEERS + " peers of one router");
                }
                number = peers.size();
                peers.put(peer, number);
            }
            return number;
        }
    }
}
