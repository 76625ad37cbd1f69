package org.bwnetflow.connect.dashboard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.bwnetflow.connect.dashboard.DashboardServer;
import org.bwnetflow.connect.dashboard.TlsContext;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.explore.Explorer;
import org.bwnetflow.connect.dashboard.explore.PgDatabase;
import org.bwnetflow.connect.dashboard.query.QuestDbStore;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.table.AddressHalves;
import org.bwnetflow.connect.model.table.FlowsTable;

/**
 * A real QuestDB with the PostgreSQL wire on, holding {@value #COUNT} known flows in the raw flows
 * table over 10 minutes from {@link #T0} (customers 1000, 1001 and 1002; IPv4 and IPv6 addresses;
 * empty countries), and the dashboard with the explorer reading them as QuestDB's read-only user.
 * {@link #flows()} is the truth the tests compare with. Logins: operator noc, customers acme = 1000
 * and globex = 1001.
 */
public final class KnownFlows implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    public static final int COUNT = 3000;
    public static final Instant END = T0.plusSeconds(600);

    /** One stored flow, as the tests reason about it. */
    public record Flow(Instant ts, long cid, long proto, String srcAddr, String dstAddr, long srcPort, long dstPort,
                       long bytes, long packets, long srcAs, long dstAs, String srcCountry, String dstCountry, long inIf,
                       String inIfName) {
    }

    private final QuestDbFixture questDb;
    private final DashboardServer server;
    private final SelfSignedKeystore keystore;
    private final List<Flow> flows = new ArrayList<>();

    private KnownFlows(Path dir, boolean tls, boolean explorer) throws IOException {
        questDb = QuestDbFixture.startWithPgWire(dir.resolve("questdb"));
        questDb.exec(FlowsTable.createStatement(FlowsTable.DEFAULT_NAME, 24 * 365 * 10));
        questDb.execFile(Path.of("../connect-configs/questdb/tables.sql")); // the dashboard's page, empty
        for (int i = 0; i < COUNT; i++) {
            flows.add(flow(i));
        }
        insert();
        questDb.awaitApplied(FlowsTable.DEFAULT_NAME);
        Path users = dir.resolve("users");
        Files.writeString(users, String.join("\n", UsersFile.line("noc", null, "noc-pw".toCharArray()),
                UsersFile.line("acme", 1000L, "acme-pw".toCharArray()),
                UsersFile.line("globex", 1001L, "globex-pw".toCharArray())) + "\n");
        keystore = tls ? SelfSignedKeystore.create(dir.resolve("tls")) : null;
        server = DashboardServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new QuestDbStore(questDb.url(), questDb.user(), questDb.password().toCharArray()),
                explorer ? new Explorer(database(), FlowsTable.DEFAULT_NAME) : null, UsersFile.load(users),
                tls ? TlsContext.fromPkcs12(keystore.keystore(), keystore.password()) : null);
    }

    public static KnownFlows start(Path dir) throws IOException {
        return new KnownFlows(dir, false, true);
    }

    public static KnownFlows startTls(Path dir) throws IOException {
        return new KnownFlows(dir, true, true);
    }

    /** The dashboard started without the explorer's settings. */
    public static KnownFlows startWithoutExplorer(Path dir) throws IOException {
        return new KnownFlows(dir, false, false);
    }

    /** The explorer's database as the dashboard reads it: QuestDB's read-only PostgreSQL user. */
    public PgDatabase database() {
        return new PgDatabase(questDb.pgUrl(), QuestDbFixture.READONLY_USER, questDb.readonlyPassword().toCharArray());
    }

    /** The i-th flow: every field a pattern of i, so that groups overlap in many ways. */
    private static Flow flow(int i) {
        long cid = 1000 + i % 3;
        long proto = i % 5 < 3 ? 6 : i % 5 == 3 ? 17 : 1;
        // IPv6 as Java writes it (2001:db8:0:0:0:0:0:1), as the explorer shows it.
        String dst = i % 13 == 0 ? "2001:db8:0:0:0:0:0:" + (i % 4 + 1) : "192.0.2." + (i % 11 + 1);
        String dstCountry = (i / 7) % 3 == 2 ? null : (i / 7) % 3 == 0 ? "US" : "FR";
        return new Flow(T0.plusMillis(200L * i), cid, proto, "10.0." + (cid - 1000) + "." + (i % 7 + 1), dst,
                40000 + i % 100, new long[] {443, 53, 80}[(i / 3) % 3], 100 + (i * 37L) % 1500, 1 + i % 10,
                64496 + cid - 1000, 64500 + i % 4, "DE", dstCountry, 1 + i % 2, "xe-0/0/" + (i % 2));
    }

    private void insert() {
        String sql = "INSERT INTO " + FlowsTable.DEFAULT_NAME + " (ts, exporter, src_addr_hi, src_addr_lo, dst_addr_hi, "
                + "dst_addr_lo, src_port, dst_port, proto, bytes, packets, in_if, in_if_name, src_as, dst_as, src_country, "
                + "dst_country, cid, kafka_topic, kafka_partition, kafka_offset) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = DriverManager.getConnection(questDb.pgUrl(), questDb.user(), questDb.password());
             PreparedStatement insert = connection.prepareStatement(sql)) {
            long offset = 0;
            for (Flow f : flows) {
                byte[] src = InetAddress.getByName(f.srcAddr()).getAddress();
                byte[] dst = InetAddress.getByName(f.dstAddr()).getAddress();
                Object[] values = {OffsetDateTime.ofInstant(f.ts(), ZoneOffset.UTC), "192.0.2.254", AddressHalves.high(src),
                    AddressHalves.low(src), AddressHalves.high(dst), AddressHalves.low(dst), f.srcPort(), f.dstPort(),
                    f.proto(), f.bytes(), f.packets(), f.inIf(), f.inIfName(), f.srcAs(), f.dstAs(), f.srcCountry(),
                    f.dstCountry(), f.cid(), "flows-" + f.cid(), 0L, offset++};
                for (int v = 0; v < values.length; v++) {
                    if (values[v] == null) {
                        insert.setNull(v + 1, Types.VARCHAR);
                    } else {
                        insert.setObject(v + 1, values[v]);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot insert the known flows", e);
        }
    }

    public List<Flow> flows() {
        return flows;
    }

    /** The sum of {@code value} over the flows that meet {@code which}. */
    public long sum(Predicate<Flow> which, ToLongFunction<Flow> value) {
        return flows.stream().filter(which).mapToLong(value).sum();
    }

    public DashboardServer server() {
        return server;
    }

    public QuestDbFixture questDb() {
        return questDb;
    }

    public SelfSignedKeystore keystore() {
        return keystore;
    }

    /** The query string of the known flows' range. */
    public static String range() {
        return "from=" + T0.getEpochSecond() + "&to=" + END.getEpochSecond();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        questDb.close();
    }
}
