package org.bwnetflow.connect.dashboard.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The measurements the Influx sink writes by default (connect-configs/questdb/tables.sql) and the
 * tags each may be split by. Only these names ever reach a query, so no request text does. The
 * traffic measurements are asked for by name ({@link #named}); the sources' ingest health only
 * through its own API ({@link #INGEST}, operators only), never by name.
 */
public enum Measurement {
    FLOWS("flows", List.of("cid", "direction", "ipversion", "protoname", "application", "peer")),
    FLOWS_BY_COUNTRY("flows_by_country", List.of("cid", "direction", "remotecountry")),
    /** By the remote side's origin AS (from BGP when the Routes transform runs). */
    FLOWS_BY_AS("flows_by_as", List.of("cid", "direction", "remoteas")),
    TOP_HOSTS("top_hosts", List.of("cid", "direction", "host")),
    /** By the neighbour AS the remote side is reached through or comes from. */
    FLOWS_BY_NEIGHBOR_AS("flows_by_neighbor_as", List.of("cid", "direction", "neighboras")),
    /** By the communities (those the sink lists) of the remote side's route: a flow counts towards each. */
    FLOWS_BY_COMMUNITY("flows_by_community", List.of("cid", "direction", "community")),
    /** Per source task and exporter; exporter {@value #TASK_ROW} is the task's own row. No cid. */
    INGEST("ingest", List.of("connector", "task", "exporter"));

    /** The exporter value of a source task's own row in {@link #INGEST}. */
    public static final String TASK_ROW = "*";

    private final String table;
    private final List<String> tags;

    Measurement(String table, List<String> tags) {
        this.table = table;
        this.tags = tags;
    }

    /** A measurement of traffic (bytes, packets, flows per customer), which {@link #named} finds. */
    public boolean isTraffic() {
        return tags.contains("cid");
    }

    public String table() {
        return table;
    }

    public List<String> tags() {
        return tags;
    }

    /** The traffic measurement of that name (as the sink writes it), or an error listing the known ones. */
    public static Measurement named(String name) {
        return Arrays.stream(values()).filter(Measurement::isTraffic)
                .filter(m -> m.table.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("measurement '" + name + "' is none of "
                        + Arrays.stream(values()).filter(Measurement::isTraffic).map(Measurement::table).toList()));
    }

    /** The tag, if this measurement has it; else an error listing the ones it has. */
    public String tag(String name) {
        String tag = name.toLowerCase(Locale.ROOT);
        if (!tags.contains(tag)) {
            throw new IllegalArgumentException("'" + name + "' is no tag of " + table + "; it has " + tags);
        }
        return tag;
    }
}
