package org.bwnetflow.connect.bmp.source;

import java.net.InetAddress;
import java.util.Map;
import org.bwnetflow.connect.bmp.source.rib.RouteKeys;

/** The routes the RIB topic holds, by router: what earlier tasks wrote and did not tombstone,
 * as compact key sets (a router may have millions). */
interface KnownRoutes {

    Map<InetAddress, RouteKeys> load();
}
