package org.bwnetflow.connect.netflow.source;

import inet.ipaddr.IPAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.model.FlowClock;
import org.bwnetflow.connect.model.config.AddressAllowlist;
import org.bwnetflow.connect.model.config.AddressParsing;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;

/** Configuration of {@link NetFlowSourceConnector} and its tasks. */
public class NetFlowSourceConfig extends AbstractConfig {

    public static final String TOPIC = "topic";
    public static final String LISTEN_ADDRESS = "listen.address";
    public static final String LISTEN_PORT = "listen.port";
    public static final String SFLOW_BYTES = "sflow.bytes";
    public static final String SFLOW_BYTES_FRAME = "frame";
    public static final String SFLOW_BYTES_IP = "ip";
    public static final String RECEIVER_THREADS = "receiver.threads";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String QUEUE_CAPACITY = "queue.capacity";
    public static final String BATCH_MAX_RECORDS = "batch.max.records";
    public static final String POLL_TIMEOUT_MS = "poll.timeout.ms";
    public static final String EXPORTER_ALLOWLIST = "exporter.allowlist";
    public static final String RECORD_KEY = "record.key";
    public static final String TEMPLATE_EXPIRY_MS = "template.expiry.ms";
    public static final String STATE_MAX_BYTES = "state.max.bytes";
    public static final String STATE_IDLE_EXPIRY_MS = "state.idle.expiry.ms";
    public static final String QUEUE_MAX_BYTES = "queue.max.bytes";
    public static final String METRICS_EXPORTERS_MAX = "metrics.exporters.max";
    public static final String OFFSETS_RESTORE_TIMEOUT_MS = "offsets.restore.timeout.ms";
    public static final String HEALTH_TOPIC = "health.topic";
    public static final String HEALTH_INTERVAL_MS = "health.interval.ms";
    public static final String FLOW_TIME_TOLERANCE_MS = "flow.time.tolerance.ms";
    public static final String SAMPLING_RATE_DEFAULT = "sampling.rate.default";
    public static final String SAMPLING_RATE_OVERRIDES = "sampling.rate.overrides";

    public static final String RECORD_KEY_NONE = "none";
    public static final String RECORD_KEY_EXPORTER = "exporter";

    private static final String GROUP_KAFKA = "Kafka";
    private static final String GROUP_RECEIVER = "Receiver";
    private static final String GROUP_DECODER = "Decoder";
    private static final String GROUP_SAMPLING = "Sampling";
    private static final String GROUP_OPERATIONS = "Operations";

    public static final ConfigDef CONFIG_DEF = configDef();

    public NetFlowSourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(TOPIC, Type.STRING, "flows", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.HIGH,
                "Kafka topic the flows are written to (FlowMessage records; the TenantRouter transform can "
                        + "route them on to per-customer topics).",
                GROUP_KAFKA, ++order, Width.MEDIUM, "Topic");
        def.define(RECORD_KEY, Type.STRING, RECORD_KEY_NONE,
                ConfigDef.CaseInsensitiveValidString.in(RECORD_KEY_NONE, RECORD_KEY_EXPORTER), Importance.LOW,
                "Record key: 'none' spreads flows over all partitions; 'exporter' keys each flow by the "
                        + "exporter's address (a string), keeping one router's flows in one partition, in order.",
                GROUP_KAFKA, ++order, Width.SHORT, "Record key");

        order = 0;
        def.define(LISTEN_ADDRESS, Type.STRING, "0.0.0.0", ConfigValidators.ADDRESS, Importance.HIGH,
                "Local address the UDP receivers bind to; '0.0.0.0' for all IPv4 addresses, '::' for IPv4 and IPv6.",
                GROUP_RECEIVER, ++order, Width.MEDIUM, "Listen address");
        def.define(LISTEN_PORT, Type.INT, 2055, Range.between(1, 65535), Importance.HIGH,
                "UDP port the exporters send to: NetFlow v5/v9, IPFIX and sFlow v5 are told apart by each "
                        + "datagram's first bytes, so one port may take all (sFlow's usual port is 6343). Every task "
                        + "binds it with SO_REUSEPORT, so tasks.max > 1 on one worker share the port and the kernel "
                        + "spreads exporters over them.",
                GROUP_RECEIVER, ++order, Width.SHORT, "Listen port");
        def.define(EXPORTER_ALLOWLIST, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.REQUIRED_CIDR_LIST,
                Importance.HIGH, "Exporters allowed to send, as comma-separated addresses or CIDR blocks (e.g. "
                        + "'192.0.2.0/24,2001:db8::/32'). Datagrams from anywhere else are dropped and counted "
                        + "before decoding, so nobody else can inject templates. Required: '0.0.0.0/0,::/0' accepts "
                        + "every sender, and says so in the log at start.",
                GROUP_RECEIVER, ++order, Width.LONG, "Exporter allowlist");
        def.define(RECEIVER_THREADS, Type.INT, 1, Range.between(1, 64), Importance.LOW,
                "UDP sockets (one thread each) per task, all bound to the same port with SO_REUSEPORT. One "
                        + "exporter always lands on the same socket, so its datagrams stay in order.",
                GROUP_RECEIVER, ++order, Width.SHORT, "Receiver threads");
        def.define(SOCKET_RECEIVE_BUFFER_BYTES, Type.INT, 32 * 1024 * 1024, Range.between(65_536, Integer.MAX_VALUE),
                Importance.MEDIUM,
                "SO_RCVBUF requested for each socket: the kernel buffer that absorbs bursts. Linux caps it at "
                        + "net.core.rmem_max; the effective size is logged and reported as a metric.",
                GROUP_RECEIVER, ++order, Width.SHORT, "Socket receive buffer");
        def.define(QUEUE_CAPACITY, Type.INT, 8192, Range.between(16, 1_048_576), Importance.LOW,
                "Datagrams held between the receiver threads and poll(). When it is full the receivers wait, "
                        + "the socket buffer fills, and the kernel counts drops (reported as a metric).",
                GROUP_RECEIVER, ++order, Width.SHORT, "Queue capacity");
        def.define(QUEUE_MAX_BYTES, Type.INT, 16 << 20, Range.between(65_536, Integer.MAX_VALUE), Importance.LOW,
                "Bytes of datagrams held between the receiver threads and poll(), whatever their count: a flood "
                        + "of 64 KB datagrams cannot fill the heap. A quarter of it again may hold the datagrams of "
                        + "exporters whose saved state is being read from the offsets.",
                GROUP_RECEIVER, ++order, Width.SHORT, "Queue bytes");
        def.define(BATCH_MAX_RECORDS, Type.INT, 4096, Range.between(1, 1_000_000), Importance.LOW,
                "Most flow records one poll() returns.", GROUP_RECEIVER, ++order, Width.SHORT, "Batch size");
        def.define(POLL_TIMEOUT_MS, Type.LONG, 200L, Range.between(1, 60_000), Importance.LOW,
                "How long poll() waits for the first datagram before returning empty-handed.",
                GROUP_RECEIVER, ++order, Width.SHORT, "Poll timeout");

        order = 0;
        def.define(TEMPLATE_EXPIRY_MS, Type.LONG, 30 * 60_000L, Range.atLeast(1000), Importance.MEDIUM,
                "A template the exporter has not resent for this long is forgotten.",
                GROUP_DECODER, ++order, Width.SHORT, "Template expiry");
        def.define(STATE_MAX_BYTES, Type.LONG, 64L << 20, Range.atLeast(1L << 20), Importance.MEDIUM,
                "Most heap bytes of state datagrams make a task keep: exporters, domains, templates, sampling "
                        + "rates and interface names (each name at most 128 characters). When it is full the least "
                        + "recently used state that never decoded a flow goes first, so a flood of templates or "
                        + "spoofed exporters cannot push out the state of exporters whose flows decode. The default "
                        + "suits a 1 GiB worker; allow about 1 KB per exporter plus 0.2-1 KB per template.",
                GROUP_DECODER, ++order, Width.SHORT, "State budget");
        def.define(STATE_IDLE_EXPIRY_MS, Type.LONG, 30 * 60_000L, Range.atLeast(1000), Importance.LOW,
                "An exporter, or one of its source ids / observation domains, that sent nothing for this long is "
                        + "forgotten with all its state, and its saved offsets are deleted.",
                GROUP_DECODER, ++order, Width.SHORT, "Idle expiry");
        defineOperations(def);
        defineSampling(def);
        return def;
    }

    /** Metrics, restores and ingest health. */
    private static void defineOperations(ConfigDef def) {
        int order = 0;
        def.define(METRICS_EXPORTERS_MAX, Type.INT, 256, Range.between(0, 100_000), Importance.LOW,
                "Exporters with their own metrics (tag exporter=ADDRESS) and their own rows in the ingest health "
                        + "records: those with the most decoded flows. All others are summed under exporter=other, "
                        + "so spoofed sources cannot multiply the metrics.",
                GROUP_OPERATIONS, ++order, Width.SHORT, "Exporters with metrics");
        def.define(OFFSETS_RESTORE_TIMEOUT_MS, Type.LONG, 10_000L, Range.between(100, 600_000), Importance.LOW,
                "How long the datagrams of a newly seen domain wait for its saved state to be read from the "
                        + "offsets (in the background) before they are decoded without it.",
                GROUP_OPERATIONS, ++order, Width.SHORT, "Restore timeout");
        def.define(HEALTH_TOPIC, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                "Topic for ingest health records (ingest_health.proto, header bwnetflow-record: ingest-health): every "
                        + HEALTH_INTERVAL_MS + ", per task, one record per exporter with what it sent (datagrams, "
                        + "flows, sequence gaps, records lost before us, flows beyond " + FLOW_TIME_TOLERANCE_MS
                        + "), one for the other exporters, and one "
                        + "(exporter '*') with what the task received and dropped. The Influx sink writes them as "
                        + "the 'ingest' measurement the dashboard shows. Empty: no health records. The topic must "
                        + "exist (or the broker create it) and differ from " + TOPIC + "; the transforms of the "
                        + "bundle pass these records unchanged.",
                GROUP_OPERATIONS, ++order, Width.MEDIUM, "Health topic");
        def.define(HEALTH_INTERVAL_MS, Type.LONG, 10_000L, Range.between(1000, 3_600_000), Importance.LOW,
                "How often each task reports its ingest health to " + HEALTH_TOPIC + "; each record counts what "
                        + "happened since the one before.",
                GROUP_OPERATIONS, ++order, Width.SHORT, "Health interval");
        def.define(FLOW_TIME_TOLERANCE_MS, Type.LONG, FlowClock.DEFAULT_TOLERANCE_MILLIS, Range.atLeast(0),
                Importance.LOW,
                "How far a flow's TimeFlowEnd (the exporter's clock) may lie from its receive time (the record's "
                        + "timestamp), either way, before the exporter's clock counts as wrong for that flow: such "
                        + "flows are counted per exporter (metric exporter-clock-skewed, ClockSkewed in the ingest "
                        + "health records). The flow keeps the time the exporter sent; consumers with a key of the "
                        + "same name (the Influx sink) window it by the record's time instead. Give both the same "
                        + "value, so that the count is exactly the flows they correct.",
                GROUP_OPERATIONS, ++order, Width.SHORT, "Flow time tolerance");
    }

    /** What Bytes and Packets stand for: sampling rates, and which length an sFlow sample counts. */
    private static void defineSampling(ConfigDef def) {
        int order = 0;
        def.define(SAMPLING_RATE_DEFAULT, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
                "SamplingRate for flows whose exporter announced none; 0 leaves it unknown (the Normalize "
                        + "transform then applies its own fallback).",
                GROUP_SAMPLING, ++order, Width.SHORT, "Default sampling rate");
        def.define(SAMPLING_RATE_OVERRIDES, Type.LIST, "", ConfigValidators.SAMPLING_OVERRIDES, Importance.MEDIUM,
                "Per-exporter sampling rates that win over what the exporter announces, as comma-separated "
                        + "'address=rate' pairs, e.g. '192.0.2.1=1000,2001:db8::1=512'.",
                GROUP_SAMPLING, ++order, Width.LONG, "Sampling rate overrides");
        def.define(SFLOW_BYTES, Type.STRING, SFLOW_BYTES_FRAME,
                ConfigDef.CaseInsensitiveValidString.in(SFLOW_BYTES_FRAME, SFLOW_BYTES_IP), Importance.LOW,
                "What Bytes of an sFlow sample counts: 'frame', the sampled frame's length on the wire (as "
                        + "the switch reports it, Ethernet header included); or 'ip', the IP packet's length (IPv4 "
                        + "total length, IPv6 payload + 40), comparable with NetFlow's byte counts.",
                GROUP_SAMPLING, ++order, Width.SHORT, "sFlow byte count");
    }

    public String topic() {
        return getString(TOPIC);
    }

    public boolean keyByExporter() {
        return RECORD_KEY_EXPORTER.equals(getString(RECORD_KEY).toLowerCase(Locale.ROOT));
    }

    public InetSocketAddress listenAddress() {
        return new InetSocketAddress(AddressParsing.address(getString(LISTEN_ADDRESS)), getInt(LISTEN_PORT));
    }

    public int receiverThreads() {
        return getInt(RECEIVER_THREADS);
    }

    public int socketReceiveBufferBytes() {
        return getInt(SOCKET_RECEIVE_BUFFER_BYTES);
    }

    public int queueCapacity() {
        return getInt(QUEUE_CAPACITY);
    }

    public int batchMaxRecords() {
        return getInt(BATCH_MAX_RECORDS);
    }

    public long pollTimeoutMs() {
        return getLong(POLL_TIMEOUT_MS);
    }

    public AddressAllowlist exporterAllowlist() {
        return new AddressAllowlist(getList(EXPORTER_ALLOWLIST));
    }

    public Map<InetAddress, Long> samplingRateOverrides() {
        return parseOverrides(getList(SAMPLING_RATE_OVERRIDES));
    }

    public DecoderSettings decoderSettings() {
        return new DecoderSettings(getLong(TEMPLATE_EXPIRY_MS), getLong(STATE_IDLE_EXPIRY_MS), getLong(STATE_MAX_BYTES),
                getLong(SAMPLING_RATE_DEFAULT), samplingRateOverrides(),
                SFLOW_BYTES_IP.equals(getString(SFLOW_BYTES).toLowerCase(Locale.ROOT)));
    }

    public int queueMaxBytes() {
        return getInt(QUEUE_MAX_BYTES);
    }

    public int metricsExportersMax() {
        return getInt(METRICS_EXPORTERS_MAX);
    }

    /** The ingest health topic; empty when the task reports none. */
    public String healthTopic() {
        return getString(HEALTH_TOPIC).trim();
    }

    public long healthIntervalMs() {
        return getLong(HEALTH_INTERVAL_MS);
    }

    public long restoreTimeoutMs() {
        return getLong(OFFSETS_RESTORE_TIMEOUT_MS);
    }

    /** The clock policy the skew count judges flow times by ({@link #FLOW_TIME_TOLERANCE_MS}). */
    public FlowClock flowClock() {
        return new FlowClock(getLong(FLOW_TIME_TOLERANCE_MS));
    }

    /** Parses 'address=rate' pairs; the message of any exception names the bad pair. */
    static Map<InetAddress, Long> parseOverrides(List<String> pairs) {
        Map<InetAddress, Long> overrides = new HashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + pair + "' is not of the form address=rate");
            }
            InetAddress exporter = AddressParsing.address(pair.substring(0, eq));
            long rate;
            try {
                rate = Long.parseLong(pair.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate in '" + pair + "' is not a whole number");
            }
            if (rate < 1) {
                throw new IllegalArgumentException("rate in '" + pair + "' must be at least 1");
            }
            if (overrides.put(exporter, rate) != null) {
                throw new IllegalArgumentException("exporter " + exporter.getHostAddress() + " is listed twice");
            }
        }
        return overrides;
    }

    /** Cross-field checks: each problem is reported against the key an operator has to change. */
    static void validateTogether(Map<String, String> props, Map<String, List<String>> errorsByKey) {
        NetFlowSourceConfig config;
        try {
            config = new NetFlowSourceConfig(props);
        } catch (ConfigException e) {
            return; // single-key errors are already reported by ConfigDef validation
        }
        AddressAllowlist allowlist = config.exporterAllowlist();
        for (InetAddress exporter : config.samplingRateOverrides().keySet()) {
            if (!allowlist.allows(exporter)) {
                errorsByKey.computeIfAbsent(SAMPLING_RATE_OVERRIDES, k -> new ArrayList<>())
                        .add("Exporter " + exporter.getHostAddress() + " is not in " + EXPORTER_ALLOWLIST
                                + ": its datagrams are dropped, so its override would never apply");
            }
        }
        if (config.healthTopic().equals(config.topic())) {
            errorsByKey.computeIfAbsent(HEALTH_TOPIC, k -> new ArrayList<>())
                    .add("must differ from " + TOPIC + " '" + config.topic() + "': consumers of flows would get "
                            + "health records");
        }
        InetAddress listen = config.listenAddress().getAddress();
        if (listen instanceof Inet4Address) {
            for (String cidr : config.getList(EXPORTER_ALLOWLIST)) {
                IPAddress block = AddressParsing.block(cidr);
                if (block.isIPv6() && !block.isIPv4Convertible()) {
                    errorsByKey.computeIfAbsent(EXPORTER_ALLOWLIST, k -> new ArrayList<>())
                            .add("'" + cidr + "' is IPv6 but " + LISTEN_ADDRESS + " " + listen.getHostAddress()
                                    + " receives IPv4 only; listen on '::' to receive IPv6 exporters");
                }
            }
        }
    }
}
