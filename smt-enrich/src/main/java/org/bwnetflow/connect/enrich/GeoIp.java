package org.bwnetflow.connect.enrich;

import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.REMOTE_ADDR;
import static org.bwnetflow.connect.model.FlowField.REMOTE_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_COUNTRY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.enrich.common.FileReloader;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.transform.FlowTransformation;
import org.bwnetflow.connect.enrich.geo.GeoDatabase;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Locates a flow's addresses: countries from a MaxMind City or Country database, AS numbers from an ASN one. */
public class GeoIp<R extends ConnectRecord<R>> extends FlowTransformation<R> {

    private static final Logger log = LoggerFactory.getLogger(GeoIp.class);

    public static final String OVERVIEW_DOC = "Sets SrcCountry and DstCountry (ISO 3166 codes) from a MaxMind City or "
            + "Country database, and RemoteCountry from the address RemoteAddr names (run CustomerId first). An "
            + "optional ASN database fills SrcAS/DstAS where the router sent 0. Databases are reloaded when their "
            + "files change.";

    public static final String DATABASE_FILE = "database.file";
    public static final String ASN_DATABASE_FILE = "asn.database.file";
    public static final String RELOAD_INTERVAL_MS = "reload.interval.ms";

    public static final ConfigDef CONFIG_DEF = FlowRecordAccess.define(new ConfigDef()
            .define(DATABASE_FILE, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    DescribedValidator.of("a readable City, Country or Enterprise .mmdb",
                            (name, value) -> validateDatabase(name, value, GeoDatabase.Kind.COUNTRY)),
                    ConfigDef.Importance.HIGH,
                    "Path of a MaxMind City, Country or Enterprise database (.mmdb, e.g. GeoLite2-City) on every "
                            + "worker; missing, corrupt or of another kind is a config error.")
            .define(ASN_DATABASE_FILE, ConfigDef.Type.STRING, "",
                    DescribedValidator.of("empty, or a readable ASN or ISP .mmdb",
                            (name, value) -> validateDatabase(name, value, GeoDatabase.Kind.ASN)),
                    ConfigDef.Importance.MEDIUM,
                    "Path of a MaxMind ASN or ISP database (e.g. GeoLite2-ASN); SrcAS/DstAS of 0 are filled from "
                            + "it. Empty: AS numbers are left as the router sent them.")
            .define(RELOAD_INTERVAL_MS, ConfigDef.Type.LONG, 60_000L, ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.LOW, "How often to check the database files for changes; 0 never "
                            + "reloads. A changed file that does not open keeps the old reader; that is logged and "
                            + "counted (reload-errors)."));

    private static final int REMOTE_SRC = 1;
    private static final int REMOTE_DST = 2;

    private final LongAdder located = metrics.counter("located", "Addresses whose country was found");
    private final LongAdder unlocated = metrics.counter("unlocated", "Addresses with no country in the database");
    private final LongAdder asFilled = metrics.counter("as-filled", "SrcAS/DstAS filled from the ASN database");
    private final LongAdder lookupErrors = metrics.counter("lookup-errors", "Lookups the database failed on");
    private final LongAdder reloads = metrics.counter("reloads", "Database reloads");
    private final LongAdder reloadErrors = metrics.counter("reload-errors", "Changed databases that did not open");
    private final AtomicBoolean lookupErrorLogged = new AtomicBoolean();
    /** The address being located, made into an InetAddress at most once for both databases (one task thread). */
    private FlowRecordAccess access;
    private FileReloader<GeoDatabase> countries;
    private FileReloader<GeoDatabase> asns;

    public GeoIp() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        access = new FlowRecordAccess(GeoIp.class.getSimpleName(), config.getString(FlowRecordAccess.ON_OTHER_RECORDS));
        long interval = config.getLong(RELOAD_INTERVAL_MS);
        countries = reloader(config.getString(DATABASE_FILE), DATABASE_FILE, GeoDatabase.Kind.COUNTRY, interval);
        String asnFile = config.getString(ASN_DATABASE_FILE);
        asns = asnFile.isEmpty() ? null : reloader(asnFile, ASN_DATABASE_FILE, GeoDatabase.Kind.ASN, interval);
    }

    private FileReloader<GeoDatabase> reloader(String path, String key, GeoDatabase.Kind kind, long interval) {
        Path file = Paths.get(path);
        try {
            return new FileReloader<>(sharedKey(file, kind), file, f -> GeoDatabase.open(f, kind),
                    kind == GeoDatabase.Kind.COUNTRY ? "country database" : "ASN database", interval, reloads,
                    reloadErrors);
        } catch (Exception e) {
            throw new ConfigException(key, path, e.getMessage());
        }
    }

    private static void validateDatabase(String name, Object value, GeoDatabase.Kind kind) {
        if (value == null || kind == GeoDatabase.Kind.ASN && ((String) value).isEmpty()) {
            return;
        }
        Path file = Paths.get((String) value);
        if (!Files.isReadable(file)) {
            throw new ConfigException(name, value, "not a readable file");
        }
        try {
            FileReloader.loadShared(sharedKey(file, kind), file, f -> GeoDatabase.open(f, kind));
        } catch (Exception e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    private static String sharedKey(Path file, GeoDatabase.Kind kind) {
        return "geoip-" + kind + ":" + file.toAbsolutePath().normalize();
    }

    @Override
    public R apply(R record) {
        Struct flow = access.flowOf(record);
        if (flow == null) {
            return record;
        }
        GeoDatabase countryDb = countries.current();
        GeoDatabase asnDb = asns == null ? null : asns.current();
        String srcCountry = locate(flow, SRC_ADDR, SRC_AS, SRC_COUNTRY, countryDb, asnDb);
        String dstCountry = locate(flow, DST_ADDR, DST_AS, DST_COUNTRY, countryDb, asnDb);
        int remote = Flows.enumValue(flow, REMOTE_ADDR);
        Flows.setText(flow, REMOTE_COUNTRY, remote == REMOTE_SRC ? srcCountry : remote == REMOTE_DST ? dstCountry : null);
        return record;
    }

    /** Sets one address's country (and AS, when 0) and returns the country. */
    private String locate(Struct flow, FlowField addressField, FlowField asField, FlowField countryField,
            GeoDatabase countryDb, GeoDatabase asnDb) {
        byte[] bytes = Flows.bytes(flow, addressField);
        if (bytes.length != 4 && bytes.length != 16) {
            Flows.setText(flow, countryField, null);
            return null;
        }
        String country = null;
        try {
            country = countryDb.country(bytes);
            if (asnDb != null && Flows.number(flow, asField) == 0) {
                long asn = asnDb.asn(bytes);
                if (asn != 0) {
                    Flows.setNumber(flow, asField, asn);
                    asFilled.increment();
                }
            }
        } catch (Exception e) {
            lookupFailed(e);
        }
        (country == null ? unlocated : located).increment();
        Flows.setText(flow, countryField, country);
        return country;
    }

    private void lookupFailed(Exception e) {
        lookupErrors.increment();
        if (lookupErrorLogged.compareAndSet(false, true)) {
            log.warn("A MaxMind lookup failed (counted as lookup-errors; logged once): {}", e.toString());
        }
    }

    /** Checks the database files for changes now (the reload thread does this every interval). */
    public void checkForChanges() {
        countries.check();
        if (asns != null) {
            asns.check();
        }
    }

    @Override
    public void close() {
        if (countries != null) {
            countries.close();
        }
        if (asns != null) {
            asns.close();
        }
        super.close();
    }
}
