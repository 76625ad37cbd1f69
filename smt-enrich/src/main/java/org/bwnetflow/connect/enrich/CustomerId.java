package org.bwnetflow.connect.enrich;

import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_CID;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.REMOTE_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_CID;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.bwnetflow.connect.enrich.common.FileReloader;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.transform.FlowTransformation;
import org.bwnetflow.connect.enrich.customer.LocalAddressMode;
import org.bwnetflow.connect.enrich.customer.PrefixTable;
import org.bwnetflow.connect.model.Flows;

/** Finds a flow's customer from a prefix list and tells its local address from the remote one. */
public class CustomerId<R extends ConnectRecord<R>> extends FlowTransformation<R> {

    public static final String OVERVIEW_DOC = "Looks up SrcAddr and DstAddr in a prefix list (CSV 'prefix,cid', "
            + "longest prefix wins) and sets SrcCid, DstCid, Cid (the customer of the local address) and RemoteAddr "
            + "(which address is remote: 1 Src, 2 Dst, 0 neither). The list is reloaded when the file changes.";

    public static final String PREFIXES_FILE = "prefixes.file";
    public static final String MODE = "mode";
    public static final String DROP_UNMATCHED = "drop.unmatched";
    public static final String RELOAD_INTERVAL_MS = "reload.interval.ms";

    static final int REMOTE_NEITHER = 0;
    static final int REMOTE_SRC = 1;
    static final int REMOTE_DST = 2;

    public static final ConfigDef CONFIG_DEF = FlowRecordAccess.define(new ConfigDef()
            .define(PREFIXES_FILE, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    DescribedValidator.of("a readable prefix,cid list", CustomerId::validatePrefixes),
                    ConfigDef.Importance.HIGH, "Path of the prefix list on every worker: one 'prefix,cid' per line "
                            + "(IPv4 or IPv6 prefix, or a bare address; cid 1-4294967295), '#' starts a comment. "
                            + "A prefix listed twice or with host bits set is an error, and so is a list longer than "
                            + PrefixTable.MAX_PREFIXES + " prefixes (at most 40 bytes of heap each).")
            .define(MODE, ConfigDef.Type.STRING, LocalAddressMode.BORDER.configName(),
                    ConfigDef.CaseInsensitiveValidString.in(LocalAddressMode.configNames()), ConfigDef.Importance.HIGH,
                    "Which address is local. 'border' (bwNetFlow's model, for border routers): FlowDirection 0 "
                            + "(ingress) makes DstAddr local and SrcAddr remote, 1 (egress) the reverse. "
                            + "'source-first': the source's customer if it has one, else the destination's. "
                            + "'membership': the address in the list is local; both in it is internal (RemoteAddr 0, "
                            + "Cid from the source).")
            .define(DROP_UNMATCHED, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM,
                    "Drop flows that get no Cid instead of passing them on with Cid 0 (counted either way).")
            .define(RELOAD_INTERVAL_MS, ConfigDef.Type.LONG, 10_000L, ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.LOW, "How often to check the prefix file for changes; 0 never reloads. "
                            + "A changed file is loaded off the pipeline's thread and swapped in whole; a broken one "
                            + "keeps the old list and logs the bad line."));

    private final LongAdder matched = metrics.counter("matched", "Flows that got a Cid");
    private final LongAdder unmatched = metrics.counter("unmatched", "Flows that got no Cid");
    private final LongAdder dropped = metrics.counter("dropped", "Unmatched flows dropped");
    private final LongAdder reloads = metrics.counter("reloads", "Prefix list reloads");
    private final LongAdder reloadErrors = metrics.counter("reload-errors", "Changed prefix lists that did not load");
    private FlowRecordAccess access;
    private LocalAddressMode mode;
    private boolean dropUnmatched;
    private FileReloader<PrefixTable> table;

    public CustomerId() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        access = new FlowRecordAccess(CustomerId.class.getSimpleName(), config.getString(FlowRecordAccess.ON_OTHER_RECORDS));
        mode = LocalAddressMode.fromConfig(config.getString(MODE));
        dropUnmatched = config.getBoolean(DROP_UNMATCHED);
        Path file = Paths.get(config.getString(PREFIXES_FILE));
        try {
            table = new FileReloader<>(sharedKey(file), file, PrefixTable::load, "prefix list",
                    config.getLong(RELOAD_INTERVAL_MS), reloads, reloadErrors);
        } catch (Exception e) {
            throw new ConfigException(PREFIXES_FILE, file.toString(), e.getMessage());
        }
    }

    private static void validatePrefixes(String name, Object value) {
        if (value == null) {
            return; // the missing value is reported as such
        }
        Path file = Paths.get((String) value);
        if (!Files.isReadable(file)) {
            throw new ConfigException(name, value, "not a readable file");
        }
        try {
            FileReloader.loadShared(sharedKey(file), file, PrefixTable::load);
        } catch (Exception e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    private static String sharedKey(Path file) {
        return "prefixes:" + file.toAbsolutePath().normalize();
    }

    @Override
    public R apply(R record) {
        Struct flow = access.flowOf(record);
        if (flow == null) {
            return record;
        }
        PrefixTable prefixes = table.current();
        long srcCid = prefixes.lookup(Flows.bytes(flow, SRC_ADDR));
        long dstCid = prefixes.lookup(Flows.bytes(flow, DST_ADDR));
        int remote = remoteAddr(flow, srcCid, dstCid);
        long cid = remote == REMOTE_SRC ? dstCid : remote == REMOTE_DST ? srcCid : srcCid != 0 ? srcCid : dstCid;
        Flows.setNumber(flow, SRC_CID, srcCid);
        Flows.setNumber(flow, DST_CID, dstCid);
        Flows.setNumber(flow, CID, cid);
        Flows.setEnum(flow, REMOTE_ADDR, remote);
        if (cid != 0) {
            matched.increment();
            return record;
        }
        unmatched.increment();
        if (dropUnmatched) {
            dropped.increment();
            return null;
        }
        return record;
    }

    /** Which address is remote, by the mode. */
    private int remoteAddr(Struct flow, long srcCid, long dstCid) {
        switch (mode) {
            case BORDER:
                return Flows.number(flow, FLOW_DIRECTION) == 0 ? REMOTE_SRC : REMOTE_DST;
            case SOURCE_FIRST:
                return srcCid != 0 ? REMOTE_DST : dstCid != 0 ? REMOTE_SRC : REMOTE_NEITHER;
            case MEMBERSHIP:
                if (srcCid != 0 && dstCid != 0) {
                    return REMOTE_NEITHER;
                }
                return srcCid != 0 ? REMOTE_DST : dstCid != 0 ? REMOTE_SRC : REMOTE_NEITHER;
            default:
                throw new ConnectException("unknown mode " + mode);
        }
    }

    /** The prefix list in use. */
    public PrefixTable prefixes() {
        return table.current();
    }

    /** Checks the prefix file for changes now (the reload thread does this every interval). */
    public void checkForChanges() {
        table.check();
    }

    @Override
    public void close() {
        if (table != null) {
            table.close();
        }
        super.close();
    }
}
