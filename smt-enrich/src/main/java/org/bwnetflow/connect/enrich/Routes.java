package org.bwnetflow.connect.enrich;

import static org.bwnetflow.connect.model.FlowField.BGP_NEXT_HOP;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_AS_PATH;
import static org.bwnetflow.connect.model.FlowField.DST_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.DST_LARGE_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP_AS;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_AS_PATH;
import static org.bwnetflow.connect.model.FlowField.SRC_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.SRC_LARGE_COMMUNITIES;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.enrich.routes.AttributeSets;
import org.bwnetflow.connect.enrich.routes.LongArrayView;
import org.bwnetflow.connect.enrich.routes.RibFollower;
import org.bwnetflow.connect.enrich.routes.RouteAttributes;
import org.bwnetflow.connect.enrich.routes.RoutesConfig;
import org.bwnetflow.connect.enrich.routes.RoutesSnapshot;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.transform.FlowTransformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds routing context from BGP to each flow: the routes of the router that exported it, as the
 * BMP source connector keeps them in the RIB topic. Longest-prefix match of the destination and
 * the source address in that router's table (or the default router's) gives their origin AS, the
 * neighbour AS the destination is reached through, AS paths, communities and the BGP next hop.
 */
public class Routes<R extends ConnectRecord<R>> extends FlowTransformation<R> {

    private static final Logger log = LoggerFactory.getLogger(Routes.class);

    public static final String OVERVIEW_DOC = "Sets SrcAS/DstAS (origin AS), NextHopAS (the neighbour AS towards the "
            + "destination), DstAsPath, DstCommunities, DstLargeCommunities, BgpNextHop and the Src* paths and communities "
            + "from the routes the BMP source connector keeps in the RIB topic: longest-prefix match in the table of the "
            + "router that exported the flow. The topic is read to its end before the first flow, then followed.";

    private final LongAdder lookups = metrics.counter("lookups", "Addresses looked up");
    private final LongAdder misses = metrics.counter("misses", "Addresses with no route in their router's table");
    private final LongAdder noTable = metrics.counter("no-table", "Flows whose exporter has no table and no default router");
    private FlowRecordAccess access;
    private RoutesConfig config;
    private RibFollower follower;
    /** Routers that have a routes gauge: one is added as each router first appears in a snapshot. */
    private final Set<ByteBuffer> routersWithGauge = new HashSet<>();
    private RoutesSnapshot lastCounted;
    /** The last exporter seen and its table (flows come in runs per exporter): no map lookup for most flows. */
    private byte[] lastExporter = new byte[0];
    private RoutesSnapshot lastSnapshot;
    private RoutesSnapshot.RouterTable lastTable;

    public Routes() {
        super(RoutesConfig.CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        config = new RoutesConfig(props);
        access = new FlowRecordAccess(Routes.class.getSimpleName(), config.getString(FlowRecordAccess.ON_OTHER_RECORDS));
        follower = RibFollower.acquire(config.topic(), config.tables(), config.consumerSettings(), config.publishIntervalMs());
        metrics.gauge("routes", "Routes held (every router and table)", follower::routes);
        metrics.gauge("routers", "Routers with routes", () -> follower.snapshot().routers().size());
        metrics.gauge("staleness-ms", "How long read changes have waited for lookups to see them", follower::stalenessMs);
        metrics.gauge("records-applied", "RIB records applied", follower::recordsApplied);
        metrics.gauge("records-malformed", "RIB records that are not routes (skipped)", follower::recordsMalformed);
        metrics.gauge("loaded", "1 once the RIB topic was read to its end", () -> follower.isLoaded() ? 1 : 0);
        try {
            if (!follower.awaitLoaded(config.loadTimeoutMs())) {
                log.warn("Routes: the RIB topic {} was not read to its end within {} ms ({} routes so far); flows are enriched "
                        + "from what is read, and fully once it is (gauge 'loaded')", config.topic(), config.loadTimeoutMs(),
                        follower.routes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while reading the RIB topic " + config.topic());
        }
    }

    @Override
    public R apply(R record) {
        Struct flow = access.flowOf(record);
        if (flow == null) {
            return record;
        }
        RoutesSnapshot snapshot = follower.snapshot();
        if (snapshot != lastCounted) {
            addRouterGauges(snapshot);
        }
        RoutesSnapshot.RouterTable table = tableOf(snapshot, Flows.bytes(flow, SAMPLER_ADDRESS));
        if (table == null) {
            noTable.increment();
            return record;
        }
        AttributeSets.View attributes = snapshot.attributes();
        int dst = lookup(table, Flows.bytes(flow, DST_ADDR));
        if (dst != 0) {
            RouteAttributes route = attributes.get(dst);
            setAs(flow, DST_AS, attributes.originAs(dst));
            setAs(flow, NEXT_HOP_AS, attributes.neighbourAs(dst));
            flow.put(FlowMessageSchema.field(DST_AS_PATH), LongArrayView.of(route.asPath()));
            flow.put(FlowMessageSchema.field(DST_COMMUNITIES), LongArrayView.of(route.communities()));
            flow.put(FlowMessageSchema.field(DST_LARGE_COMMUNITIES), LongArrayView.of(route.largeCommunities()));
            Flows.setBytes(flow, BGP_NEXT_HOP, route.nextHop());
        }
        int src = lookup(table, Flows.bytes(flow, SRC_ADDR));
        if (src != 0) {
            RouteAttributes route = attributes.get(src);
            setAs(flow, SRC_AS, attributes.originAs(src));
            flow.put(FlowMessageSchema.field(SRC_AS_PATH), LongArrayView.of(route.asPath()));
            flow.put(FlowMessageSchema.field(SRC_COMMUNITIES), LongArrayView.of(route.communities()));
            flow.put(FlowMessageSchema.field(SRC_LARGE_COMMUNITIES), LongArrayView.of(route.largeCommunities()));
        }
        return record;
    }

    /** A gauge of the table size of each router new in this snapshot (tag router=its address). */
    private void addRouterGauges(RoutesSnapshot snapshot) {
        lastCounted = snapshot;
        for (ByteBuffer router : snapshot.routers().keySet()) {
            if (routersWithGauge.add(router)) {
                byte[] address = new byte[router.remaining()];
                router.duplicate().get(address);
                metrics.taggedGauge("router-routes", "Routes in the table a router's flows are enriched from",
                        Map.of("router", addressText(address)), () -> {
                            RoutesSnapshot.RouterTable table = follower.snapshot().router(address);
                            return table == null ? 0 : table.routes();
                        });
            }
        }
    }

    private static String addressText(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return HexFormat.of().formatHex(address);
        }
    }

    /** The exporter's table: through the router map, else the default router's; null if neither has routes. */
    private RoutesSnapshot.RouterTable tableOf(RoutesSnapshot snapshot, byte[] exporter) {
        if (snapshot == lastSnapshot && Arrays.equals(exporter, lastExporter)) {
            return lastTable;
        }
        RoutesSnapshot.RouterTable table = snapshot.router(config.routerOf(exporter));
        if (table == null && config.defaultRouter() != null) {
            table = snapshot.router(config.defaultRouter());
        }
        lastSnapshot = snapshot;
        lastExporter = exporter;
        lastTable = table;
        return table;
    }

    private int lookup(RoutesSnapshot.RouterTable table, byte[] address) {
        if (address.length != 4 && address.length != 16) {
            return 0;
        }
        lookups.increment();
        int id = table.ranges().lookup(address);
        if (id == 0) {
            misses.increment();
        }
        return id;
    }

    private void setAs(Struct flow, FlowField field, long asn) {
        if (asn != 0 && (config.overwriteAs() || Flows.number(flow, field) == 0)) {
            Flows.setNumber(flow, field, asn);
        }
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
            follower = null;
        }
        super.close();
    }
}
