package org.bwnetflow.connect.enrich.routes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.model.config.AddressParsing;
import org.bwnetflow.connect.model.config.KafkaClientSecurity;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;

/** The Routes transform's settings: where the RIB topic is, which tables, which router a flow's exporter is. */
public final class RoutesConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = "routes.bootstrap.servers";
    public static final String TOPIC = "routes.topic";
    public static final String TABLES = "routes.tables";
    public static final String ROUTER_MAP = "routes.router.map";
    public static final String DEFAULT_ROUTER = "routes.default.router";
    public static final String OVERWRITE_AS = "routes.overwrite.as";
    public static final String LOAD_TIMEOUT_MS = "routes.load.timeout.ms";
    public static final String PUBLISH_INTERVAL_MS = "routes.publish.interval.ms";

    /** The prefix of the RIB consumer's security keys ({@link KafkaClientSecurity}): routes.security.protocol, ... */
    private static final String PREFIX = "routes.";

    public static final ConfigDef CONFIG_DEF = KafkaClientSecurity.define(FlowRecordAccess.define(new ConfigDef()
            .define(BOOTSTRAP_SERVERS, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    DescribedValidator.of("one or more host:port", RoutesConfig::validateServers), ConfigDef.Importance.HIGH,
                    "The Kafka cluster holding the RIB topic (usually the worker's own bootstrap servers).")
            .define(TOPIC, ConfigDef.Type.STRING, "bgp-rib", new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH,
                    "The compacted topic the BMP source connector writes routes to.")
            .define(TABLES, ConfigDef.Type.LIST, "LOC_RIB,ADJ_RIB_IN_POST_POLICY,ADJ_RIB_IN_PRE_POLICY",
                    DescribedValidator.of("table names: " + List.of(RibTable.values()), RoutesConfig::validateTables),
                    ConfigDef.Importance.MEDIUM,
                    "Which of a router's tables enrich its flows, most preferred first: of each router the first of these "
                            + "that has routes is used. Routes of other tables are not held.")
            .define(ROUTER_MAP, ConfigDef.Type.LIST, "",
                    DescribedValidator.of("exporter=router address pairs", RoutesConfig::validateRouterMap),
                    ConfigDef.Importance.MEDIUM,
                    "For routers that export flows from another address than their BMP session's: "
                            + "exporter-address=bmp-router-address pairs. Other exporters are looked up by their own address.")
            .define(DEFAULT_ROUTER, ConfigDef.Type.STRING, "",
                    DescribedValidator.of("empty or an address", (name, value) -> parseAddress(name, (String) value, true)),
                    ConfigDef.Importance.MEDIUM,
                    "The router (its BMP session's address) whose table enriches flows of exporters without one; empty: such "
                            + "flows are left as they are (counted as no-table).")
            .define(OVERWRITE_AS, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Whether AS numbers from BGP replace those the exporter sent (SrcAS, DstAS, NextHopAS); false fills only "
                            + "zeros.")
            .define(LOAD_TIMEOUT_MS, ConfigDef.Type.LONG, 120_000L, ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW,
                    "How long a task waits at start for the RIB topic to be read to its end before its first flow; after "
                            + "that it enriches from what is read so far (logged, gauge 'loaded' 0).")
            .define(PUBLISH_INTERVAL_MS, ConfigDef.Type.LONG, 500L, ConfigDef.Range.between(10, 60_000),
                    ConfigDef.Importance.LOW,
                    "How often route changes become visible to lookups at most (each rebuilds the changed tables' "
                            + "longest-prefix index: about 0.3 s for a full table).")), PREFIX,
            "the consumer reading the RIB topic");

    private final Map<ByteBuffer, byte[]> routerMap = new HashMap<>();
    private final byte[] defaultRouter;

    public RoutesConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        for (String pair : getList(ROUTER_MAP)) {
            String[] parts = pair.split("=", 2);
            routerMap.put(ByteBuffer.wrap(parseAddress(ROUTER_MAP, parts[0], false)), parseAddress(ROUTER_MAP, parts[1], false));
        }
        defaultRouter = parseAddress(DEFAULT_ROUTER, getString(DEFAULT_ROUTER), true);
    }

    public String topic() {
        return getString(TOPIC);
    }

    public List<RibTable> tables() {
        List<RibTable> tables = new ArrayList<>();
        for (String name : getList(TABLES)) {
            tables.add(RibTable.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        return tables;
    }

    /** The BMP router of an exporter: mapped, else the exporter itself. */
    public byte[] routerOf(byte[] exporter) {
        byte[] mapped = routerMap.get(ByteBuffer.wrap(exporter));
        return mapped != null ? mapped : exporter;
    }

    /** The default router's address, or null. */
    public byte[] defaultRouter() {
        return defaultRouter;
    }

    public boolean overwriteAs() {
        return getBoolean(OVERWRITE_AS);
    }

    public long loadTimeoutMs() {
        return getLong(LOAD_TIMEOUT_MS);
    }

    public long publishIntervalMs() {
        return getLong(PUBLISH_INTERVAL_MS);
    }

    /** The consumer's client settings (secrets as their values: only for the consumer, never logged). */
    public Map<String, Object> consumerSettings() {
        Map<String, Object> settings = KafkaClientSecurity.settings(this, PREFIX);
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(BOOTSTRAP_SERVERS)));
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return settings;
    }

    /** What to say when the consumer cannot be built (no secret in it). */
    static String constructionFailure(RuntimeException e) {
        return KafkaClientSecurity.constructionFailure(e, PREFIX);
    }

    private static void validateServers(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> servers = (List<String>) value;
        if (servers == null || servers.isEmpty()) {
            throw new ConfigException(name, value, "at least one host:port is needed");
        }
        for (String server : servers) {
            int colon = server.lastIndexOf(':');
            if (colon <= 0 || !server.substring(colon + 1).matches("\\d{1,5}")) {
                throw new ConfigException(name, server, "not host:port");
            }
        }
    }

    private static void validateTables(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> tables = (List<String>) value;
        if (tables.isEmpty()) {
            throw new ConfigException(name, value, "at least one table is needed");
        }
        for (String table : tables) {
            try {
                RibTable.valueOf(table.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, table, "not a table; one of " + List.of(RibTable.values()));
            }
        }
    }

    private static void validateRouterMap(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> pairs = (List<String>) value;
        for (String pair : pairs) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2) {
                throw new ConfigException(name, pair, "not exporter=router");
            }
            parseAddress(name, parts[0], false);
            parseAddress(name, parts[1], false);
        }
    }

    /** An address's bytes (4 or 16); null for an empty value where that is allowed. */
    static byte[] parseAddress(String name, String text, boolean emptyAllowed) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() && emptyAllowed) {
            return null;
        }
        try {
            return AddressParsing.address(trimmed).getAddress();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, text, e.getMessage());
        }
    }
}
