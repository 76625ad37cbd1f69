package org.bwnetflow.connect.bmp.source;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.bwnetflow.connect.bmp.decode.BmpMessageType;
import org.bwnetflow.connect.bmp.source.rib.RibCounters;
import org.bwnetflow.connect.bmp.source.rib.RouterRib;
import org.bwnetflow.connect.bmp.source.rib.RouterWatch;
import org.bwnetflow.connect.bmp.source.rib.TombstoneCause;
import org.bwnetflow.connect.bmp.source.session.BmpStation;
import org.bwnetflow.connect.bmp.source.session.StationCounters;

/**
 * What the task measures: the station's connections and messages, the RIB's routes and
 * tombstones, and per router (tag router=ADDRESS) the routes held. A router's gauge goes when
 * the RIB forgets the router, so the number of gauges is bounded by the allowlist.
 */
final class BmpTaskMetrics implements RouterWatch, AutoCloseable {

    private final PluginGauges gauges;
    private final Map<String, MetricName> perRouter = new HashMap<>();

    BmpTaskMetrics(PluginGauges gauges) {
        this.gauges = gauges;
    }

    void register(StationCounters station, RibCounters rib, RecordQueue queue, BmpStation listener) {
        gauges.gauge("connections-open", "BMP sessions open now", listener::connectionsOpen);
        gauges.gauge("connections-accepted", "BMP sessions accepted", station.accepted::sum);
        gauges.gauge("connections-refused-allowlist", "Connections closed at once: the address is not in "
                + BmpSourceConfig.ALLOWED_ROUTERS, station.refusedNotAllowed::sum);
        gauges.gauge("connections-refused-limit", "Connections closed at once: " + BmpSourceConfig.MAX_CONNECTIONS
                + " were open", station.refusedLimit::sum);
        gauges.gauge("sessions-closed-malformed", "Sessions closed because their stream was not valid BMP",
                station.closedMalformed::sum);
        gauges.gauge("sessions-closed-by-router", "Sessions the router closed (EOF)", station.closedByRouter::sum);
        gauges.gauge("sessions-replaced", "Sessions closed because the same router connected again",
                station.replacedByReconnect::sum);
        gauges.gauge("bytes-read", "Bytes read from the routers", station.bytesRead::sum);
        gauges.gauge("reading-paused", "Times the station stopped reading because the queue to Kafka was full",
                station.pauses::sum);
        for (BmpMessageType type : BmpMessageType.values()) {
            String name = type.name().toLowerCase(Locale.ROOT).replace('_', '-');
            gauges.gauge("messages-" + name, "BMP " + type + " messages received", station.messages(type)::sum);
        }
        gauges.gauge("messages-unknown", "BMP messages of unknown types, skipped", station.unknownMessages::sum);
        gauges.gauge("as-paths-local-as-removed", "Adj-RIB-In routes whose AS path began with the router's own AS (an FRR bug), "
                + "taken off", station.localAsRemoved::sum);
        gauges.gauge("routes-announced", "Routes announced (records written)", rib.announced::sum);
        gauges.gauge("routes-withdrawn", "Routes withdrawn by the routers", rib.withdrawn::sum);
        gauges.gauge("end-of-ribs", "End-of-RIB markers received", rib.endOfRibs::sum);
        gauges.gauge("routes-restored", "Routes read back from the RIB topic when the task started",
                rib.restoredRoutes::sum);
        for (TombstoneCause cause : TombstoneCause.values()) {
            String name = cause.name().toLowerCase(Locale.ROOT).replace('_', '-');
            gauges.gauge("tombstones-" + name, "Tombstones written because of " + cause, rib.tombstones(cause)::sum);
        }
        gauges.gauge("tombstones-pending", "Tombstones of routes gone (Peer Down, sweeps, routers gone) still to be "
                + "written", rib.pendingTombstones::sum);
        gauges.gauge("queue-records", "Records waiting for poll()", queue::size);
    }

    @Override
    public synchronized void added(RouterRib router) {
        MetricName name = gauges.add("router-routes-held", "Routes of this router in the RIB topic",
                Map.of("router", router.name()), router::routesHeld);
        if (name != null) {
            perRouter.put(router.name(), name);
        }
    }

    @Override
    public synchronized void removed(RouterRib router) {
        gauges.remove(perRouter.remove(router.name()));
    }

    @Override
    public synchronized void close() {
        perRouter.values().forEach(gauges::remove);
        perRouter.clear();
        gauges.close();
    }
}
