package org.bwnetflow.connect.bmp.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.config.CrossKeyErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BMP station (RFC 7854) writing the monitored routers' routes to a compacted RIB topic.
 *
 * <p>One task: a router holds one TCP session to one address and port, so a second task would
 * have nothing to do but compete for the port. tasks.max greater than 1 is capped at 1 (logged).
 */
public class BmpSourceConnector extends SourceConnector {

    public static final String OVERVIEW_DOC = "A BMP station (RFC 7854; Loc-RIB RFC 9069): routers of bmp.allowed.routers "
            + "connect over TCP and stream their BGP tables; every route of the tables in bmp.tables becomes one record "
            + "of the compacted RIB topic (key bgp_route.proto's RouteKey: router, table, peer, prefix, path id; value "
            + "its Route: AS path, next hop, communities, ...; protobuf bytes for the ByteArrayConverter), and a "
            + "withdrawal, Peer Down or a router gone for longer than bmp.session.grace.ms writes tombstones. A task "
            + "reads the RIB topic once when it starts, so that after a restart the routes the reconnecting routers do "
            + "not announce again get their tombstones too. One task: tasks.max above 1 is capped.";

    private static final Logger log = LoggerFactory.getLogger(BmpSourceConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        BmpSourceConfig config = new BmpSourceConfig(props);
        this.props = new HashMap<>(props);
        if (config.allowedRouters().allowsAll()) {
            log.warn("{} allows every address: anyone who reaches {} can write routes into topic {}. Set it to your "
                    + "routers' addresses.", BmpSourceConfig.ALLOWED_ROUTERS, config.bindAddress(), config.topic());
        }
        log.info("BMP source connector started: tcp {} -> topic {}", config.bindAddress(), config.topic());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return BmpSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (maxTasks > 1) {
            log.warn("tasks.max is {}, the BMP source runs 1 task: routers connect to one address and port, and one "
                    + "task's RIB must see all of a router's messages", maxTasks);
        }
        return List.of(new HashMap<>(props));
    }

    @Override
    public void stop() {
        log.info("BMP source connector stopped");
    }

    @Override
    public ConfigDef config() {
        return BmpSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return CrossKeyErrors.addTo(super.validate(connectorConfigs), BmpSourceConfig.validateTogether(connectorConfigs));
    }

    /** TCP streams cannot be replayed from an offset, so there is no exactly-once delivery to offer. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    /** The offsets are only a record of how far each router's stream came; the task never reads them back. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return true;
    }
}
