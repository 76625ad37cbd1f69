package org.bwnetflow.connect.ddos.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.bgp.speaker.Community;
import org.bwnetflow.connect.bgp.speaker.FlowSpecAction;
import org.bwnetflow.connect.bgp.speaker.gobgp.GobgpSpeakerConfig;
import org.bwnetflow.connect.ddos.detection.DetectorSettings;
import org.bwnetflow.connect.ddos.sink.mitigation.ConfiguredRoutes;
import org.bwnetflow.connect.ddos.sink.mitigation.CustomerPolicies;
import org.bwnetflow.connect.ddos.sink.mitigation.MitigationPolicy;
import org.bwnetflow.connect.influx.InfluxSinkConfig;
import org.bwnetflow.connect.model.config.AddressParsing;
import org.bwnetflow.connect.model.config.KafkaClientSecurity;
import org.bwnetflow.connect.model.transform.DescribedValidator;

/** Configuration of {@link DdosSinkConnector} and its task. */
public class DdosSinkConfig extends AbstractConfig {

    public static final String CUSTOMER_PREFIXES_FILE = "customers.prefixes.file";

    public static final String WINDOW_SECONDS = "detection.window.seconds";
    public static final String MULTIPLE = "detection.multiple";
    public static final String FLOOR_BITS = "detection.floor.bits.per.second";
    public static final String FLOOR_PACKETS = "detection.floor.packets.per.second";
    public static final String WARMUP_SECONDS = "detection.warmup.seconds";
    public static final String MAX_TARGETS = "detection.max.targets.per.customer";
    public static final String BASELINE_RETENTION_HOURS = "detection.baseline.retention.hours";
    public static final String UPDATE_INTERVAL_SECONDS = "detection.update.interval.seconds";
    public static final String ZONE = "detection.zone";

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String KAFKA_CLIENT_PREFIX = "kafka.";
    public static final String STATE_TOPIC = "state.topic";
    public static final String ATTACKS_TOPIC = "attacks.topic";
    public static final String AUDIT_TOPIC = "audit.topic";
    public static final String TOPIC_REPLICATION_FACTOR = "topic.replication.factor";
    public static final String STATE_FLUSH_INTERVAL_MS = "state.flush.interval.ms";
    public static final String KAFKA_TIMEOUT_MS = "kafka.timeout.ms";

    public static final String POLICY_DEFAULT = "mitigation.policy.default";
    public static final String POLICIES = "mitigation.policies";
    public static final String DRY_RUN = "mitigation.dry.run";
    public static final String HOLD_SECONDS = "mitigation.hold.seconds";
    public static final String MAX_ROUTES_PER_CUSTOMER = "mitigation.max.routes.per.customer";
    public static final String MAX_ROUTES = "mitigation.max.routes";
    public static final String RECONCILE_INTERVAL_MS = "mitigation.reconcile.interval.ms";
    public static final String FLOWSPEC_PORT_SHARE = "mitigation.flowspec.port.share";
    public static final String FLOWSPEC_RATE_LIMIT = "mitigation.flowspec.rate.limit.bytes.per.second";
    public static final String BLACKHOLE_NEXT_HOP_V4 = "mitigation.blackhole.next.hop.ipv4";
    public static final String BLACKHOLE_NEXT_HOP_V6 = "mitigation.blackhole.next.hop.ipv6";
    public static final String BLACKHOLE_COMMUNITIES = "mitigation.blackhole.communities";
    public static final String MARKER_COMMUNITY = "mitigation.marker.community";
    public static final String SPEAKER_ADDRESS = "mitigation.gobgp.address";
    public static final String SPEAKER_TIMEOUT_MS = "mitigation.gobgp.timeout.ms";
    public static final String SPEAKER_TLS_CA_FILE = "mitigation.gobgp.tls.ca.file";
    public static final String SPEAKER_TLS_SERVER_NAME = "mitigation.gobgp.tls.server.name";

    /** The database keys, defined as the Influx sink defines them (same names, checks and docs). */
    static final List<String> DATABASE_KEYS = List.of(InfluxSinkConfig.INFLUX_URL, InfluxSinkConfig.INFLUX_ORG,
            InfluxSinkConfig.INFLUX_BUCKET, InfluxSinkConfig.INFLUX_TOKEN, InfluxSinkConfig.INFLUX_USERNAME,
            InfluxSinkConfig.INFLUX_PASSWORD, InfluxSinkConfig.INFLUX_TIMEOUT_MS);

    private static final String GROUP_CUSTOMERS = "Customers";
    private static final String GROUP_DETECTION = "Detection";
    private static final String GROUP_KAFKA = "Kafka";
    private static final String GROUP_MITIGATION = "Mitigation";

    public static final ConfigDef CONFIG_DEF = configDef();

    public DdosSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(CUSTOMER_PREFIXES_FILE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, DescribedValidator.of("a readable file",
                        DdosSinkConfig::checkReadable), Importance.HIGH,
                "The customer prefix list (CSV 'prefix,cid', the file CustomerId reads): a route is announced only for an "
                        + "address whose longest listed prefix is the attacked customer's.", GROUP_CUSTOMERS, ++order,
                ConfigDef.Width.LONG, "Customer prefixes");
        order = 0;
        def.define(WINDOW_SECONDS, Type.INT, 10, ConfigDef.Range.between(1, 3600), Importance.HIGH,
                "Seconds of flow time a target's rates are averaged over; an attack ends once its rates stayed below "
                        + "the thresholds for as long.", GROUP_DETECTION, ++order, ConfigDef.Width.SHORT, "Window");
        def.define(MULTIPLE, Type.DOUBLE, 3.0, ConfigDef.Range.atLeast(1.0), Importance.HIGH,
                "A target's threshold is this multiple of its learned baseline for the hour of day (never below the "
                        + "floors).", GROUP_DETECTION, ++order, ConfigDef.Width.SHORT, "Multiple");
        def.define(FLOOR_BITS, Type.DOUBLE, 100e6, ConfigDef.Range.atLeast(1.0), Importance.HIGH,
                "Lowest threshold in bits/s: below it nothing is an attack, whatever the baseline.", GROUP_DETECTION,
                ++order, ConfigDef.Width.SHORT, "Floor bits/s");
        def.define(FLOOR_PACKETS, Type.DOUBLE, 10_000.0, ConfigDef.Range.atLeast(1.0), Importance.HIGH,
                "Lowest threshold in packets/s.", GROUP_DETECTION, ++order, ConfigDef.Width.SHORT, "Floor packets/s");
        def.define(WARMUP_SECONDS, Type.INT, -1, ConfigDef.Range.atLeast(-1), Importance.LOW,
                "Seconds of flow time after a task starts before an attack may start (its window fills first); -1: one "
                        + "window.", GROUP_DETECTION, ++order, ConfigDef.Width.SHORT, "Warmup");
        def.define(MAX_TARGETS, Type.INT, 100_000, ConfigDef.Range.between(1, 10_000_000), Importance.LOW,
                "Most destinations tracked and learned per customer (bounds the heap: a scan of a large address space "
                        + "must not exhaust it).", GROUP_DETECTION, ++order, ConfigDef.Width.SHORT, "Targets per customer");
        def.define(BASELINE_RETENTION_HOURS, Type.INT, 168, ConfigDef.Range.between(1, 87_600), Importance.LOW,
                "A target's baseline is forgotten (and deleted from the state topic) when none of its windows was learned "
                        + "for this many hours of flow time, so that addresses no longer used leave room for new ones.",
                GROUP_DETECTION, ++order, ConfigDef.Width.SHORT, "Baseline retention");
        def.define(UPDATE_INTERVAL_SECONDS, Type.INT, 10, ConfigDef.Range.between(1, 3600), Importance.LOW,
                "An open attack's update event at most this often (flow time).", GROUP_DETECTION, ++order,
                ConfigDef.Width.SHORT, "Update interval");
        def.define(ZONE, Type.STRING, "UTC", DescribedValidator.of("a time zone id", DdosSinkConfig::checkZone),
                Importance.LOW, "Time zone of the baseline's hours of day.", GROUP_DETECTION, ++order,
                ConfigDef.Width.SHORT, "Zone");
        order = 0;
        def.define(KAFKA_BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, DescribedValidator.of("host:port, ...",
                        (n, v) -> {
                            if (((List<?>) v).isEmpty()) {
                                throw new ConfigException(n, v, "names no broker");
                            }
                        }),
                Importance.HIGH, "Brokers of the task's own clients: the state, attacks and audit topics (usually the "
                        + "worker's cluster).", GROUP_KAFKA, ++order, ConfigDef.Width.LONG, "Bootstrap servers");
        KafkaClientSecurity.define(def, KAFKA_CLIENT_PREFIX, "the task's own Kafka clients");
        def.define(STATE_TOPIC, Type.STRING, "ddos-state", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Compacted topic of the task's state: baselines (baseline/...), open attacks (attack/...) and routes held "
                        + "(route/...). One per connector; created if missing.", GROUP_KAFKA, ++order,
                ConfigDef.Width.MEDIUM, "State topic");
        def.define(ATTACKS_TOPIC, Type.STRING, "ddos-attacks", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Topic of the attack events (JSON: start, update, end), keyed by customer id.", GROUP_KAFKA, ++order,
                ConfigDef.Width.MEDIUM, "Attacks topic");
        def.define(AUDIT_TOPIC, Type.STRING, "ddos-audit", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Topic of the mitigation audit trail (JSON: every announcement, withdrawal and refusal with its reason).",
                GROUP_KAFKA, ++order, ConfigDef.Width.MEDIUM, "Audit topic");
        def.define(TOPIC_REPLICATION_FACTOR, Type.SHORT, (short) -1, DescribedValidator.of("-1 or at least 1",
                        DdosSinkConfig::checkReplication), Importance.LOW,
                "Replication factor of the three topics when the task creates them; -1: the broker's default.",
                GROUP_KAFKA, ++order, ConfigDef.Width.SHORT, "Replication factor");
        def.define(STATE_FLUSH_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.between(1_000L, 3_600_000L),
                Importance.LOW, "Longest time between two writes of the detectors' changes (baselines, clocks) to the "
                        + "state topic; they are also written before every offset commit, so that a restart resumes "
                        + "state and offsets together. Open attacks and routes are written at once.", GROUP_KAFKA, ++order,
                ConfigDef.Width.SHORT, "State flush interval");
        def.define(KAFKA_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.between(1_000, 600_000), Importance.LOW,
                "Longest wait for the brokers: reading the state at start, acknowledgements.", GROUP_KAFKA, ++order,
                ConfigDef.Width.SHORT, "Kafka timeout");
        for (String key : DATABASE_KEYS) {
            def.define(InfluxSinkConfig.CONFIG_DEF.configKeys().get(key));
        }
        defineMitigation(def);
        return def;
    }

    private static void defineMitigation(ConfigDef def) {
        int order = 0;
        def.define(POLICY_DEFAULT, Type.STRING, MitigationPolicy.ALERT.configName(), DescribedValidator.of(
                        MitigationPolicy.names(), DdosSinkConfig::checkPolicy), Importance.HIGH,
                "Policy of customers not in " + POLICIES + ": off (not watched), alert (events only), blackhole (RTBH "
                        + "route for the attacked address) or flowspec (a FlowSpec rule for the attack's vector).",
                GROUP_MITIGATION, ++order, ConfigDef.Width.SHORT, "Default policy");
        def.define(POLICIES, Type.LIST, "", DescribedValidator.of("cid:policy entries", DdosSinkConfig::checkPolicies),
                Importance.HIGH, "Per-customer policies, e.g. 1000:blackhole,1001:flowspec,1200:off.", GROUP_MITIGATION,
                ++order, ConfigDef.Width.LONG, "Policies");
        def.define(DRY_RUN, Type.BOOLEAN, true, Importance.HIGH,
                "Decide and audit (dry-run-announce, dry-run-withdraw) but never talk to the BGP speaker. On by default: "
                        + "turn it off once the audit trail shows the decisions you want.", GROUP_MITIGATION, ++order,
                ConfigDef.Width.SHORT, "Dry run");
        def.define(HOLD_SECONDS, Type.LONG, 600L, ConfigDef.Range.between(0L, 7 * 86_400L), Importance.MEDIUM,
                "A route stays this long after its attack ended (wall clock), so that a flood pausing briefly does "
                        + "not flap it.", GROUP_MITIGATION, ++order, ConfigDef.Width.SHORT, "Hold time");
        def.define(MAX_ROUTES_PER_CUSTOMER, Type.INT, 4, ConfigDef.Range.between(1, 10_000), Importance.HIGH,
                "Most routes held for one customer at once; further attacks are refused (audited).", GROUP_MITIGATION,
                ++order, ConfigDef.Width.SHORT, "Routes per customer");
        def.define(MAX_ROUTES, Type.INT, 32, ConfigDef.Range.between(1, 100_000), Importance.HIGH,
                "Most routes held in total.", GROUP_MITIGATION, ++order, ConfigDef.Width.SHORT, "Routes in total");
        def.define(RECONCILE_INTERVAL_MS, Type.LONG, 30_000L, ConfigDef.Range.between(1_000L, 3_600_000L),
                Importance.LOW, "How often the speaker's routes are compared with the ledger (announcing what is "
                        + "missing, withdrawing what no entry holds).", GROUP_MITIGATION, ++order, ConfigDef.Width.SHORT,
                "Reconcile interval");
        def.define(FLOWSPEC_PORT_SHARE, Type.DOUBLE, 0.5, ConfigDef.Range.between(0.0, 1.0), Importance.LOW,
                "A FlowSpec rule matches the attack's heaviest protocol and destination port when that pair carries at "
                        + "least this share of its bits; else the destination alone.", GROUP_MITIGATION, ++order,
                ConfigDef.Width.SHORT, "FlowSpec port share");
        def.define(FLOWSPEC_RATE_LIMIT, Type.DOUBLE, 0.0, ConfigDef.Range.atLeast(0.0), Importance.MEDIUM,
                "FlowSpec action: 0 discards the matched traffic (traffic-rate 0), more limits it to this many bytes/s.",
                GROUP_MITIGATION, ++order, ConfigDef.Width.SHORT, "FlowSpec rate limit");
        def.define(BLACKHOLE_NEXT_HOP_V4, Type.STRING, "192.0.2.1", DescribedValidator.of("an IPv4 address",
                        (n, v) -> checkAddress(n, v, 4)), Importance.MEDIUM,
                "Next hop of IPv4 blackhole routes (the routers map it to a discard interface).", GROUP_MITIGATION,
                ++order, ConfigDef.Width.MEDIUM, "IPv4 next hop");
        def.define(BLACKHOLE_NEXT_HOP_V6, Type.STRING, "100::1", DescribedValidator.of("an IPv6 address",
                        (n, v) -> checkAddress(n, v, 16)), Importance.MEDIUM,
                "Next hop of IPv6 blackhole routes (100::/64 is the discard-only prefix, RFC 6666).", GROUP_MITIGATION,
                ++order, ConfigDef.Width.MEDIUM, "IPv6 next hop");
        def.define(BLACKHOLE_COMMUNITIES, Type.LIST, "", DescribedValidator.of("asn:value or a:b:c communities",
                        DdosSinkConfig::checkCommunities), Importance.MEDIUM,
                "The operator's own blackhole communities (standard asn:value or large a:b:c), added to BLACKHOLE "
                        + "(65535:666, RFC 7999) and NO_EXPORT.", GROUP_MITIGATION, ++order, ConfigDef.Width.LONG,
                "Blackhole communities");
        def.define(MARKER_COMMUNITY, Type.STRING, "", DescribedValidator.of("empty, or a community of the operator's AS",
                        DdosSinkConfig::checkMarker), Importance.HIGH,
                "Community on every route this connector announces, e.g. a large community 64500:666:1 of the operator's "
                        + "AS: routes carrying it at the speaker are this connector's (give each connector on one speaker "
                        + "its own; well-known 65535:x and 0:x are refused). Required unless " + DRY_RUN + ".",
                GROUP_MITIGATION, ++order, ConfigDef.Width.MEDIUM, "Marker community");
        def.define(SPEAKER_ADDRESS, Type.STRING, "", DescribedValidator.of("empty, or host:port",
                        DdosSinkConfig::checkHostPort), Importance.HIGH,
                "gobgpd's gRPC API (host:port, e.g. 127.0.0.1:50051); routes go to the speaker's global RIB and from "
                        + "there to its peers. Required unless " + DRY_RUN + ".", GROUP_MITIGATION, ++order,
                ConfigDef.Width.MEDIUM, "gobgpd API");
        def.define(SPEAKER_TIMEOUT_MS, Type.INT, 5_000, ConfigDef.Range.between(100, 120_000), Importance.LOW,
                "Deadline of each call to the speaker.", GROUP_MITIGATION, ++order, ConfigDef.Width.SHORT,
                "Speaker timeout");
        def.define(SPEAKER_TLS_CA_FILE, Type.STRING, "", DescribedValidator.of("empty, or a readable PEM file",
                        (n, v) -> {
                            if (!String.valueOf(v).isBlank()) {
                                checkReadable(n, v);
                            }
                        }), Importance.MEDIUM,
                "PEM certificates that may sign gobgpd's API certificate (gobgpd --tls): the API is then reached over "
                        + "TLS. Empty: plaintext, which belongs on loopback or a management network only.",
                GROUP_MITIGATION, ++order, ConfigDef.Width.LONG, "gobgpd API CA");
        def.define(SPEAKER_TLS_SERVER_NAME, Type.STRING, "", Importance.LOW,
                "The name gobgpd's certificate is checked against when it is not the host of " + SPEAKER_ADDRESS + ".",
                GROUP_MITIGATION, ++order, ConfigDef.Width.MEDIUM, "gobgpd API TLS name");
    }

    private static void checkReadable(String name, Object value) {
        String text = value == null ? "" : ((String) value).trim();
        if (text.isEmpty() || !Files.isReadable(Path.of(text))) {
            throw new ConfigException(name, value, "is not a readable file");
        }
    }

    private static void checkZone(String name, Object value) {
        try {
            java.time.ZoneId.of(String.valueOf(value).trim());
        } catch (java.time.DateTimeException e) {
            throw new ConfigException(name, value, "is not a time zone: " + e.getMessage());
        }
    }

    private static void checkReplication(String name, Object value) {
        short factor = (Short) value;
        if (factor == 0 || factor < -1) {
            throw new ConfigException(name, value, "must be -1 (the broker's default) or at least 1");
        }
    }

    private static void checkPolicy(String name, Object value) {
        try {
            MitigationPolicy.of(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkPolicies(String name, Object value) {
        try {
            CustomerPolicies.parse(MitigationPolicy.ALERT, (List<String>) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    private static void checkAddress(String name, Object value, int bytes) {
        try {
            if (AddressParsing.address(String.valueOf(value)).getAddress().length == bytes) {
                return;
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
        throw new ConfigException(name, value, "is not an " + (bytes == 4 ? "IPv4" : "IPv6") + " address");
    }

    @SuppressWarnings("unchecked")
    private static void checkCommunities(String name, Object value) {
        for (String community : (List<String>) value) {
            try {
                Community.parse(community.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
    }

    private static void checkMarker(String name, Object value) {
        String text = value == null ? "" : ((String) value).trim();
        if (text.isEmpty()) {
            return;
        }
        try {
            GobgpSpeakerConfig.of("127.0.0.1", 1, Community.parse(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    private static void checkHostPort(String name, Object value) {
        String text = value == null ? "" : ((String) value).trim();
        if (text.isEmpty()) {
            return;
        }
        int colon = text.lastIndexOf(':');
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (colon <= 0 || port < 1 || port > 65_535) {
                throw new ConfigException(name, value, "is not host:port");
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new ConfigException(name, value, "is not host:port");
        }
    }

    /** Errors that involve several keys, by key (for validate and for start). */
    public static Map<String, List<String>> crossKeyErrors(Map<String, String> originals) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        DdosSinkConfig config = new DdosSinkConfig(originals);
        if (!config.dryRun() && config.speakerAddress().isEmpty()) {
            errors.computeIfAbsent(SPEAKER_ADDRESS, k -> new ArrayList<>()).add("is required when " + DRY_RUN
                    + " is false: routes need a BGP speaker");
        }
        if (!config.dryRun() && config.getString(MARKER_COMMUNITY).isBlank()) {
            errors.computeIfAbsent(MARKER_COMMUNITY, k -> new ArrayList<>()).add("is required when " + DRY_RUN
                    + " is false: it tells this connector's routes at the speaker from all others");
        }
        try {
            config.database().checkCredentials();
        } catch (ConfigException e) {
            String key = e instanceof org.bwnetflow.connect.influx.aggregate.AggregationSpec.InvalidKeyException invalid
                    ? invalid.key() : InfluxSinkConfig.INFLUX_URL;
            errors.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getMessage());
        }
        return errors;
    }

    /** The database settings as the Influx sink's config reads them. */
    public InfluxSinkConfig database() {
        Map<String, Object> keys = new HashMap<>();
        for (String key : DATABASE_KEYS) {
            Object value = originals().get(key);
            if (value != null) {
                keys.put(key, value);
            }
        }
        return new InfluxSinkConfig(keys);
    }

    /** Settings of the task's producer and consumers (bootstrap servers and security). */
    public Map<String, Object> kafkaClientSettings() {
        Map<String, Object> settings = KafkaClientSecurity.settings(this, KAFKA_CLIENT_PREFIX);
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(KAFKA_BOOTSTRAP_SERVERS)));
        return settings;
    }

    public Path customerPrefixesFile() {
        return Path.of(getString(CUSTOMER_PREFIXES_FILE).trim());
    }

    public CustomerPolicies policies() {
        return CustomerPolicies.parse(MitigationPolicy.of(getString(POLICY_DEFAULT)), getList(POLICIES));
    }

    public boolean dryRun() {
        return getBoolean(DRY_RUN);
    }

    public String speakerAddress() {
        return getString(SPEAKER_ADDRESS).trim();
    }

    public Duration kafkaTimeout() {
        return Duration.ofMillis(getInt(KAFKA_TIMEOUT_MS));
    }

    /** The speaker's settings (only when not dry-run: the address and marker are set then). */
    public GobgpSpeakerConfig speakerConfig() {
        String address = speakerAddress();
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        GobgpSpeakerConfig speaker = GobgpSpeakerConfig.of(host, Integer.parseInt(address.substring(colon + 1)),
                Community.parse(getString(MARKER_COMMUNITY).trim())).withDeadline(Duration.ofMillis(getInt(SPEAKER_TIMEOUT_MS)));
        String ca = getString(SPEAKER_TLS_CA_FILE).trim();
        String serverName = getString(SPEAKER_TLS_SERVER_NAME).trim();
        return ca.isEmpty() ? speaker : speaker.withTls(Path.of(ca), serverName.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(serverName));
    }

    /** The routes as configured: next hops, blackhole communities, the FlowSpec action. */
    public ConfiguredRoutes routes() {
        List<Community> communities = new ArrayList<>();
        for (String community : getList(BLACKHOLE_COMMUNITIES)) {
            communities.add(Community.parse(community.trim()));
        }
        double rate = getDouble(FLOWSPEC_RATE_LIMIT);
        return new ConfiguredRoutes(AddressParsing.address(getString(BLACKHOLE_NEXT_HOP_V4)),
                AddressParsing.address(getString(BLACKHOLE_NEXT_HOP_V6)), communities,
                rate == 0 ? new FlowSpecAction.Discard() : new FlowSpecAction.RateLimit((float) rate));
    }

    /** The detection's settings: targets are single addresses (/32, /128), which is what can be mitigated. */
    public DetectorSettings detectorSettings() {
        int window = getInt(WINDOW_SECONDS);
        int warmup = getInt(WARMUP_SECONDS);
        return new DetectorSettings(window, getDouble(MULTIPLE), getDouble(FLOOR_BITS), getDouble(FLOOR_PACKETS),
                warmup < 0 ? window : warmup, 32, 128, getInt(MAX_TARGETS), false, getInt(UPDATE_INTERVAL_SECONDS));
    }

    public long baselineRetentionSeconds() {
        return getInt(BASELINE_RETENTION_HOURS) * 3600L;
    }

    public ZoneId zone() {
        return ZoneId.of(getString(ZONE).trim());
    }

    public long holdMillis() {
        return getLong(HOLD_SECONDS) * 1000;
    }

    public int maxRoutesPerCustomer() {
        return getInt(MAX_ROUTES_PER_CUSTOMER);
    }

    public int maxRoutes() {
        return getInt(MAX_ROUTES);
    }

    public long reconcileIntervalMillis() {
        return getLong(RECONCILE_INTERVAL_MS);
    }

    public double flowSpecPortShare() {
        return getDouble(FLOWSPEC_PORT_SHARE);
    }

    public long stateFlushIntervalMillis() {
        return getLong(STATE_FLUSH_INTERVAL_MS);
    }

    public short topicReplicationFactor() {
        return getShort(TOPIC_REPLICATION_FACTOR);
    }
}
