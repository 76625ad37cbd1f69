package org.bwnetflow.connect.dashboard.testing;

import static org.bwnetflow.connect.model.table.DdosTables.ACTION_ANNOUNCE;
import static org.bwnetflow.connect.model.table.DdosTables.ACTION_DRY_RUN_ANNOUNCE;
import static org.bwnetflow.connect.model.table.DdosTables.ACTION_REFUSE;
import static org.bwnetflow.connect.model.table.DdosTables.ACTION_WITHDRAW;
import static org.bwnetflow.connect.model.table.DdosTables.ACTION_WITHDRAW_FAILED;
import static org.bwnetflow.connect.model.table.DdosTables.EVENT_END;
import static org.bwnetflow.connect.model.table.DdosTables.EVENT_START;
import static org.bwnetflow.connect.model.table.DdosTables.EVENT_UPDATE;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.dashboard.DashboardServer;
import org.bwnetflow.connect.dashboard.TlsContext;
import org.bwnetflow.connect.dashboard.attacks.Attacks;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.explore.PgDatabase;
import org.bwnetflow.connect.dashboard.query.QuestDbStore;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.table.DdosTables;

/**
 * A real QuestDB with the PostgreSQL wire on and the shipped tables.sql, holding known DDoS attacks
 * and mitigation actions of customers 1000 and 1001, written as the DDoS sink writes them (the
 * InfluxDB line protocol over HTTP, times in ms, names from {@link DdosTables}); the dashboard
 * reads them as QuestDB's read-only PostgreSQL user. Logins: operator noc, customers acme = 1000 and
 * globex = 1001; a minute's traffic of each over the hour. The range {@link #range()} is the hour from {@link #T0}:
 *
 * <ul>
 * <li>{@link #ACME_OPEN} (1000, 10.0.0.5): started T0+600, peak 6 Gbit/s at T0+660 (UDP port 123 from
 *     198.51.100.7), peak 900 kpps at T0+720, ended only after the range (END+120); blackhole announced
 *     (withdrawn after the range, END+121), flowspec announced and withdrawn.
 * <li>{@link #ACME_BEFORE} (1000, 10.0.0.6): started T0-1800, last update T0-1200, no event in the
 *     range and never ended: open at the range's start; blackhole announced then a failed withdraw
 *     (still announced), flowspec only as a dry run.
 * <li>{@link #ACME_ENDED} (1000, 2001:db8::5): T0+60 to T0+300; blackhole announced and withdrawn,
 *     flowspec refused.
 * <li>{@link #SHARED_ID} for both customers: 1000's (10.0.0.7) T0+1200 to T0+1260, announced and
 *     withdrawn; 1001's (10.8.0.7) T0+1500 to T0+1560, announced and never withdrawn.
 * <li>{@link #GLOBEX_OPEN} (1001, 10.8.0.1): started T0+900, blackhole announced.
 * <li>{@link #ACME_OLD} (ended two hours before T0) and {@link #ACME_LATER} (after the range): in no
 *     view of the range.
 * </ul>
 */
public final class KnownAttacks implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    public static final Instant END = T0.plusSeconds(3600);
    public static final String ACME_OPEN = "acme-open";
    public static final String ACME_BEFORE = "acme-before";
    public static final String ACME_ENDED = "acme-ended";
    public static final String SHARED_ID = "attack-7";
    public static final String GLOBEX_OPEN = "globex-open";
    public static final String ACME_OLD = "acme-old";
    public static final String ACME_LATER = "acme-later";

    public static final String BLACKHOLE_5 = "blackhole 10.0.0.5/32";
    public static final String FLOWSPEC_5 = "flowspec 10.0.0.5/32 udp 53";
    public static final String BLACKHOLE_6 = "blackhole 10.0.0.6/32";
    public static final String FLOWSPEC_6 = "flowspec 10.0.0.6/32 tcp 443";
    public static final String BLACKHOLE_V6 = "blackhole 2001:db8::5/128";
    public static final String FLOWSPEC_V6 = "flowspec 2001:db8::5/128 proto 58";
    public static final String BLACKHOLE_7 = "blackhole 10.0.0.7/32";
    public static final String BLACKHOLE_GLOBEX_7 = "blackhole 10.8.0.7/32";
    public static final String BLACKHOLE_GLOBEX_1 = "blackhole 10.8.0.1/32";

    private static final long G = 1_000_000_000L;

    /** One event of an attack (a point of ddos_attacks); {@code topSource} null: the tag left out. */
    record Event(String cid, String target, String attack, String event, String topSource, Instant start, long bps,
                 long pps, long thresholdBps, long thresholdPps, long protocol, long port, Instant time) {
    }

    /** One mitigation action (a point of ddos_mitigations). */
    record Action(String cid, String attack, String target, String action, String routeKey, String route, String reason,
                  Instant time) {
    }

    private final QuestDbFixture questDb;
    private final DashboardServer server;
    private final SelfSignedKeystore keystore;
    private final Path users;

    private KnownAttacks(Path dir, boolean tls) throws IOException {
        questDb = QuestDbFixture.startWithPgWire(dir.resolve("questdb"));
        questDb.execFile(Path.of("../connect-configs/questdb/tables.sql"));
        write(lines() + traffic());
        questDb.awaitApplied("flows");
        questDb.awaitApplied(DdosTables.ATTACKS);
        questDb.awaitApplied(DdosTables.MITIGATIONS);
        users = dir.resolve("users");
        Files.writeString(users, String.join("\n", UsersFile.line("noc", null, "noc-pw".toCharArray()),
                UsersFile.line("acme", 1000L, "acme-pw".toCharArray()),
                UsersFile.line("globex", 1001L, "globex-pw".toCharArray())) + "\n");
        keystore = tls ? SelfSignedKeystore.create(dir.resolve("tls")) : null;
        server = DashboardServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new QuestDbStore(questDb.url(), questDb.user(), questDb.password().toCharArray()), null,
                new Attacks(database()), UsersFile.load(users),
                tls ? TlsContext.fromPkcs12(keystore.keystore(), keystore.password()) : null);
    }

    /** The dashboard over plain HTTP. */
    public static KnownAttacks start(Path dir) throws IOException {
        return new KnownAttacks(dir, false);
    }

    /** The dashboard over HTTPS, with a self-signed certificate for 127.0.0.1 ({@link #keystore()}). */
    public static KnownAttacks startTls(Path dir) throws IOException {
        return new KnownAttacks(dir, true);
    }

    /** The attacks' database as the dashboard reads it: QuestDB's read-only PostgreSQL user. */
    public PgDatabase database() {
        return new PgDatabase(questDb.pgUrl(), QuestDbFixture.READONLY_USER, questDb.readonlyPassword().toCharArray());
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Instant afterEnd(long seconds) {
        return END.plusSeconds(seconds);
    }

    private static List<Event> events() {
        List<Event> events = new ArrayList<>();
        Instant open = at(600);
        events.add(new Event("1000", "10.0.0.5", ACME_OPEN, EVENT_START, "192.0.2.9", open, 2 * G, 300_000, G, 100_000,
                17, 53, open));
        events.add(new Event("1000", "10.0.0.5", ACME_OPEN, EVENT_UPDATE, "198.51.100.7", open, 6 * G, 500_000, G,
                100_000, 17, 123, at(660)));
        events.add(new Event("1000", "10.0.0.5", ACME_OPEN, EVENT_UPDATE, "192.0.2.9", open, 4 * G, 900_000, G, 100_000,
                17, 53, at(720)));
        events.add(new Event("1000", "10.0.0.5", ACME_OPEN, EVENT_END, null, open, 10_000, 10, G, 100_000, 17, 53,
                afterEnd(120)));
        Instant before = at(-1800);
        events.add(new Event("1000", "10.0.0.6", ACME_BEFORE, EVENT_START, "203.0.113.10", before, 3 * G, 200_000, G,
                100_000, 6, 443, before));
        events.add(new Event("1000", "10.0.0.6", ACME_BEFORE, EVENT_UPDATE, "203.0.113.11", before, 5 * G, 250_000, G,
                100_000, 6, 443, at(-1200)));
        Instant ended = at(60);
        events.add(new Event("1000", "2001:db8::5", ACME_ENDED, EVENT_START, "2001:db8:ffff::1", ended, 1_500_000_000L,
                200_000, G, 100_000, 58, 0, ended));
        events.add(new Event("1000", "2001:db8::5", ACME_ENDED, EVENT_UPDATE, "2001:db8:ffff::2", ended, 2_500_000_000L,
                250_000, G, 100_000, 58, 0, at(120)));
        events.add(new Event("1000", "2001:db8::5", ACME_ENDED, EVENT_END, null, ended, 0, 0, G, 100_000, 58, 0, at(300)));
        events.add(new Event("1000", "10.0.0.7", SHARED_ID, EVENT_START, "192.0.2.70", at(1200), 1_200_000_000L, 150_000,
                G, 100_000, 6, 22, at(1200)));
        events.add(new Event("1000", "10.0.0.7", SHARED_ID, EVENT_END, null, at(1200), 0, 0, G, 100_000, 6, 22, at(1260)));
        events.add(new Event("1001", "10.8.0.7", SHARED_ID, EVENT_START, "192.0.2.170", at(1500), 9 * G, 800_000, 2 * G,
                200_000, 17, 11211, at(1500)));
        events.add(new Event("1001", "10.8.0.7", SHARED_ID, EVENT_END, null, at(1500), 0, 0, 2 * G, 200_000, 17, 11211,
                at(1560)));
        events.add(new Event("1001", "10.8.0.1", GLOBEX_OPEN, EVENT_START, "192.0.2.200", at(900), 3 * G, 400_000,
                2 * G, 200_000, 6, 80, at(900)));
        events.add(new Event("1001", "10.8.0.1", GLOBEX_OPEN, EVENT_UPDATE, "192.0.2.201", at(900), 3_500_000_000L,
                450_000, 2 * G, 200_000, 6, 80, at(960)));
        events.add(new Event("1000", "10.0.0.8", ACME_OLD, EVENT_START, "192.0.2.80", at(-7200), 2 * G, 200_000, G,
                100_000, 17, 53, at(-7200)));
        events.add(new Event("1000", "10.0.0.8", ACME_OLD, EVENT_END, null, at(-7200), 0, 0, G, 100_000, 17, 53, at(-7000)));
        events.add(new Event("1000", "10.0.0.9", ACME_LATER, EVENT_START, "192.0.2.90", afterEnd(600), 2 * G, 200_000, G,
                100_000, 17, 53, afterEnd(600)));
        events.add(new Event("1000", "10.0.0.9", ACME_LATER, EVENT_END, null, afterEnd(600), 0, 0, G, 100_000, 17, 53,
                afterEnd(700)));
        return events;
    }

    private static List<Action> actions() {
        String communities = " communities 65535:666";
        return List.of(
                new Action("1000", ACME_OPEN, "10.0.0.5", ACTION_ANNOUNCE, BLACKHOLE_5, BLACKHOLE_5 + " next-hop 192.0.2.1"
                        + communities, "6.0 Gbit/s above 1.0 Gbit/s", at(601)),
                new Action("1000", ACME_OPEN, "10.0.0.5", ACTION_ANNOUNCE, FLOWSPEC_5, "flowspec dst 10.0.0.5/32 proto 17 "
                        + "dport 53 discard", "top protocol 17 port 53", at(602)),
                new Action("1000", ACME_OPEN, "10.0.0.5", ACTION_WITHDRAW, FLOWSPEC_5, "flowspec dst 10.0.0.5/32 proto 17 "
                        + "dport 53 discard", "top port changed to 123", at(700)),
                new Action("1000", ACME_OPEN, "10.0.0.5", ACTION_WITHDRAW, BLACKHOLE_5, BLACKHOLE_5 + " next-hop 192.0.2.1"
                        + communities, "attack ended", afterEnd(121)),
                new Action("1000", ACME_BEFORE, "10.0.0.6", ACTION_ANNOUNCE, BLACKHOLE_6, BLACKHOLE_6 + " next-hop 192.0.2.1"
                        + communities, "3.0 Gbit/s above 1.0 Gbit/s", at(-1799)),
                new Action("1000", ACME_BEFORE, "10.0.0.6", ACTION_DRY_RUN_ANNOUNCE, FLOWSPEC_6, "flowspec dst 10.0.0.6/32 "
                        + "proto 6 dport 443 discard", "flowspec in dry-run mode", at(-1798)),
                new Action("1000", ACME_BEFORE, "10.0.0.6", ACTION_WITHDRAW_FAILED, BLACKHOLE_6, BLACKHOLE_6
                        + " next-hop 192.0.2.1" + communities, "BGP session down", at(-1500)),
                new Action("1000", ACME_ENDED, "2001:db8::5", ACTION_ANNOUNCE, BLACKHOLE_V6, BLACKHOLE_V6
                        + " next-hop 100::1" + communities, "1.5 Gbit/s above 1.0 Gbit/s", at(61)),
                new Action("1000", ACME_ENDED, "2001:db8::5", ACTION_REFUSE, FLOWSPEC_V6, "flowspec dst 2001:db8::5/128 "
                        + "proto 58 discard", "flowspec limit reached (10 routes)", at(62)),
                new Action("1000", ACME_ENDED, "2001:db8::5", ACTION_WITHDRAW, BLACKHOLE_V6, BLACKHOLE_V6
                        + " next-hop 100::1" + communities, "attack ended", at(301)),
                new Action("1000", SHARED_ID, "10.0.0.7", ACTION_ANNOUNCE, BLACKHOLE_7, BLACKHOLE_7 + " next-hop 192.0.2.1"
                        + communities, "1.2 Gbit/s above 1.0 Gbit/s", at(1201)),
                new Action("1000", SHARED_ID, "10.0.0.7", ACTION_WITHDRAW, BLACKHOLE_7, BLACKHOLE_7 + " next-hop 192.0.2.1"
                        + communities, "attack ended", at(1261)),
                new Action("1001", SHARED_ID, "10.8.0.7", ACTION_ANNOUNCE, BLACKHOLE_GLOBEX_7, BLACKHOLE_GLOBEX_7
                        + " next-hop 192.0.2.1" + communities, "9.0 Gbit/s above 2.0 Gbit/s", at(1501)),
                new Action("1001", GLOBEX_OPEN, "10.8.0.1", ACTION_ANNOUNCE, BLACKHOLE_GLOBEX_1, BLACKHOLE_GLOBEX_1
                        + " next-hop 192.0.2.1" + communities, "3.0 Gbit/s above 2.0 Gbit/s", at(901)));
    }

    /** The points as the DDoS sink writes them: line protocol, tags escaped, integer fields, ms. */
    private static String lines() {
        StringBuilder lines = new StringBuilder();
        for (Event e : events()) {
            lines.append(DdosTables.ATTACKS).append(tag(DdosTables.CID, e.cid())).append(tag(DdosTables.TARGET, e.target()))
                    .append(tag(DdosTables.ATTACK, e.attack())).append(tag(DdosTables.EVENT, e.event()))
                    .append(tag(DdosTables.TOP_SOURCE, e.topSource())).append(' ')
                    .append(DdosTables.START).append('=').append(e.start().getEpochSecond()).append('i')
                    .append(field(DdosTables.BITS_PER_SECOND, e.bps())).append(field(DdosTables.PACKETS_PER_SECOND, e.pps()))
                    .append(field(DdosTables.THRESHOLD_BITS_PER_SECOND, e.thresholdBps()))
                    .append(field(DdosTables.THRESHOLD_PACKETS_PER_SECOND, e.thresholdPps()))
                    .append(field(DdosTables.TOP_PROTOCOL, e.protocol())).append(field(DdosTables.TOP_PORT, e.port()))
                    .append(' ').append(e.time().toEpochMilli()).append('\n');
        }
        for (Action a : actions()) {
            lines.append(DdosTables.MITIGATIONS).append(tag(DdosTables.CID, a.cid())).append(tag(DdosTables.ATTACK, a.attack()))
                    .append(tag(DdosTables.TARGET, a.target())).append(tag(DdosTables.ACTION, a.action()))
                    .append(tag(DdosTables.ROUTE_KEY, a.routeKey())).append(tag(DdosTables.ROUTE, a.route()))
                    .append(tag(DdosTables.REASON, a.reason())).append(' ').append(DdosTables.COUNT).append("=1i ")
                    .append(a.time().toEpochMilli()).append('\n');
        }
        return lines.toString();
    }

    /** A minute's traffic of each customer over the hour (as the Influx sink writes it): the page's customers. */
    private static String traffic() {
        StringBuilder lines = new StringBuilder();
        for (int minute = 0; minute < 60; minute++) {
            for (String cid : List.of("1000", "1001")) {
                lines.append("flows,cid=").append(cid).append(",direction=ingress,ipversion=4,protoname=UDP,application=dns,"
                        + "peer=transit,topic_partition=flows-").append(cid).append("/0 bytes=").append(1_000_000L * (minute + 1))
                        .append("i,packets=").append(1000L * (minute + 1)).append("i,flows=10i ")
                        .append(at(60L * minute).toEpochMilli()).append('\n');
            }
        }
        return lines.toString();
    }

    private static String tag(String name, String value) {
        return value == null ? "" : "," + name + "=" + value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=")
                .replace(" ", "\\ ");
    }

    private static String field(String name, long value) {
        return "," + name + "=" + value + "i";
    }

    private void write(String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(questDb.url() + "/api/v2/write?precision=ms"))
                .header("Authorization", questDb.authorization()).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("QuestDB refused the attacks: " + response.statusCode() + " " + response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
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

    public Path usersFile() {
        return users;
    }

    /** The query string of the known hour. */
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
