package org.bwnetflow.connect.bmp.source;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/** The routes the RIB topic holds, by router: what earlier tasks wrote and did not tombstone. */
interface KnownRoutes {

    Map<InetAddress, Set<RouteKey>> load();
}
