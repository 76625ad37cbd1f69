package org.bwnetflow.connect.dashboard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.dashboard.DashboardServer;
import org.bwnetflow.connect.dashboard.TlsContext;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.query.QuestDbStore;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;

/**
 * A real QuestDB with the sink's tables (the shipped tables.sql) holding 10 minutes of 10-second
 * windows of known traffic for customers 1000 and 1001 and of known ingest health of two source
 * tasks ({@link #EXPORTERS}), a users file (operator noc, customers acme = 1000 and globex = 1001)
 * and the dashboard serving them. {@link #bytes} and {@link #ingest} are the truth.
 *
 * <p>An hour after the known traffic, a minute of a hostile exporter's rows whose counters all
 * sit at {@link Long#MAX_VALUE} (where the sink saturates), in several rows per bucket, so that
 * any sum over them overflows a long ({@link #saturatedRange}).
 */
public final class KnownTraffic implements AutoCloseable {

    /** The first window: a whole minute. */
    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    public static final int WINDOWS = 60;
    public static final Instant END = T0.plusSeconds(10L * WINDOWS);
    public static final List<String> CUSTOMERS = List.of("1000", "1001");
    /** The exporters with rows of the ingest health, by task ("other": those without a row of their own). */
    public static final Map<String, List<String>> EXPORTERS = Map.of("0", List.of("192.0.2.1", "192.0.2.2"),
            "1", List.of("198.51.100.7", "other"));
    /** 198.51.100.7 goes silent from this window on: no more rows, as a source reports only exporters that sent. */
    public static final int SILENT_FROM = 50;
    public static final String SILENT_EXPORTER = "198.51.100.7";
    /** A minute of rows at Long.MAX_VALUE, an hour after {@link #END}: customer 1000 and exporter {@link #HOSTILE_EXPORTER}. */
    public static final Instant SATURATED_FROM = END.plusSeconds(3600);
    public static final int SATURATED_WINDOWS = 6;
    /** Peers of customer 1000's saturated rows: three rows per bucket. */
    public static final List<String> SATURATED_PEERS = List.of("transit-a", "transit-b", "transit-c");
    public static final String HOSTILE_EXPORTER = "203.0.113.66";
    /**
     * Rows of a router with a wrong clock, if such times ever reached the database: customer 1000's
     * traffic and exporter 192.0.2.1's health, once at each of these times, far from everything else.
     */
    public static final List<Instant> FAR_TIMES = List.of(Instant.EPOCH.plusSeconds(600),
            Instant.parse("2300-01-01T00:00:00Z"));
    public static final long FAR_BYTES = 12_345;
    public static final long FAR_FLOWS = 777;
    /** 198.51.100.7's clock is wrong in windows 10 to 29: every flow of those is clock-skewed. */
    public static final String WRONG_CLOCK_EXPORTER = "198.51.100.7";
    /** The counters of the exporters' rows (and again of the tasks' own), as the columns are named. */
    public static final List<String> EXPORTER_COUNTERS = List.of("datagrams", "flows", "sequence_gaps",
            "sequence_missing", "clock_skewed");
    /** The task-wide counters of the tasks' own rows (exporter "*"), as the columns are named. */
    public static final List<String> TASK_COUNTERS = List.of("datagrams_received", "kernel_drops", "not_allowed",
            "malformed", "template_misses");

    private final QuestDbFixture questDb;
    private final DashboardServer server;
    private final Path users;
    private final SelfSignedKeystore keystore;
    /**
     * Neighbour ASes of each customer's traffic (its own, so a leak would show): 1000's ingress comes
     * from 64496, egress goes to 64497; 1001's from 64498 and to 64499.
     */
    public static final Map<String, List<String>> NEIGHBOR_ASES = Map.of("1000", List.of("64496", "64497"),
            "1001", List.of("64498", "64499"));
    /**
     * Communities of each customer's remote routes: every flow's route has both of its customer's
     * (so a community's bytes are the customer's bytes), 1001's one large.
     */
    public static final Map<String, List<String>> COMMUNITIES = Map.of("1000", List.of("65000:100", "65000:200"),
            "1001", List.of("65000:300", "4200000000:1:2"));

    /** Bytes per cid, per "cid/direction", per "cid@minute", per "cid#host", per "cid%neighbour AS", per "cid~community". */
    private final Map<String, Long> bytes = new HashMap<>();
    /** Ingest health per "exporter/column" (over both tasks for "*"), per "exporter@minute" (flows). */
    private final Map<String, Long> ingest = new HashMap<>();
    /** Per exporter, the time of its last row (Unix seconds). */
    private final Map<String, Long> lastReports = new HashMap<>();

    private KnownTraffic(Path dir, boolean tls) throws IOException {
        questDb = QuestDbFixture.start(dir.resolve("questdb"));
        questDb.execFile(Path.of("../connect-configs/questdb/tables.sql"));
        for (int w = 0; w < WINDOWS; w++) { // one INSERT per window and table: GET /exec limits the URL length
            insertWindow(w);
            insertIngest(w);
        }
        insertSaturated();
        insertFarAway();
        for (String table : List.of("flows", "flows_by_country", "flows_by_as", "top_hosts", "flows_by_neighbor_as",
                "flows_by_community", "ingest")) {
            questDb.awaitApplied(table);
        }
        users = dir.resolve("users");
        Files.writeString(users, String.join("\n", UsersFile.line("noc", null, "noc-pw".toCharArray()),
                UsersFile.line("acme", 1000L, "acme-pw".toCharArray()),
                UsersFile.line("globex", 1001L, "globex-pw".toCharArray())) + "\n");
        keystore = tls ? SelfSignedKeystore.create(dir.resolve("tls")) : null;
        server = DashboardServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new QuestDbStore(questDb.url(), questDb.user(), questDb.password().toCharArray()), UsersFile.load(users),
                tls ? TlsContext.fromPkcs12(keystore.keystore(), keystore.password()) : null);
    }

    /** The dashboard over plain HTTP. */
    public static KnownTraffic start(Path dir) throws IOException {
        return new KnownTraffic(dir, false);
    }

    /** The dashboard over HTTPS, with a self-signed certificate for 127.0.0.1 ({@link #keystore()}). */
    public static KnownTraffic startTls(Path dir) throws IOException {
        return new KnownTraffic(dir, true);
    }

    /** The dashboard's keystore, when it serves HTTPS. */
    public SelfSignedKeystore keystore() {
        return keystore;
    }

    private void insertWindow(int w) {
        Instant time = T0.plusSeconds(10L * w);
        StringBuilder flows = new StringBuilder();
        StringBuilder countries = new StringBuilder();
        StringBuilder ases = new StringBuilder();
        StringBuilder hosts = new StringBuilder();
        StringBuilder neighbors = new StringBuilder();
        StringBuilder communities = new StringBuilder();
        for (String cid : CUSTOMERS) {
            String partition = "'flows-" + cid + "/0'";
            for (String direction : List.of("ingress", "egress")) {
                long b = (cid.equals("1000") ? 1000 : 3000) * (w + 1L) + (direction.equals("egress") ? 7 : 0);
                String counts = b + "," + b / 100 + ",2,'" + time + "'";
                String app = direction.equals("ingress") ? "https" : "dns";
                row(flows, "'" + cid + "','" + direction + "','4','TCP','" + app + "','transit'," + partition + "," + counts);
                row(countries, "'" + cid + "','" + direction + "','" + (w % 2 == 0 ? "DE" : "US") + "'," + partition + "," + counts);
                row(ases, "'" + cid + "','" + direction + "','AS6450" + (w % 3) + "'," + partition + "," + counts);
                String host = (cid.equals("1000") ? "10.0.0." : "10.0.8.") + (direction.equals("ingress") ? 1 : 2);
                row(hosts, "'" + cid + "','" + direction + "','" + host + "'," + partition + "," + counts);
                String neighbor = NEIGHBOR_ASES.get(cid).get(direction.equals("ingress") ? 0 : 1);
                row(neighbors, "'" + cid + "','" + direction + "','" + neighbor + "'," + partition + "," + counts);
                for (String community : COMMUNITIES.get(cid)) {
                    row(communities, "'" + cid + "','" + direction + "','" + community + "'," + partition + "," + counts);
                    bytes.merge(cid + "~" + community, b, Long::sum);
                }
                bytes.merge(cid + "%" + neighbor, b, Long::sum);
                bytes.merge(cid, b, Long::sum);
                bytes.merge(cid + "/" + direction, b, Long::sum);
                bytes.merge(cid + "@" + time.getEpochSecond() / 60 * 60, b, Long::sum);
                bytes.merge(cid + "#" + host, b, Long::sum);
            }
        }
        questDb.exec("INSERT INTO flows (cid, direction, ipversion, protoname, application, peer, topic_partition, "
                + "bytes, packets, flows, timestamp) VALUES " + flows);
        questDb.exec("INSERT INTO flows_by_country (cid, direction, remotecountry, topic_partition, bytes, packets, "
                + "flows, timestamp) VALUES " + countries);
        questDb.exec("INSERT INTO flows_by_as (cid, direction, remoteas, topic_partition, bytes, packets, flows, "
                + "timestamp) VALUES " + ases);
        questDb.exec("INSERT INTO top_hosts (cid, direction, host, topic_partition, bytes, packets, flows, timestamp) "
                + "VALUES " + hosts);
        questDb.exec("INSERT INTO flows_by_neighbor_as (cid, direction, neighboras, topic_partition, bytes, packets, flows, "
                + "timestamp) VALUES " + neighbors);
        questDb.exec("INSERT INTO flows_by_community (cid, direction, community, topic_partition, bytes, packets, flows, "
                + "timestamp) VALUES " + communities);
    }

    /**
     * One interval of two source tasks: per exporter datagrams, flows, (for 192.0.2.2 in every
     * tenth window) a sequence gap with 5 missing and (for {@link #WRONG_CLOCK_EXPORTER} in windows
     * 10 to 29) every flow clock-skewed, "other" without a clock_skewed value (rows written before
     * the column existed); per task its own row, whose datagrams and flows
     * are its exporters' again, with drops before decoding (task 0: 17 kernel drops at w=30, a
     * malformed datagram every 20 windows, 3 template misses at w=0; task 1: 2 datagrams not
     * allowed every window, 1 template miss at w=0).
     */
    private void insertIngest(int w) {
        Instant time = T0.plusSeconds(10L * w);
        StringBuilder rows = new StringBuilder();
        for (String task : List.of("0", "1")) {
            long[] sums = new long[EXPORTER_COUNTERS.size()];
            for (String exporter : EXPORTERS.get(task)) {
                if (exporter.equals(SILENT_EXPORTER) && w >= SILENT_FROM) {
                    continue;
                }
                lastReports.merge(exporter, time.getEpochSecond(), Math::max);
                long[] counts = countsOf(exporter, w);
                ingestRow(rows, time, task, exporter, counts, new long[5]);
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += counts[i];
                }
                ingest.merge(exporter + "@" + time.getEpochSecond() / 60 * 60, counts[1], Long::sum);
            }
            long[] own = task.equals("0") // received, kernel drops, not allowed, malformed, template misses
                    ? new long[] {0, w == 30 ? 17 : 0, 0, w % 20 == 0 ? 1 : 0, w == 0 ? 3 : 0}
                    : new long[] {0, 0, 2, 0, w == 0 ? 1 : 0};
            own[0] = sums[0] + own[2] + own[3];
            ingestRow(rows, time, task, "*", sums, own);
        }
        questDb.exec("INSERT INTO ingest (connector, task, exporter, interval_ms, datagrams, flows, sequence_gaps, "
                + "sequence_missing, clock_skewed, datagrams_received, kernel_drops, not_allowed, malformed, "
                + "template_misses, timestamp) VALUES " + rows);
    }

    /** An exporter's datagrams, flows, gaps, missing and clock-skewed flows in window {@code w}. */
    private static long[] countsOf(String exporter, int w) {
        return switch (exporter) { // datagrams, flows, gaps, missing, clock-skewed
            case "192.0.2.1" -> new long[] {30, 900 + w, 0, 0, 0};
            case "192.0.2.2" -> new long[] {10, 200, w % 10 == 3 ? 1 : 0, w % 10 == 3 ? 5 : 0, 0};
            case WRONG_CLOCK_EXPORTER -> new long[] {20, 400 + 2L * w, 0, 0, w >= 10 && w < 30 ? 400 + 2L * w : 0};
            default -> new long[] {5, 50, 0, 0, 0};
        };
    }

    private void ingestRow(StringBuilder rows, Instant time, String task, String exporter, long[] counts, long[] own) {
        String clockSkewed = exporter.equals("other") ? "NULL" : Long.toString(counts[4]);
        row(rows, "'netflow','" + task + "','" + exporter + "',10000," + counts[0] + "," + counts[1] + "," + counts[2]
                + "," + counts[3] + "," + clockSkewed + "," + own[0] + "," + own[1] + "," + own[2] + "," + own[3] + ","
                + own[4] + ",'" + time + "'");
        for (int i = 0; i < counts.length; i++) {
            ingest.merge(exporter + "/" + EXPORTER_COUNTERS.get(i), counts[i], Long::sum);
        }
        for (int i = 0; i < 5; i++) {
            ingest.merge(exporter + "/" + TASK_COUNTERS.get(i), own[i], Long::sum);
        }
    }

    /**
     * Per 10-second window of the saturated minute: customer 1000's traffic on three peers, and
     * the hostile exporter's ingest health (its row and its task's own), every counter at Long.MAX_VALUE.
     */
    private void insertSaturated() {
        String max = Long.toString(Long.MAX_VALUE);
        StringBuilder flows = new StringBuilder();
        StringBuilder ingestRows = new StringBuilder();
        for (int w = 0; w < SATURATED_WINDOWS; w++) {
            Instant time = SATURATED_FROM.plusSeconds(10L * w);
            for (String peer : SATURATED_PEERS) {
                row(flows, "'1000','ingress','4','TCP','https','" + peer + "','flows-1000/0'," + max + "," + max + ","
                        + max + ",'" + time + "'");
            }
            for (String exporter : List.of(HOSTILE_EXPORTER, "*")) {
                row(ingestRows, "'netflow','2','" + exporter + "',10000," + String.join(",", Collections.nCopies(10, max))
                        + ",'" + time + "'");
            }
        }
        questDb.exec("INSERT INTO flows (cid, direction, ipversion, protoname, application, peer, topic_partition, "
                + "bytes, packets, flows, timestamp) VALUES " + flows);
        questDb.exec("INSERT INTO ingest (connector, task, exporter, interval_ms, datagrams, flows, sequence_gaps, "
                + "sequence_missing, datagrams_received, kernel_drops, not_allowed, malformed, template_misses, "
                + "clock_skewed, timestamp) VALUES " + ingestRows);
    }

    private void insertFarAway() {
        StringBuilder flows = new StringBuilder();
        StringBuilder ingestRows = new StringBuilder();
        for (Instant time : FAR_TIMES) {
            row(flows, "'1000','ingress','4','TCP','https','transit','flows-1000/0'," + FAR_BYTES + ",1,1,'" + time + "'");
            row(ingestRows, "'netflow','0','192.0.2.1',10000,1," + FAR_FLOWS + ",0,0,0,0,0,0,0,'" + time + "'");
        }
        questDb.exec("INSERT INTO flows (cid, direction, ipversion, protoname, application, peer, topic_partition, "
                + "bytes, packets, flows, timestamp) VALUES " + flows);
        questDb.exec("INSERT INTO ingest (connector, task, exporter, interval_ms, datagrams, flows, sequence_gaps, "
                + "sequence_missing, datagrams_received, kernel_drops, not_allowed, malformed, template_misses, "
                + "timestamp) VALUES " + ingestRows);
    }

    /** The saturated minute as API parameters. */
    public static String saturatedRange() {
        return "from=" + SATURATED_FROM + "&to=" + SATURATED_FROM.plusSeconds(10L * SATURATED_WINDOWS);
    }

    private static void row(StringBuilder values, String row) {
        values.append(values.length() == 0 ? "" : ",").append('(').append(row).append(')');
    }

    /** The truth: bytes per key (see the field). */
    public long bytes(String key) {
        return bytes.get(key);
    }

    /** The truth of the ingest health: per "exporter/column" (exporter "*": both tasks' own rows), per "exporter@minute". */
    public long ingest(String key) {
        return ingest.getOrDefault(key, 0L);
    }

    /** The truth of an exporter's last report in the data (Unix seconds). */
    public long lastReport(String exporter) {
        return lastReports.get(exporter);
    }

    public long allBytes() {
        return CUSTOMERS.stream().mapToLong(this::bytes).sum();
    }

    public DashboardServer server() {
        return server;
    }

    public Path usersFile() {
        return users;
    }

    /** The QuestDB holding the rows (for a dashboard of a test's own, or more rows). */
    public QuestDbFixture questDb() {
        return questDb;
    }

    /** The range of the data as API parameters. */
    public static String range() {
        return "from=" + T0 + "&to=" + END;
    }

    @Override
    public void close() {
        server.close();
        questDb.close();
    }
}
