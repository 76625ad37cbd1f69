package org.bwnetflow.connect.dashboard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.dashboard.DashboardServer;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.query.QuestDbStore;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;

/**
 * A real QuestDB with the sink's tables (the shipped tables.sql) holding 10 minutes of 10-second
 * windows of known traffic for customers 1000 and 1001, a users file (operator noc, customers
 * acme = 1000 and globex = 1001) and the dashboard serving them. {@link #bytes} is the truth.
 */
public final class KnownTraffic implements AutoCloseable {

    /** The first window: a whole minute. */
    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    public static final int WINDOWS = 60;
    public static final Instant END = T0.plusSeconds(10L * WINDOWS);
    public static final List<String> CUSTOMERS = List.of("1000", "1001");

    private final QuestDbFixture questDb;
    private final DashboardServer server;
    private final Path users;
    /** Bytes per cid, per "cid/direction", per "cid@minute", per "cid#host". */
    private final Map<String, Long> bytes = new HashMap<>();

    private KnownTraffic(Path dir) throws IOException {
        questDb = QuestDbFixture.start(dir.resolve("questdb"));
        for (String statement : Files.readString(Path.of("../connect-configs/questdb/tables.sql")).split(";")) {
            String sql = statement.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + " " + b);
            if (!sql.isBlank()) {
                questDb.exec(sql);
            }
        }
        for (int w = 0; w < WINDOWS; w++) { // one INSERT per window and table: GET /exec limits the URL length
            insertWindow(w);
        }
        for (String table : List.of("flows", "flows_by_country", "flows_by_as", "top_hosts")) {
            questDb.awaitApplied(table);
        }
        users = dir.resolve("users");
        Files.writeString(users, String.join("\n", UsersFile.line("noc", null, "noc-pw".toCharArray()),
                UsersFile.line("acme", 1000L, "acme-pw".toCharArray()),
                UsersFile.line("globex", 1001L, "globex-pw".toCharArray())) + "\n");
        server = DashboardServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new QuestDbStore(questDb.url()), UsersFile.load(users));
    }

    public static KnownTraffic start(Path dir) throws IOException {
        return new KnownTraffic(dir);
    }

    private void insertWindow(int w) {
        Instant time = T0.plusSeconds(10L * w);
        StringBuilder flows = new StringBuilder();
        StringBuilder countries = new StringBuilder();
        StringBuilder ases = new StringBuilder();
        StringBuilder hosts = new StringBuilder();
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
    }

    private static void row(StringBuilder values, String row) {
        values.append(values.length() == 0 ? "" : ",").append('(').append(row).append(')');
    }

    /** The truth: bytes per key (see the field). */
    public long bytes(String key) {
        return bytes.get(key);
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
