package org.bwnetflow.connect.bmp.source.rib;

import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/** Where the RIB's changes go: the task turns each into a record of the RIB topic. */
public interface RibWriter {

    /** A route announced (again); {@code router} gives the record's source partition and offset. */
    void announce(RouterRib router, RouteKey key, Route route);

    /** A route gone: a tombstone for its key. */
    void tombstone(RouterRib router, RouteKey key, TombstoneCause cause);
}
