package org.bwnetflow.connect.influx;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.influxdb.client.domain.WritePrecision;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.bwnetflow.connect.influx.aggregate.AggregationSpec;
import org.bwnetflow.connect.influx.aggregate.MeasurementSpec;
import org.bwnetflow.connect.influx.health.IngestPoints;
import org.bwnetflow.connect.influx.segment.SegmentTimes;
import org.bwnetflow.connect.influx.write.Credentials;
import org.bwnetflow.connect.model.FlowClock;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.transform.DescribedValidator;

/** Configuration of {@link InfluxSinkConnector} and its tasks. */
public class InfluxSinkConfig extends AbstractConfig {

    public static final String INFLUX_URL = "influx.url";
    public static final String INFLUX_ORG = "influx.org";
    public static final String INFLUX_BUCKET = "influx.bucket";
    public static final String INFLUX_BUCKET_PER_CUSTOMER = "influx.bucket.per.customer";
    public static final String INFLUX_TOKEN = "influx.token";
    public static final String INFLUX_USERNAME = "influx.username";
    public static final String INFLUX_PASSWORD = "influx.password";
    public static final String INFLUX_PRECISION = "influx.precision";
    public static final String INFLUX_BATCH_SIZE = "influx.batch.size";
    public static final String INFLUX_GZIP = "influx.gzip";
    public static final String INFLUX_TIMEOUT_MS = "influx.timeout.ms";
    public static final String WINDOW_SIZE_MS = "window.size.ms";
    public static final String WINDOW_TIME = "window.time";
    public static final String FLOW_TIME_TOLERANCE_MS = "flow.time.tolerance.ms";
    public static final String WRITE_INTERVAL_MS = "write.interval.ms";
    public static final String WRITE_OPEN_WINDOWS = "write.open.windows";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max.attempts";
    public static final String RETRY_BACKOFF_INITIAL_MS = "retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String INGEST_MEASUREMENT = "ingest.measurement";

    public static final String TIME_FLOW_END = "TimeFlowEnd";
    public static final String TIME_RECEIVED = "TimeReceived";
    /** Keys of earlier releases that the clock policy replaced, with what replaces them. */
    public static final Map<String, String> REMOVED_KEYS = Map.of(
            "window.lateness.ms", "no flow is dropped as late any more: set " + FLOW_TIME_TOLERANCE_MS
                    + " (how far a flow's time may lie from its record's timestamp) instead",
            "window.margin.ms", "segments need no margin: remove it",
            "window.idle.write.ms", "a quiet partition's totals are written after write.interval.ms: remove it");
    /** Replaced by the customer id in {@value #INFLUX_BUCKET_PER_CUSTOMER}. */
    public static final String CID_PLACEHOLDER = "${cid}";

    private static final String GROUP_DATABASE = "Database";
    private static final String GROUP_WINDOWS = "Windows";
    private static final String GROUP_RETRIES = "Retries";
    private static final String GROUP_INGEST = "Ingest health";

    public static final ConfigDef CONFIG_DEF = AggregationSpec.define(configDef());

    /** Read once: {@link #bucketFor} runs per point. */
    private final String bucket;
    private final String bucketPattern;

    public InfluxSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        bucket = getString(INFLUX_BUCKET);
        bucketPattern = getString(INFLUX_BUCKET_PER_CUSTOMER);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(INFLUX_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, DescribedValidator.of("an http or https URL",
                        InfluxSinkConfig::checkUrl), Importance.HIGH,
                "Base URL of the database's InfluxDB v2 write API, e.g. http://influxdb:8086 (InfluxDB 2/3), "
                        + "http://questdb:9000 (QuestDB) or http://victoriametrics:8428 (VictoriaMetrics).",
                GROUP_DATABASE, ++order, ConfigDef.Width.LONG, "URL");
        def.define(INFLUX_ORG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "Organization (InfluxDB 2/3 check it; QuestDB and VictoriaMetrics ignore it, but the client needs one).",
                GROUP_DATABASE, ++order, ConfigDef.Width.MEDIUM, "Organization");
        def.define(INFLUX_BUCKET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, "Bucket the points go to (the database, for InfluxDB 1.8+; ignored by QuestDB, "
                        + "where each measurement is a table).", GROUP_DATABASE, ++order, ConfigDef.Width.MEDIUM, "Bucket");
        def.define(INFLUX_BUCKET_PER_CUSTOMER, Type.STRING, "", DescribedValidator.of("empty, or a bucket name "
                        + "containing " + CID_PLACEHOLDER, InfluxSinkConfig::checkBucketPattern), Importance.MEDIUM,
                "A bucket per customer: points with a cid tag go to this pattern with " + CID_PLACEHOLDER
                        + " replaced (e.g. flows-" + CID_PLACEHOLDER + "), the others to " + INFLUX_BUCKET
                        + ". The buckets must exist. Empty: every point goes to " + INFLUX_BUCKET + ".",
                GROUP_DATABASE, ++order, ConfigDef.Width.MEDIUM, "Bucket per customer");
        def.define(INFLUX_TOKEN, Type.PASSWORD, "", Importance.HIGH,
                "API token (sent as 'Authorization: Token ...', InfluxDB 2/3); never logged. Better given through a "
                        + "config provider, e.g. ${file:/etc/kafka/connect-secrets/bwnetflow.properties:influx.token}. Not together with "
                        + INFLUX_USERNAME + ".", GROUP_DATABASE, ++order, ConfigDef.Width.LONG, "Token");
        def.define(INFLUX_USERNAME, Type.STRING, "", DescribedValidator.of("empty, or a name without ':'",
                        InfluxSinkConfig::checkUsername), Importance.HIGH,
                "User for HTTP Basic authentication ('Authorization: Basic ...'): QuestDB's http.user (QuestDB open "
                        + "source has no tokens), InfluxDB 1.x, or a proxy in front of the database. Needs "
                        + INFLUX_PASSWORD + "; not together with " + INFLUX_TOKEN + ".",
                GROUP_DATABASE, ++order, ConfigDef.Width.MEDIUM, "User");
        def.define(INFLUX_PASSWORD, Type.PASSWORD, "", Importance.HIGH,
                "Password of " + INFLUX_USERNAME + " (QuestDB's http.password); never logged. Give it through a "
                        + "config provider, e.g. ${file:/etc/kafka/connect-secrets/bwnetflow.properties:influx.password}: Connect's REST "
                        + "API returns a literal value as it was submitted.",
                GROUP_DATABASE, ++order, ConfigDef.Width.LONG, "Password");
        def.define(INFLUX_PRECISION, Type.STRING, "ms", DescribedValidator.of("ms, us or ns",
                        InfluxSinkConfig::checkPrecision), Importance.LOW, "Timestamp precision of the points written. "
                        + "Milliseconds or finer: the points of a window from different segments of a partition lie "
                        + "milliseconds apart.", GROUP_DATABASE, ++order, ConfigDef.Width.SHORT, "Precision");
        def.define(INFLUX_BATCH_SIZE, Type.INT, 5000, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                "Most points per write request.", GROUP_DATABASE, ++order, ConfigDef.Width.SHORT, "Batch size");
        def.define(INFLUX_GZIP, Type.BOOLEAN, false, Importance.LOW, "Compress write requests with gzip (InfluxDB and "
                        + "VictoriaMetrics accept it; QuestDB answers 415).",
                GROUP_DATABASE, ++order, ConfigDef.Width.SHORT, "Gzip");
        def.define(INFLUX_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.between(100, 600_000), Importance.LOW,
                "Connect, read and write timeout of a write request; a timeout is retried.",
                GROUP_DATABASE, ++order, ConfigDef.Width.SHORT, "Timeout");
        defineWindows(def);
        defineRetries(def);
        defineIngest(def);
        return def;
    }

    private static void defineWindows(ConfigDef def) {
        int order = 0;
        def.define(WINDOW_SIZE_MS, Type.LONG, 10_000L, DescribedValidator.of("whole seconds, 1 s to 1 day",
                        InfluxSinkConfig::checkWindowSize), Importance.HIGH,
                "Length of the tumbling windows on flow time. Each window's totals are written at its start.",
                GROUP_WINDOWS, ++order, ConfigDef.Width.SHORT, "Window");
        def.define(WINDOW_TIME, Type.STRING, TIME_FLOW_END, ConfigDef.ValidString.in(TIME_FLOW_END, TIME_RECEIVED),
                Importance.MEDIUM, "The flow time that picks a flow's window: when the flow ended (TimeFlowEnd, as "
                        + "the exporter's clock says) or when the collector received it (TimeReceived). Flows without "
                        + "it, and flows whose time is not trusted (" + FLOW_TIME_TOLERANCE_MS + "), use the record's "
                        + "timestamp.", GROUP_WINDOWS, ++order, ConfigDef.Width.SHORT, "Window time");
        def.define(FLOW_TIME_TOLERANCE_MS, Type.LONG, FlowClock.DEFAULT_TOLERANCE_MILLIS, ConfigDef.Range.between(0,
                        TimeUnit.DAYS.toMillis(1)), Importance.MEDIUM,
                "The clock policy: a flow whose time lies further than this from its record's timestamp (the receive "
                        + "time the NetFlow source sets) comes from a router with a wrong clock; it is counted in the "
                        + "window of the record's timestamp instead (clock-corrected-records). No flow is dropped for "
                        + "its time, and none can hold the offsets back. The segments that add to one window must fit into "
                        + "its milliseconds (about 2 * this / " + WRITE_INTERVAL_MS + " of them): validation says "
                        + "when they do not (with the defaults, up to about 13 hours).", GROUP_WINDOWS, ++order,
                ConfigDef.Width.SHORT, "Flow time tolerance");
        def.define(WRITE_INTERVAL_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
                "How often the sink writes, and the record time of one segment: each partition's records are cut "
                        + "into segments of this much record time, and a segment's totals of each window are written "
                        + "once it ends (the first record of a later interval), at the window start plus a millisecond "
                        + "slot of their own. Offsets are committed at segment starts, so the commit stays within about "
                        + "two of these (plus the worker's offset.flush.interval.ms) behind the newest record.",
                GROUP_WINDOWS, ++order, ConfigDef.Width.SHORT, "Write interval");
        def.define(WRITE_OPEN_WINDOWS, Type.BOOLEAN, true, Importance.LOW,
                "Write a quiet partition's newest totals early: when a partition had no new records for "
                        + WRITE_INTERVAL_MS + ", its open segment's totals (except top-N measurements) are written, "
                        + "and replaced by later writes as the segment grows. Turn off for a database that may keep "
                        + "the first of two samples with the same series and time (VictoriaMetrics 1.79, Debian's, with "
                        + "-dedup.minScrapeInterval): then every point is written once, when its segment ends, and "
                        + "again only with the same values by a replay.", GROUP_WINDOWS, ++order,
                ConfigDef.Width.SHORT, "Write open windows");
    }

    private static void defineRetries(ConfigDef def) {
        int order = 0;
        def.define(RETRY_MAX_ATTEMPTS, Type.INT, 10, ConfigDef.Range.between(0, 1000), Importance.MEDIUM,
                "Retries of a write that failed with 5xx, 429 or a timeout, with exponential backoff, before the "
                        + "task fails. Nothing is lost meanwhile: offsets are not committed past unwritten windows.",
                GROUP_RETRIES, ++order, ConfigDef.Width.SHORT, "Retries");
        def.define(RETRY_BACKOFF_INITIAL_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                "First backoff; it doubles per retry (with jitter) up to " + RETRY_BACKOFF_MAX_MS + ".",
                GROUP_RETRIES, ++order, ConfigDef.Width.SHORT, "Initial backoff");
        def.define(RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                "Longest backoff between retries.", GROUP_RETRIES, ++order, ConfigDef.Width.SHORT, "Max backoff");
    }

    private static void defineIngest(ConfigDef def) {
        def.define(INGEST_MEASUREMENT, Type.STRING, "ingest", DescribedValidator.of("a name of letters, digits, '_', '-'",
                        InfluxSinkConfig::checkMeasurementName), Importance.LOW,
                "Measurement (QuestDB: table) of the NetFlow sources' ingest health records, recognised by their "
                        + "schema (FlowMessageConverter) or their " + FlowMessageConverter.RECORD_HEADER + " header, "
                        + "on any topic the sink reads (e.g. topics.regex=flows-.*|_ingest-health). Each record is one "
                        + "point, written as it comes (no windows) with the next write, to " + INFLUX_BUCKET
                        + ": tags " + String.join(", ", IngestPoints.CONNECTOR_TAG, IngestPoints.TASK_TAG,
                                IngestPoints.EXPORTER_TAG) + ", integer fields "
                        + String.join(", ", IngestPoints.FIELDS.values()) + ", at the record's TimeReported. Offsets "
                        + "are committed past a record only once its point is written. Must differ from the names in "
                        + AggregationSpec.MEASUREMENTS + ".", GROUP_INGEST, 1, ConfigDef.Width.MEDIUM,
                "Ingest measurement");
    }

    private static void checkMeasurementName(String name, Object value) {
        if (value == null || !MeasurementSpec.NAME.matcher((String) value).matches()) {
            throw new ConfigException(name, value, "must be a name of letters, digits, '_' or '-'");
        }
    }

    /** The ingest measurement must not be a flow measurement too: their points would mix in one table. */
    void checkIngestMeasurement() {
        if (getList(AggregationSpec.MEASUREMENTS).contains(ingestMeasurement())) {
            throw new ConfigException(INGEST_MEASUREMENT, ingestMeasurement(), "is also listed in "
                    + AggregationSpec.MEASUREMENTS + "; give the ingest health records a measurement of their own");
        }
    }

    private static void checkUrl(String name, Object value) {
        String text = (String) value;
        try {
            URI uri = URI.create(text == null ? "" : text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(name, value, "not an http or https URL with a host");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "not a URL: " + e.getMessage());
        }
    }

    private static void checkUsername(String name, Object value) {
        if (value != null && ((String) value).indexOf(':') >= 0) {
            throw new ConfigException(name, value, "must not contain ':' (HTTP Basic separates user and password by it)");
        }
    }

    /**
     * A user needs a password and a password a user; a token is not given with them. The error names its
     * key for validate(); a secret's value never goes into the message.
     */
    public void checkCredentials() {
        boolean user = !getString(INFLUX_USERNAME).isEmpty();
        boolean password = !getPassword(INFLUX_PASSWORD).value().isEmpty();
        boolean token = !token().value().isEmpty();
        if (user && token) {
            throw new AggregationSpec.InvalidKeyException(INFLUX_TOKEN, "[hidden]", "give either " + INFLUX_TOKEN + " (InfluxDB 2/3) or "
                    + INFLUX_USERNAME + " and " + INFLUX_PASSWORD + " (HTTP Basic, e.g. QuestDB), not both");
        }
        if (user && !password) {
            throw new AggregationSpec.InvalidKeyException(INFLUX_PASSWORD, "[hidden]", "is required when " + INFLUX_USERNAME + " is set");
        }
        if (password && !user) {
            throw new AggregationSpec.InvalidKeyException(INFLUX_USERNAME, "", "is required when " + INFLUX_PASSWORD + " is set");
        }
    }

    private static void checkBucketPattern(String name, Object value) {
        String text = (String) value;
        if (text != null && !text.isEmpty() && !text.contains(CID_PLACEHOLDER)) {
            throw new ConfigException(name, value, "must contain " + CID_PLACEHOLDER + " (or be empty)");
        }
    }

    private static void checkPrecision(String name, Object value) {
        String text = value == null ? "" : ((String) value).trim().toLowerCase(Locale.ROOT);
        if (!(text.equals("ms") || text.equals("us") || text.equals("ns"))) {
            throw new ConfigException(name, value, "must be ms, us or ns: the points of a window from different "
                    + "segments lie milliseconds apart, and 's' would make them replace each other");
        }
    }

    /** Keys of earlier releases that mean something else now: an error naming what replaces them. */
    static void checkRemovedKeys(Map<?, ?> originals) {
        for (Map.Entry<String, String> removed : REMOVED_KEYS.entrySet()) {
            if (originals.containsKey(removed.getKey())) {
                throw new ConfigException(removed.getKey(), originals.get(removed.getKey()),
                        "is no longer used: " + removed.getValue());
            }
        }
    }

    /** Whether the segments' points of one window fit into distinct milliseconds of the window (validate()). */
    void checkSegmentSlots() {
        long span = SegmentTimes.slotSpan(windowMillis(), writeIntervalMillis(), flowTimeToleranceMillis());
        if (span > windowMillis()) {
            throw new ConfigException(FLOW_TIME_TOLERANCE_MS, flowTimeToleranceMillis(), "too large for "
                    + WINDOW_SIZE_MS + "=" + windowMillis() + " and " + WRITE_INTERVAL_MS + "=" + writeIntervalMillis()
                    + ": a window would take points from " + span + " segments, more than its milliseconds; lower it, "
                    + "or raise " + WRITE_INTERVAL_MS + " or " + WINDOW_SIZE_MS);
        }
    }

    private static void checkWindowSize(String name, Object value) {
        long millis = (Long) value;
        if (millis < 1000 || millis > TimeUnit.DAYS.toMillis(1) || millis % 1000 != 0) {
            throw new ConfigException(name, value, "must be whole seconds between 1 s and 1 day");
        }
    }

    public String url() {
        return getString(INFLUX_URL).trim();
    }

    public String org() {
        return getString(INFLUX_ORG);
    }

    public String bucket() {
        return bucket;
    }

    /** The bucket of a customer's points; {@link #bucket()} when no pattern is set or the point has no cid. */
    public String bucketFor(String cid) {
        return bucketPattern.isEmpty() || cid == null ? bucket : bucketPattern.replace(CID_PLACEHOLDER, cid);
    }

    public boolean hasBucketPerCustomer() {
        return !bucketPattern.isEmpty();
    }

    public Password token() {
        return getPassword(INFLUX_TOKEN);
    }

    /** How the writer logs in: {@link #INFLUX_USERNAME} and {@link #INFLUX_PASSWORD} when a user is set, else the token. */
    public Credentials credentials() {
        String user = getString(INFLUX_USERNAME);
        return user.isEmpty() ? Credentials.token(token()) : Credentials.basic(user, getPassword(INFLUX_PASSWORD));
    }

    public TimeUnit precision() {
        switch (getString(INFLUX_PRECISION).trim().toLowerCase(Locale.ROOT)) {
            case "us":
                return TimeUnit.MICROSECONDS;
            case "ns":
                return TimeUnit.NANOSECONDS;
            default:
                return TimeUnit.MILLISECONDS;
        }
    }

    public WritePrecision writePrecision() {
        return WritePrecision.fromValue(getString(INFLUX_PRECISION).trim().toLowerCase(Locale.ROOT));
    }

    public int batchSize() {
        return getInt(INFLUX_BATCH_SIZE);
    }

    public boolean gzip() {
        return getBoolean(INFLUX_GZIP);
    }

    public int timeoutMillis() {
        return getInt(INFLUX_TIMEOUT_MS);
    }

    public long windowMillis() {
        return getLong(WINDOW_SIZE_MS);
    }

    public boolean windowByReceiveTime() {
        return TIME_RECEIVED.equals(getString(WINDOW_TIME));
    }

    public long flowTimeToleranceMillis() {
        return getLong(FLOW_TIME_TOLERANCE_MS);
    }

    public boolean writeOpenWindows() {
        return getBoolean(WRITE_OPEN_WINDOWS);
    }

    public long writeIntervalMillis() {
        return getLong(WRITE_INTERVAL_MS);
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

    public String ingestMeasurement() {
        return getString(INGEST_MEASUREMENT);
    }

    public AggregationSpec aggregationSpec() {
        return AggregationSpec.from(this);
    }
}
