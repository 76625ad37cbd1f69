package org.bwnetflow.connect.netflow.export;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;

/** The export sink's configuration: where to send, which protocol, how datagrams are filled and flushed. */
public final class NetFlowExportSinkConfig extends AbstractConfig {

    public static final String COLLECTORS = "collectors";
    public static final String PROTOCOL = "export.protocol";
    public static final String DOMAIN_MODE = "observation.domain.mode";
    public static final String DOMAIN_ID = "observation.domain.id";
    public static final String MAX_DATAGRAM_BYTES = "max.datagram.bytes";
    public static final String FLUSH_INTERVAL_MS = "flush.interval.ms";
    public static final String TEMPLATE_INTERVAL_MS = "template.interval.ms";
    public static final String BIND_ADDRESS = "bind.address";
    public static final String SOURCE_ADDRESS_MODE = "source.address.mode";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max.attempts";
    public static final String RETRY_BACKOFF_INITIAL_MS = "retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";

    /** One observation domain (v9 source id) per original exporter, or one for everything. */
    public enum DomainMode { EXPORTER, SINGLE }

    /** The UDP source of the datagrams: the worker's address, or each flow's original exporter. */
    public enum SourceAddressMode { WORKER, EXPORTER }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(COLLECTORS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    DescribedValidator.of("HOST:PORT, ... of reachable collectors", (name, value) -> {
                        @SuppressWarnings("unchecked")
                        List<String> entries = (List<String>) value;
                        if (entries.isEmpty()) {
                            throw new ConfigException(name, value, "name at least one collector as HOST:PORT");
                        }
                        entries.forEach(entry -> parseCollector(name, entry));
                    }), Importance.HIGH,
                    "Collectors that receive every datagram, as HOST:PORT (IPv6 as [ADDRESS]:PORT).")
            .define(PROTOCOL, Type.STRING, "NETFLOW_V9", enumValidator(FlowExportEncoder.Format.values()), Importance.HIGH,
                    "NETFLOW_V9 (RFC 3954; flow times relative to a sysUptime that starts 7 days before the task) or "
                    + "IPFIX (RFC 7011; flow times in milliseconds since the epoch).")
            .define(DOMAIN_MODE, Type.STRING, "EXPORTER", enumValidator(DomainMode.values()), Importance.MEDIUM,
                    "EXPORTER: one source id / observation domain per original exporter (SamplerAddress; an IPv4 "
                    + "exporter's id is its address as a number, an IPv6 one's a CRC-32 of it), with its own sequence "
                    + "numbers. SINGLE: every flow in the domain " + DOMAIN_ID + ".")
            .define(DOMAIN_ID, Type.LONG, 1L, ConfigDef.Range.between(0, 0xffff_ffffL), Importance.LOW,
                    "The source id / observation domain id when " + DOMAIN_MODE + "=SINGLE.")
            .define(MAX_DATAGRAM_BYTES, Type.INT, 1400, ConfigDef.Range.between(512, 65_000), Importance.MEDIUM,
                    "Largest UDP payload sent: a datagram is sent when the next flow would not fit. 1400 fits a "
                    + "1500-byte Ethernet MTU with IPv6 and tunnel headers.")
            .define(FLUSH_INTERVAL_MS, Type.LONG, 1000L, ConfigDef.Range.between(1, 60_000), Importance.MEDIUM,
                    "A datagram that is not full is sent at the latest this long after its first flow.")
            .define(TEMPLATE_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.between(100, 3_600_000), Importance.LOW,
                    "Templates go out with the first datagram of each domain after a (re)start and again at least this "
                    + "often.")
            .define(BIND_ADDRESS, Type.STRING, "", Importance.LOW,
                    "Local address to send from (empty: any), with " + SOURCE_ADDRESS_MODE + "=WORKER.")
            .define(SOURCE_ADDRESS_MODE, Type.STRING, "WORKER", enumValidator(SourceAddressMode.values()),
                    Importance.LOW, "WORKER: datagrams come from the worker (" + BIND_ADDRESS + "). EXPORTER: each "
                    + "domain's datagrams come from its original exporter's address (SamplerAddress), for collectors "
                    + "that key on the UDP source; needs " + DOMAIN_MODE + "=EXPORTER, and the address must be one "
                    + "this host may send from: its own (e.g. 127.0.0.0/8), or any once root has set the sysctl "
                    + "net.ipv4.ip_nonlocal_bind=1 (and the network's reverse-path filter lets it pass).")
            .define(RETRY_MAX_ATTEMPTS, Type.INT, 10, ConfigDef.Range.between(0, 1000), Importance.MEDIUM,
                    "Retries, with exponential backoff, of a datagram a collector's socket refused (the kernel knows "
                    + "the collector unreachable) before the task fails. Nothing is lost meanwhile: offsets are not "
                    + "committed past it, and a restarted task sends again from the last commit.")
            .define(RETRY_BACKOFF_INITIAL_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "First backoff; it doubles per retry (with jitter) up to " + RETRY_BACKOFF_MAX_MS + ".")
            .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Longest backoff between retries.");

    public NetFlowExportSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        Map<String, List<String>> errors = new java.util.HashMap<>();
        validateTogether(props, errors);
        errors.forEach((key, messages) -> {
            throw new ConfigException(key, props.get(key), String.join("; ", messages));
        });
    }

    public List<InetSocketAddress> collectors() {
        List<InetSocketAddress> collectors = new ArrayList<>();
        getList(COLLECTORS).forEach(entry -> collectors.add(parseCollector(COLLECTORS, entry)));
        return collectors;
    }

    public FlowExportEncoder.Format protocol() {
        return FlowExportEncoder.Format.valueOf(getString(PROTOCOL).toUpperCase(Locale.ROOT));
    }

    public DomainMode domainMode() {
        return DomainMode.valueOf(getString(DOMAIN_MODE).toUpperCase(Locale.ROOT));
    }

    public long domainId() {
        return getLong(DOMAIN_ID);
    }

    public int maxDatagramBytes() {
        return getInt(MAX_DATAGRAM_BYTES);
    }

    public long flushIntervalMillis() {
        return getLong(FLUSH_INTERVAL_MS);
    }

    public long templateIntervalMillis() {
        return getLong(TEMPLATE_INTERVAL_MS);
    }

    public SourceAddressMode sourceAddressMode() {
        return SourceAddressMode.valueOf(getString(SOURCE_ADDRESS_MODE).toUpperCase(Locale.ROOT));
    }

    /** Problems between keys, by key, for the connector's validate (a ConfigDef validator sees one key). */
    static void validateTogether(Map<String, String> props, Map<String, List<String>> errors) {
        String source = props.getOrDefault(SOURCE_ADDRESS_MODE, "WORKER");
        String domain = props.getOrDefault(DOMAIN_MODE, "EXPORTER");
        if ("EXPORTER".equalsIgnoreCase(source) && !"EXPORTER".equalsIgnoreCase(domain)) {
            errors.computeIfAbsent(SOURCE_ADDRESS_MODE, k -> new ArrayList<>()).add(SOURCE_ADDRESS_MODE
                    + "=EXPORTER needs " + DOMAIN_MODE + "=EXPORTER: a datagram has one source address");
        }
        long initial = longOr(props.get(RETRY_BACKOFF_INITIAL_MS), 1_000L);
        long max = longOr(props.get(RETRY_BACKOFF_MAX_MS), 30_000L);
        if (max < initial) {
            errors.computeIfAbsent(RETRY_BACKOFF_MAX_MS, k -> new ArrayList<>()).add(RETRY_BACKOFF_MAX_MS + "=" + max
                    + " is below " + RETRY_BACKOFF_INITIAL_MS + "=" + initial);
        }
    }

    /** A number as the ConfigDef reads it; the fallback when absent or unreadable (its own validator reports that). */
    private static long longOr(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_ATTEMPTS);
    }

    public long retryBackoffInitialMillis() {
        return getLong(RETRY_BACKOFF_INITIAL_MS);
    }

    public long retryBackoffMaxMillis() {
        return getLong(RETRY_BACKOFF_MAX_MS);
    }

    public String bindAddress() {
        return getString(BIND_ADDRESS);
    }

    static InetSocketAddress parseCollector(String key, String entry) {
        String text = entry.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new ConfigException(key, entry, "expected HOST:PORT");
        }
        String host = text.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, entry, "the port is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw new ConfigException(key, entry, "the port must be 1-65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ConfigException(key, entry, "cannot resolve " + host);
        }
        return address;
    }

    private static ConfigDef.Validator enumValidator(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return DescribedValidator.of("one of " + String.join(", ", names), (name, value) -> {
            if (!names.contains(String.valueOf(value).toUpperCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "must be one of " + String.join(", ", names));
            }
        });
    }
}
