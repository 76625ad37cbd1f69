package org.bwnetflow.connect.bmp.source;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.bwnetflow.connect.bmp.source.rib.RibCounters;
import org.bwnetflow.connect.bmp.source.rib.RibKeeper;
import org.bwnetflow.connect.bmp.source.rib.RouteKeys;
import org.bwnetflow.connect.bmp.source.session.BmpStation;
import org.bwnetflow.connect.bmp.source.session.RouterSession;
import org.bwnetflow.connect.bmp.source.session.StationCounters;
import org.bwnetflow.connect.model.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BMP station's task: routers connect to it, their routes go to the RIB topic.
 *
 * <p>What survives a restart. The RIB lives in the routers and in the compacted RIB topic, not in
 * the task: when a worker dies, its routers' TCP sessions drop, and each router reconnects (to
 * the restarted task) and sends its whole table again (RFC 7854's initial dump). What the new task
 * cannot learn from the routers is what is gone meanwhile; so when it starts it reads the RIB
 * topic once, beginning to end ({@link RibTopicReader}), takes the keys whose last record is a
 * route as its routers' routes, marks them stale, and sweeps them as for a router that reconnects
 * within the grace: a route announced again is fresh, the rest get tombstones at the router's
 * End-of-RIB or {@code bmp.session.grace.ms} later. A router that does not come back within the
 * grace gets tombstones for all its routes. So a restart loses no route and leaves none that is
 * gone. The source offsets (partition: router; offset: session epoch and message count) record
 * how far each router's stream had come; the task does not read them back.
 */
public class BmpSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(BmpSourceTask.class);
    private static final int BATCH_MAX_RECORDS = 10_000;
    private static final long POLL_TIMEOUT_MS = 200;

    private BmpStation station;
    private RecordQueue queue;
    private BmpTaskMetrics metrics;

    // Seams for tests: the RIB topic reader (no Kafka in unit tests) and the clock; the defaults are the real thing.
    java.util.function.Function<BmpSourceConfig, KnownRoutes> knownRoutes = RibTopicReader::of;
    LongSupplier clock = System::currentTimeMillis;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        BmpSourceConfig config = new BmpSourceConfig(props);
        queue = new RecordQueue(config.queueCapacity());
        metrics = new BmpTaskMetrics(new PluginGauges(context == null ? null : context.pluginMetrics()));
        RibCounters ribCounters = new RibCounters();
        StationCounters stationCounters = new StationCounters();
        RibKeeper keeper = new RibKeeper(config.tables(), config.sessionGraceMs(),
                new RibRecords(config.topic(), queue, clock), ribCounters, metrics);
        Map<InetAddress, RouteKeys> known = knownRoutes.apply(config).load();
        keeper.restore(known, clock.getAsLong());
        log.info("BMP source task: {} routes of {} routers read back from topic {}, stale until announced again "
                + "(tombstones for the rest after {} ms)", ribCounters.restoredRoutes.sum(), known.size(), config.topic(),
                config.sessionGraceMs());
        BmpStation.SessionFactory sessions = router -> new RouterSession(keeper.sessionStarted(router, clock.getAsLong()),
                keeper, stationCounters, clock, config.maxMessageBytes(), config.maxPeersPerRouter());
        station = new BmpStation(config.bindAddress(), config.allowedRouters(), config.maxConnections(), sessions, keeper,
                stationCounters, queue::full, clock);
        try {
            station.start("bmp-station-" + config.bindAddress().getPort());
        } catch (IOException e) {
            metrics.close();
            throw new ConnectException(BmpSourceConfig.PORT + " " + config.bindAddress() + ": " + e.getMessage(), e);
        }
        metrics.register(stationCounters, ribCounters, queue, station);
        log.info("BMP source task listening on {} for {} -> topic {}, tables {}", config.bindAddress(),
                config.allowedRouters(), config.topic(), config.tables());
    }

    /** The port the station listens on (tests bind port 0). */
    int port() {
        return station.port();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Throwable failure = station.failure();
        if (failure != null) {
            throw new ConnectException("the BMP station stopped: " + failure, failure);
        }
        return queue.take(BATCH_MAX_RECORDS, POLL_TIMEOUT_MS);
    }

    @Override
    public void stop() {
        if (station != null) {
            station.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        log.info("BMP source task stopped; its routers will reconnect to the next one");
    }
}
