package org.bwnetflow.connect.bmp.source;

import inet.ipaddr.IPAddress;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.model.config.AddressAllowlist;
import org.bwnetflow.connect.model.config.AddressParsing;
import org.bwnetflow.connect.model.config.KafkaClientSecurity;

/** Configuration of {@link BmpSourceConnector} and its task. */
public class BmpSourceConfig extends AbstractConfig {

    public static final String TOPIC = "topic";
    public static final String BIND_ADDRESS = "bmp.bind.address";
    public static final String PORT = "bmp.port";
    public static final String ALLOWED_ROUTERS = "bmp.allowed.routers";
    public static final String MAX_CONNECTIONS = "bmp.max.connections";
    public static final String MAX_MESSAGE_BYTES = "bmp.max.message.bytes";
    public static final String MAX_PEERS_PER_ROUTER = "bmp.max.peers.per.router";
    public static final String TABLES = "bmp.tables";
    public static final String SESSION_GRACE_MS = "bmp.session.grace.ms";
    public static final String QUEUE_CAPACITY = "bmp.queue.capacity";
    public static final String RIB_BOOTSTRAP_SERVERS = "bmp.rib.bootstrap.servers";
    public static final String RIB_LOAD_TIMEOUT_MS = "bmp.rib.load.timeout.ms";
    /** Keys with this prefix go, without it, to the consumer that reads the RIB topic at start (security settings). */
    /** The prefix of the RIB consumer's security keys ({@link KafkaClientSecurity}): bmp.rib.security.protocol, ... */
    public static final String RIB_CLIENT_PREFIX = "bmp.rib.";

    /**
     * The smallest message limit: BMP's common header (6) and per-peer header (42) around the
     * largest BGP message, 65,535 bytes with RFC 8654's extended messages.
     */
    public static final int MIN_MESSAGE_BYTES = 6 + 42 + 65_535;

    private static final String GROUP_KAFKA = "Kafka";
    private static final String GROUP_STATION = "BMP station";
    private static final String GROUP_RIB = "RIB";

    public static final ConfigDef CONFIG_DEF = configDef();

    public BmpSourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(TOPIC, Type.STRING, "bgp-rib", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.HIGH,
                "The RIB topic: one record per route (key bgp_route.proto's RouteKey, value its Route, both protobuf "
                        + "bytes: use the ByteArrayConverter), a tombstone when the route is gone. Make it compacted.",
                GROUP_KAFKA, ++order, Width.MEDIUM, "RIB topic");
        def.define(RIB_BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.BOOTSTRAP,
                Importance.HIGH, "The Kafka cluster of the RIB topic (usually the worker's bootstrap.servers). A task "
                        + "reads the topic once when it starts, to learn the routes earlier tasks wrote: routers resend "
                        + "their whole table when they reconnect, and what they do not resend within "
                        + SESSION_GRACE_MS + " gets its tombstone. Its security settings are the " + RIB_CLIENT_PREFIX
                        + "security.protocol, sasl.* and ssl.* keys.",
                GROUP_KAFKA, ++order, Width.LONG, "RIB topic bootstrap servers");
        def.define(RIB_LOAD_TIMEOUT_MS, Type.LONG, 120_000L, Range.between(1000, 3_600_000), Importance.LOW,
                "How long a starting task may take to read the RIB topic to its end; the task fails when it cannot.",
                GROUP_KAFKA, ++order, Width.SHORT, "RIB load timeout");

        order = 0;
        def.define(BIND_ADDRESS, Type.STRING, "127.0.0.1", ConfigValidators.ADDRESS, Importance.HIGH,
                "Local address the BMP station listens on; '0.0.0.0' for all IPv4 addresses, '::' for IPv4 and IPv6.",
                GROUP_STATION, ++order, Width.MEDIUM, "Bind address");
        def.define(PORT, Type.INT, 11019, Range.between(1, 65535), Importance.HIGH,
                "TCP port the routers connect to (RFC 7854 names no port; 11019 is common, gobgpd's and FRR's examples "
                        + "use it).", GROUP_STATION, ++order, Width.SHORT, "Port");
        def.define(ALLOWED_ROUTERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.REQUIRED_CIDR_LIST,
                Importance.HIGH, "Routers that may open a BMP session, as comma-separated addresses or CIDR blocks. A "
                        + "connection from anywhere else is closed before a byte is read, and counted. Required: "
                        + "'0.0.0.0/0,::/0' accepts any, and says so in the log at start.",
                GROUP_STATION, ++order, Width.LONG, "Allowed routers");
        def.define(MAX_CONNECTIONS, Type.INT, 64, Range.between(1, 10_000), Importance.MEDIUM,
                "Most BMP sessions open at once; a connection beyond it is closed at once and counted.",
                GROUP_STATION, ++order, Width.SHORT, "Max connections");
        // 256 KiB: a Peer Up (two OPENs of up to 65,535 bytes each, RFC 8654, and TLVs) fits; a session's buffer
        // stays below G1's humongous size (half a region), where each would take whole regions of the heap
        def.define(MAX_MESSAGE_BYTES, Type.INT, 1 << 18, Range.between(MIN_MESSAGE_BYTES, 64 << 20), Importance.LOW,
                "Longest BMP message accepted; a longer one closes the session as malformed. Each session holds at most "
                        + "one such message (the station's memory bound is this times " + MAX_CONNECTIONS + "). At least "
                        + MIN_MESSAGE_BYTES + ": a BGP UPDATE may be 65,535 bytes (RFC 8654) plus BMP's headers.",
                GROUP_STATION, ++order, Width.SHORT, "Max message bytes");
        def.define(MAX_PEERS_PER_ROUTER, Type.INT, 1024, Range.between(1, 1_000_000), Importance.LOW,
                "Most BGP peers a router may have up at once; beyond it the session is closed as malformed.",
                GROUP_STATION, ++order, Width.SHORT, "Max peers per router");
        def.define(QUEUE_CAPACITY, Type.INT, 100_000, Range.between(100, 10_000_000), Importance.LOW,
                "Records held between the sessions and poll(). When it is full the station stops reading the "
                        + "sockets (TCP pushes back to the routers) until Connect has taken records: nothing is dropped.",
                GROUP_STATION, ++order, Width.SHORT, "Queue capacity");

        order = 0;
        def.define(TABLES, Type.LIST, "ADJ_RIB_IN_PRE_POLICY,ADJ_RIB_IN_POST_POLICY,LOC_RIB", ConfigValidators.TABLES,
                Importance.MEDIUM, "The routers' tables whose routes are published (RFC 7854 Adj-RIB-In before and "
                        + "after policy, RFC 9069 Loc-RIB, RFC 8671 ADJ_RIB_OUT_PRE_POLICY/ADJ_RIB_OUT_POST_POLICY). "
                        + "Routes of other tables are read and ignored.",
                GROUP_RIB, ++order, Width.LONG, "Tables");
        def.define(SESSION_GRACE_MS, Type.LONG, 60_000L, Range.between(0, 86_400_000), Importance.MEDIUM,
                "After a router's session ends (Termination, EOF, error), how long its routes stay before they get "
                        + "tombstones. A router that reconnects within it keeps them: what it does not announce again "
                        + "before its End-of-RIB (or within this time after reconnecting) gets its tombstone then.",
                GROUP_RIB, ++order, Width.SHORT, "Session grace");
        KafkaClientSecurity.define(def, RIB_CLIENT_PREFIX, "the consumer reading the RIB topic at start");
        return def;
    }

    public String topic() {
        return getString(TOPIC);
    }

    public InetSocketAddress bindAddress() {
        return new InetSocketAddress(AddressParsing.address(getString(BIND_ADDRESS)), getInt(PORT));
    }

    public AddressAllowlist allowedRouters() {
        return new AddressAllowlist(getList(ALLOWED_ROUTERS));
    }

    public int maxConnections() {
        return getInt(MAX_CONNECTIONS);
    }

    public int maxMessageBytes() {
        return getInt(MAX_MESSAGE_BYTES);
    }

    public int maxPeersPerRouter() {
        return getInt(MAX_PEERS_PER_ROUTER);
    }

    public int queueCapacity() {
        return getInt(QUEUE_CAPACITY);
    }

    public Set<RibTable> tables() {
        Set<RibTable> tables = EnumSet.noneOf(RibTable.class);
        getList(TABLES).forEach(t -> tables.add(RibTable.valueOf(t.trim().toUpperCase(Locale.ROOT))));
        return tables;
    }

    public long sessionGraceMs() {
        return getLong(SESSION_GRACE_MS);
    }

    public long ribLoadTimeoutMs() {
        return getLong(RIB_LOAD_TIMEOUT_MS);
    }

    /** The RIB topic consumer's settings: the bootstrap servers and the security keys. */
    public Map<String, Object> ribConsumerConfig() {
        Map<String, Object> consumer = KafkaClientSecurity.settings(this, RIB_CLIENT_PREFIX);
        consumer.put("bootstrap.servers", getString(RIB_BOOTSTRAP_SERVERS).trim());
        return consumer;
    }

    /** Cross-key checks: each problem is reported against the key an operator has to change. */
    static Map<String, List<String>> validateTogether(Map<String, String> props) {
        Map<String, List<String>> errors = new HashMap<>();
        BmpSourceConfig config;
        try {
            config = new BmpSourceConfig(props);
        } catch (ConfigException e) {
            return errors; // single-key errors are already reported by ConfigDef validation
        }
        if (config.bindAddress().getAddress() instanceof Inet4Address) {
            for (String cidr : config.getList(ALLOWED_ROUTERS)) {
                IPAddress block = AddressParsing.block(cidr);
                if (block.isIPv6() && !block.isIPv4Convertible()) {
                    errors.computeIfAbsent(ALLOWED_ROUTERS, k -> new ArrayList<>()).add("'" + cidr + "' is IPv6 but "
                            + BIND_ADDRESS + " " + config.getString(BIND_ADDRESS) + " accepts IPv4 only; bind '::' to "
                            + "accept IPv6 routers");
                }
            }
        }
        return errors;
    }
}
