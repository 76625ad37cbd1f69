package org.bwnetflow.connect.enrich.routes;

import java.nio.ByteBuffer;
import java.util.Map;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.enrich.ranges.PrefixRanges;

/**
 * The routes lookups see, as of one moment of the RIB topic: per router (by the address its BMP
 * session came from) the longest-prefix table of its most preferred table that has routes, and
 * the attribute sets those tables' values number. Immutable: the follower publishes a new one.
 */
public final class RoutesSnapshot {

    /** Before the topic was read: no router, no route. */
    static final RoutesSnapshot EMPTY = new RoutesSnapshot(Map.of(), new AttributeSets().view(), 0);

    private final Map<ByteBuffer, RouterTable> routers;
    private final AttributeSets.View attributes;
    private final long appliedUpTo;

    RoutesSnapshot(Map<ByteBuffer, RouterTable> routers, AttributeSets.View attributes, long appliedUpTo) {
        this.routers = Map.copyOf(routers);
        this.attributes = attributes;
        this.appliedUpTo = appliedUpTo;
    }

    /** The table of a router (its address, 4 or 16 bytes), or null if the topic has no route of it. */
    public RouterTable router(byte[] address) {
        return routers.get(ByteBuffer.wrap(address));
    }

    public AttributeSets.View attributes() {
        return attributes;
    }

    /** Routers with routes. */
    public Map<ByteBuffer, RouterTable> routers() {
        return routers;
    }

    /** The newest record time (ms) applied before this snapshot was made; 0 if none. */
    public long appliedUpTo() {
        return appliedUpTo;
    }

    /**
     * One router's table for lookups.
     *
     * @param table  which of the router's tables it is
     * @param ranges the longest-prefix table (values: attribute set numbers)
     * @param routes routes in it
     */
    public record RouterTable(RibTable table, PrefixRanges ranges, int routes) {
    }
}
