package org.bwnetflow.connect.enrich;

import static org.bwnetflow.connect.model.FlowField.DST_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.DST_IF_SPEED;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_SPEED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.enrich.common.FileReloader;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.transform.FlowTransformation;
import org.bwnetflow.connect.enrich.interfaces.InterfaceInfo;
import org.bwnetflow.connect.enrich.interfaces.InterfaceKey;
import org.bwnetflow.connect.enrich.interfaces.MergedInterface;
import org.bwnetflow.connect.enrich.interfaces.NameSource;
import org.bwnetflow.connect.enrich.interfaces.SnmpCredentials;
import org.bwnetflow.connect.enrich.interfaces.SnmpInterfaceCache;
import org.bwnetflow.connect.enrich.interfaces.StaticInterfaceTable;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Names a flow's input and output interfaces: from the flow itself, a static file, or SNMP. */
public class InterfaceNames<R extends ConnectRecord<R>> extends FlowTransformation<R> {

    private static final Logger log = LoggerFactory.getLogger(InterfaceNames.class);

    public static final String OVERVIEW_DOC = "Sets SrcIfName/SrcIfDesc/SrcIfSpeed for InIf and DstIfName/DstIfDesc/"
            + "DstIfSpeed for OutIf, per exporter (SamplerAddress) and ifIndex, from the names the flow already "
            + "carries (exporters' interface option tables), a static mapping file, and SNMP v2c or v3 (authPriv) "
            + "queries (IF-MIB ifName, ifAlias, ifHighSpeed) to the agents the operator allows: an exporter in "
            + "snmp.agents.map is asked at its mapped agent, one in snmp.agents.allowlist at its own address, any "
            + "other never (counted in snmp-agents-refused). SNMP is asynchronous and cached: the transform never "
            + "waits on the network, so the first flows of a new interface may leave without names.";

    public static final String PRECEDENCE = "precedence";
    public static final String STATIC_FILE = "static.file";
    public static final String RELOAD_INTERVAL_MS = "reload.interval.ms";
    public static final String SNMP_VERSION = "snmp.version";
    public static final String SNMP_COMMUNITY = "snmp.community";
    public static final String SNMP_V3_USER = "snmp.v3.user";
    public static final String SNMP_V3_AUTH_PROTOCOL = "snmp.v3.auth.protocol";
    public static final String SNMP_V3_AUTH_PASSPHRASE = "snmp.v3.auth.passphrase";
    public static final String SNMP_V3_PRIV_PROTOCOL = "snmp.v3.priv.protocol";
    public static final String SNMP_V3_PRIV_PASSPHRASE = "snmp.v3.priv.passphrase";
    public static final String SNMP_AGENTS_ALLOWLIST = "snmp.agents.allowlist";
    public static final String SNMP_AGENTS_MAP = "snmp.agents.map";
    public static final String SNMP_PORT = "snmp.port";
    public static final String SNMP_TIMEOUT_MS = "snmp.timeout.ms";
    public static final String SNMP_RETRIES = "snmp.retries";
    public static final String SNMP_MAX_IN_FLIGHT = "snmp.max.in.flight";
    public static final String SNMP_REFRESH_INTERVAL_MS = "snmp.refresh.interval.ms";
    public static final String SNMP_NEGATIVE_TTL_MS = "snmp.negative.ttl.ms";
    public static final String SNMP_CACHE_MAX_ENTRIES = "snmp.cache.max.entries";
    public static final String SNMP_ALIAS_REGEX = "snmp.alias.regex";

    public static final ConfigDef CONFIG_DEF = FlowRecordAccess.define(InterfaceNamesSnmp.define(new ConfigDef()
            .define(PRECEDENCE, ConfigDef.Type.LIST, "flow,static,snmp",
                    DescribedValidator.of("flow, static, snmp: each at most once", InterfaceNames::validatePrecedence),
                    ConfigDef.Importance.MEDIUM, "Sources in the order they win, per field (name, description, "
                            + "speed): 'flow' (what the flow carries, from the exporter's option tables), 'static' "
                            + "(" + STATIC_FILE + "), 'snmp'. A source not listed is not asked; a value already on "
                            + "the flow is never erased.")
            .define(STATIC_FILE, ConfigDef.Type.STRING, "",
                    DescribedValidator.of("empty, or a readable exporter,ifIndex,name,... file",
                            InterfaceNames::validateStaticFile),
                    ConfigDef.Importance.MEDIUM, "Path of a static mapping on every worker: CSV lines "
                            + "'exporter,ifIndex,name,description,speedMbps' (description and speed may be empty; "
                            + "'#' starts a comment line). Empty: no static mapping.")
            .define(RELOAD_INTERVAL_MS, ConfigDef.Type.LONG, 10_000L, ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.LOW, "How often to check the static file for changes; 0 never reloads.")));

    private final LongAdder named = metrics.counter("named", "Interfaces of flows that got a name");
    private final LongAdder unnamed = metrics.counter("unnamed", "Interfaces of flows no source could name yet");
    private final LongAdder reloads = metrics.counter("reloads", "Static file reloads");
    private final LongAdder reloadErrors = metrics.counter("reload-errors", "Changed static files that did not load");
    private final SnmpInterfaceCache.Counters snmpCounters = new SnmpInterfaceCache.Counters(
            metrics.counter("snmp-queries", "SNMP queries sent"),
            metrics.counter("snmp-answers", "SNMP answers with interface data"),
            metrics.counter("snmp-unknown", "SNMP answers for interfaces the exporter does not know"),
            metrics.counter("snmp-timeouts", "SNMP queries without an answer"),
            metrics.counter("snmp-busy", "Cache misses not queried because the in-flight limit was reached"),
            metrics.counter("snmp-evictions", "SNMP cache entries evicted to make room"),
            metrics.counter("snmp-agents-refused", "Interface lookups not sent because the exporter is neither in "
                    + SNMP_AGENTS_ALLOWLIST + " nor in " + SNMP_AGENTS_MAP),
            metrics.counter("snmp-reports", "SNMPv3 reports instead of answers (e.g. an unknown user; a wrong "
                    + "passphrase counts as a timeout)"));
    private FlowRecordAccess access;
    private NameSource[] precedence;
    private FileReloader<StaticInterfaceTable> staticTable;
    private SnmpInterfaceCache snmp;

    public InterfaceNames() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        access = new FlowRecordAccess(InterfaceNames.class.getSimpleName(),
                config.getString(FlowRecordAccess.ON_OTHER_RECORDS));
        precedence = config.getList(PRECEDENCE).stream().map(NameSource::fromConfig).toArray(NameSource[]::new);
        String file = config.getString(STATIC_FILE);
        if (!file.isEmpty() && List.of(precedence).contains(NameSource.STATIC)) {
            Path path = Paths.get(file);
            try {
                staticTable = new FileReloader<>(staticKey(path), path, StaticInterfaceTable::load,
                        "static interface names", config.getLong(RELOAD_INTERVAL_MS), reloads, reloadErrors);
            } catch (Exception e) {
                throw new ConfigException(STATIC_FILE, file, e.getMessage());
            }
        }
        SnmpCredentials credentials = InterfaceNamesSnmp.credentials(config);
        if (credentials != null && List.of(precedence).contains(NameSource.SNMP)) {
            snmp = InterfaceNamesSnmp.open(config, credentials, snmpCounters);
        }
    }

    private static void validatePrecedence(String name, Object value) {
        Set<NameSource> seen = new HashSet<>();
        for (String source : Normalize.asStrings(value)) {
            NameSource parsed;
            try {
                parsed = NameSource.fromConfig(source);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "'" + source + "' is not one of flow, static, snmp");
            }
            if (!seen.add(parsed)) {
                throw new ConfigException(name, value, "'" + source + "' is listed twice");
            }
        }
        if (seen.isEmpty()) {
            throw new ConfigException(name, value, "lists no source");
        }
    }

    private static void validateStaticFile(String name, Object value) {
        if (value == null || ((String) value).isEmpty()) {
            return;
        }
        Path file = Paths.get((String) value);
        if (!Files.isReadable(file)) {
            throw new ConfigException(name, value, "not a readable file");
        }
        try {
            FileReloader.loadShared(staticKey(file), file, StaticInterfaceTable::load);
        } catch (Exception e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    static void validateRegex(String name, Object value) {
        if (value == null || ((String) value).isEmpty()) {
            return;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile((String) value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(name, value, "not a regular expression: " + e.getDescription() + " near "
                    + "index " + e.getIndex());
        }
        if (pattern.matcher("").groupCount() < 1) {
            throw new ConfigException(name, value, "has no group; the first group is what is kept");
        }
    }

    private static String staticKey(Path file) {
        return "interfaces:" + file.toAbsolutePath().normalize();
    }

    @Override
    public R apply(R record) {
        Struct flow = access.flowOf(record);
        if (flow == null) {
            return record;
        }
        byte[] exporter = Flows.bytes(flow, SAMPLER_ADDRESS);
        name(flow, exporter, IN_IF, SRC_IF_NAME, SRC_IF_DESC, SRC_IF_SPEED);
        name(flow, exporter, OUT_IF, DST_IF_NAME, DST_IF_DESC, DST_IF_SPEED);
        return record;
    }

    /** Fills one interface's three fields, each from the first source in precedence that knows it. */
    private void name(Struct flow, byte[] exporter, FlowField ifField, FlowField nameField, FlowField descField,
            FlowField speedField) {
        long ifIndex = Flows.number(flow, ifField);
        if (ifIndex == 0) {
            return;
        }
        InterfaceKey key = exporter.length == 4 || exporter.length == 16 ? new InterfaceKey(exporter, ifIndex) : null;
        MergedInterface merged = new MergedInterface();
        for (NameSource source : precedence) {
            if (merged.add(info(source, flow, key, nameField, descField, speedField))) {
                break;
            }
        }
        if (merged.name() != null) {
            Flows.setText(flow, nameField, merged.name());
            named.increment();
        } else {
            unnamed.increment();
        }
        if (merged.description() != null) {
            Flows.setText(flow, descField, merged.description());
        }
        if (merged.speedMbps() != 0) {
            Flows.setNumber(flow, speedField, merged.speedMbps());
        }
    }

    private InterfaceInfo info(NameSource source, Struct flow, InterfaceKey key, FlowField nameField,
            FlowField descField, FlowField speedField) {
        switch (source) {
            case FLOW:
                return flowInterface(Flows.text(flow, nameField), Flows.text(flow, descField),
                        Flows.number(flow, speedField));
            case STATIC:
                return staticTable == null || key == null ? null : staticTable.current().get(key);
            case SNMP:
                return snmp == null || key == null ? null : snmp.get(key);
            default:
                throw new IllegalStateException("unknown source " + source);
        }
    }

    /** What the flow itself says of the interface; null (nothing to merge, nothing allocated) when it says nothing. */
    private static InterfaceInfo flowInterface(String name, String description, long speedMbps) {
        if ((name == null || name.isEmpty()) && (description == null || description.isEmpty()) && speedMbps == 0) {
            return null;
        }
        return new InterfaceInfo(name, description, speedMbps);
    }

    /** Checks the static file for changes now (the reload thread does this every interval). */
    public void checkForChanges() {
        if (staticTable != null) {
            staticTable.check();
        }
    }

    @Override
    public void close() {
        if (staticTable != null) {
            staticTable.close();
        }
        if (snmp != null) {
            try {
                snmp.close();
            } catch (IOException e) {
                log.warn("Closing the SNMP socket failed: {}", e.toString());
            }
        }
        super.close();
    }
}
