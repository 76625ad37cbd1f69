package org.bwnetflow.connect.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.dashboard.testing.KnownAttacks.ACME_BEFORE;
import static org.bwnetflow.connect.dashboard.testing.KnownAttacks.ACME_ENDED;
import static org.bwnetflow.connect.dashboard.testing.KnownAttacks.ACME_OPEN;
import static org.bwnetflow.connect.dashboard.testing.KnownAttacks.GLOBEX_OPEN;
import static org.bwnetflow.connect.dashboard.testing.KnownAttacks.SHARED_ID;
import static org.bwnetflow.connect.dashboard.testing.KnownAttacks.T0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bwnetflow.connect.dashboard.DashboardServer;
import org.bwnetflow.connect.dashboard.attacks.Attacks;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.explore.PgDatabase;
import org.bwnetflow.connect.dashboard.query.QuestDbStore;
import org.bwnetflow.connect.dashboard.testing.KnownAttacks;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/attacks} over a real QuestDB holding {@link KnownAttacks} (written as the DDoS sink
 * writes them), read through the PostgreSQL wire as QuestDB's read-only user: the operator sees every
 * customer's attacks, open ones first; open and ended, start, end, duration, peaks, thresholds and the
 * top protocol, port and source as the events say, as of the range's end; the mitigation actions in
 * order and which routes are announced; a customer sees only its own attacks and routes, and asking
 * for another customer's (by cid, by attack id, by an id both have) gets a 403 or nothing.
 */
class AttacksApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NOC = basic("noc", "noc-pw");
    private static final String ACME = basic("acme", "acme-pw");
    private static final String GLOBEX = basic("globex", "globex-pw");

    @TempDir
    static Path dir;
    private static KnownAttacks known;

    @BeforeAll
    static void start() throws Exception {
        known = KnownAttacks.start(dir);
    }

    @AfterAll
    static void stop() {
        if (known != null) {
            known.close();
        }
    }

    @Test
    void theOperatorSeesEveryCustomersAttacksOpenOnesFirst() throws Exception {
        JsonNode answer = get("/api/attacks?" + KnownAttacks.range(), NOC).json();
        assertThat(answer.get("truncated").asBoolean()).isFalse();
        assertThat(answer.get("tables").asBoolean()).isTrue();
        JsonNode attacks = answer.get("attacks");
        assertThat(keys(attacks)).as("open ones first, then the latest started first").containsExactly(
                "1001/" + GLOBEX_OPEN, "1000/" + ACME_OPEN, "1000/" + ACME_BEFORE,
                "1001/" + SHARED_ID, "1000/" + SHARED_ID, "1000/" + ACME_ENDED);
        assertThat(attacks.findValuesAsText("open")).containsExactly("true", "true", "true", "false", "false", "false");
        assertThat(attacks.get(3).get("target").asText()).isEqualTo("10.8.0.7");
        assertThat(attacks.get(4).get("target").asText()).as("an attack id of two customers: two attacks").isEqualTo("10.0.0.7");
    }

    @Test
    void anAttacksNumbersAreItsEventsAsOfTheRangesEnd() throws Exception {
        JsonNode open = attack(get("/api/attacks?" + KnownAttacks.range(), NOC).json(), "1000", ACME_OPEN);
        assertThat(open.get("target").asText()).isEqualTo("10.0.0.5");
        assertThat(open.get("open").asBoolean()).as("its end event lies after the range").isTrue();
        assertThat(open.get("start").asLong()).isEqualTo(T0.getEpochSecond() + 600);
        assertThat(open.get("end").isNull()).isTrue();
        assertThat(open.get("lastEvent").asLong()).isEqualTo(T0.getEpochSecond() + 720);
        assertThat(open.get("durationSeconds").asLong()).as("so far: to the range's end").isEqualTo(3000);
        assertThat(open.get("peak").get("bitsPerSecond").asLong()).isEqualTo(6_000_000_000L);
        assertThat(open.get("peak").get("packetsPerSecond").asLong()).as("of another event").isEqualTo(900_000);
        assertThat(open.get("threshold").get("bitsPerSecond").asLong()).isEqualTo(1_000_000_000L);
        assertThat(open.get("threshold").get("packetsPerSecond").asLong()).isEqualTo(100_000);
        JsonNode top = open.get("top");
        assertThat(top.get("protocol").asLong()).isEqualTo(17);
        assertThat(top.get("protocolName").asText()).isEqualTo("UDP");
        assertThat(top.get("port").asLong()).as("the peak event's").isEqualTo(123);
        assertThat(top.get("source").asText()).isEqualTo("198.51.100.7");

        JsonNode ended = attack(get("/api/attacks?" + KnownAttacks.range(), NOC).json(), "1000", ACME_ENDED);
        assertThat(ended.get("target").asText()).isEqualTo("2001:db8::5");
        assertThat(ended.get("open").asBoolean()).isFalse();
        assertThat(ended.get("start").asLong()).isEqualTo(T0.getEpochSecond() + 60);
        assertThat(ended.get("end").asLong()).isEqualTo(T0.getEpochSecond() + 300);
        assertThat(ended.get("durationSeconds").asLong()).isEqualTo(240);
        assertThat(ended.get("peak").get("bitsPerSecond").asLong()).isEqualTo(2_500_000_000L);
        assertThat(ended.get("top").get("protocolName").asText()).isEqualTo("IPv6-ICMP");
        assertThat(ended.get("top").get("source").asText()).isEqualTo("2001:db8:ffff::2");

        JsonNode before = attack(get("/api/attacks?" + KnownAttacks.range(), NOC).json(), "1000", ACME_BEFORE);
        assertThat(before.get("open").asBoolean()).as("no event in the range, never ended: open at its start").isTrue();
        assertThat(before.get("start").asLong()).isEqualTo(T0.getEpochSecond() - 1800);
        assertThat(before.get("lastEvent").asLong()).isEqualTo(T0.getEpochSecond() - 1200);
        assertThat(before.get("durationSeconds").asLong()).isEqualTo(5400);
        assertThat(before.get("peak").get("bitsPerSecond").asLong()).isEqualTo(5_000_000_000L);

        // An hour more: acme-open's end and its blackhole's withdraw come into the range, and acme-later.
        String longer = "from=" + T0.getEpochSecond() + "&to=" + KnownAttacks.END.plusSeconds(3600).getEpochSecond();
        JsonNode later = get("/api/attacks?" + longer, ACME).json();
        assertThat(keys(later.get("attacks"))).containsExactly("1000/" + ACME_BEFORE, "1000/" + KnownAttacks.ACME_LATER,
                "1000/" + SHARED_ID, "1000/" + ACME_OPEN, "1000/" + ACME_ENDED);
        JsonNode over = attack(later, "1000", ACME_OPEN);
        assertThat(over.get("open").asBoolean()).isFalse();
        assertThat(over.get("end").asLong()).isEqualTo(KnownAttacks.END.getEpochSecond() + 120);
        assertThat(over.get("durationSeconds").asLong()).isEqualTo(3120);
        assertThat(over.get("announced").asBoolean()).isFalse();
        assertThat(route(over, KnownAttacks.BLACKHOLE_5).get("announced").asBoolean()).isFalse();
        assertThat(route(over, KnownAttacks.BLACKHOLE_5).get("lastAction").asText()).isEqualTo("withdraw");

        assertThat(keys(get("/api/attacks?from=" + T0.minusSeconds(7300).getEpochSecond() + "&to="
                + T0.minusSeconds(6900).getEpochSecond(), NOC).json().get("attacks"))).as("two hours before")
                .containsExactly("1000/" + KnownAttacks.ACME_OLD);
    }

    @Test
    void theRoutesActionsInOrderAndWhichAreAnnounced() throws Exception {
        JsonNode answer = get("/api/attacks?" + KnownAttacks.range(), NOC).json();
        JsonNode open = attack(answer, "1000", ACME_OPEN);
        assertThat(actions(open)).containsExactly("announce " + KnownAttacks.BLACKHOLE_5, "announce " + KnownAttacks.FLOWSPEC_5,
                "withdraw " + KnownAttacks.FLOWSPEC_5);
        assertThat(open.get("mitigations").findValuesAsText("reason")).containsExactly("6.0 Gbit/s above 1.0 Gbit/s",
                "top protocol 17 port 53", "top port changed to 123");
        assertThat(open.get("mitigations").get(0).get("time").asLong()).isEqualTo(T0.plusSeconds(601).toEpochMilli());
        assertThat(open.get("mitigations").get(0).get("route").asText())
                .isEqualTo("blackhole 10.0.0.5/32 next-hop 192.0.2.1 communities 65535:666");
        assertThat(route(open, KnownAttacks.BLACKHOLE_5).get("announced").asBoolean()).as("its withdraw after the range")
                .isTrue();
        assertThat(route(open, KnownAttacks.FLOWSPEC_5).get("announced").asBoolean()).isFalse();
        assertThat(open.get("announced").asBoolean()).isTrue();

        JsonNode ended = attack(answer, "1000", ACME_ENDED);
        assertThat(actions(ended)).containsExactly("announce " + KnownAttacks.BLACKHOLE_V6, "refuse " + KnownAttacks.FLOWSPEC_V6,
                "withdraw " + KnownAttacks.BLACKHOLE_V6);
        assertThat(ended.get("mitigations").get(1).get("reason").asText()).isEqualTo("flowspec limit reached (10 routes)");
        assertThat(ended.get("routes").findValuesAsText("announced")).containsExactly("false", "false");
        assertThat(ended.get("announced").asBoolean()).isFalse();

        JsonNode before = attack(answer, "1000", ACME_BEFORE);
        assertThat(actions(before)).containsExactly("announce " + KnownAttacks.BLACKHOLE_6, "dry-run-announce "
                + KnownAttacks.FLOWSPEC_6, "withdraw-failed " + KnownAttacks.BLACKHOLE_6);
        assertThat(route(before, KnownAttacks.BLACKHOLE_6).get("announced").asBoolean()).as("the withdraw failed").isTrue();
        assertThat(route(before, KnownAttacks.FLOWSPEC_6).get("announced").asBoolean()).as("a dry run").isFalse();

        JsonNode globexShared = attack(answer, "1001", SHARED_ID);
        assertThat(globexShared.get("open").asBoolean()).isFalse();
        assertThat(globexShared.get("announced").asBoolean()).as("ended, its route never withdrawn").isTrue();
        assertThat(actions(globexShared)).containsExactly("announce " + KnownAttacks.BLACKHOLE_GLOBEX_7);
        assertThat(actions(attack(answer, "1000", SHARED_ID))).containsExactly("announce " + KnownAttacks.BLACKHOLE_7,
                "withdraw " + KnownAttacks.BLACKHOLE_7);
    }

    @Test
    void aCustomerSeesOnlyItsOwnAttacksAndRoutes() throws Exception {
        Response response = get("/api/attacks?" + KnownAttacks.range(), ACME);
        JsonNode attacks = response.json().get("attacks");
        assertThat(keys(attacks)).containsExactly("1000/" + ACME_OPEN, "1000/" + ACME_BEFORE, "1000/" + SHARED_ID,
                "1000/" + ACME_ENDED);
        JsonNode shared = attack(response.json(), "1000", SHARED_ID);
        assertThat(shared.get("target").asText()).isEqualTo("10.0.0.7");
        assertThat(shared.get("peak").get("bitsPerSecond").asLong()).as("its own events only").isEqualTo(1_200_000_000L);
        assertThat(shared.get("top").get("port").asLong()).isEqualTo(22);
        assertThat(actions(shared)).containsExactly("announce " + KnownAttacks.BLACKHOLE_7, "withdraw " + KnownAttacks.BLACKHOLE_7);
        assertThat(response.body()).doesNotContain("10.8.0.", "\"cid\":\"1001\"", "globex", "9.0 Gbit/s");

        JsonNode globex = get("/api/attacks?" + KnownAttacks.range(), GLOBEX).json().get("attacks");
        assertThat(keys(globex)).containsExactly("1001/" + GLOBEX_OPEN, "1001/" + SHARED_ID);
        assertThat(globex.toString()).doesNotContain("10.0.0.", "acme");
        assertThat(keys(get("/api/attacks?cid=1000&" + KnownAttacks.range(), ACME).json().get("attacks")))
                .as("its own cid named").hasSize(4);
    }

    /** Every way a customer might ask for another's attacks: a 403, a 400 or nothing. */
    @Test
    void aCustomerAskingForAnothersAttacksGetsNothing() throws Exception {
        String range = KnownAttacks.range();
        for (String query : List.of("cid=1001", "cid=1001&attack=" + GLOBEX_OPEN, "cid=1001&attack=" + SHARED_ID)) {
            Response refused = get("/api/attacks?" + range + "&" + query, ACME);
            assertThat(refused.status()).as(query).isEqualTo(403);
            assertThat(refused.body()).as(query).doesNotContain("10.8.0.");
        }
        for (String query : List.of("attack=" + GLOBEX_OPEN, "attack=" + encode("globex-open' OR '1'='1"),
                "attack=" + encode("' OR 1=1 --"), "attack=" + encode("x' OR cid = '1001"), "attack=%25", "attack=*")) {
            Response nothing = get("/api/attacks?" + range + "&" + query, ACME);
            assertThat(nothing.json().get("attacks")).as(query).isEmpty();
        }
        JsonNode shared = get("/api/attacks?" + range + "&attack=" + SHARED_ID, ACME).json().get("attacks");
        assertThat(keys(shared)).as("an id both have: its own attack only").containsExactly("1000/" + SHARED_ID);
        assertThat(shared.toString()).doesNotContain("10.8.0.");
        for (String query : List.of("cid=" + encode("1000 OR 1=1"), "cid=" + encode("1000' OR '1'='1"), "cid=1000&cid=1001",
                "customer=1001", "attack=a&attack=b", "cid=1001x", "dims=cid")) {
            Response bad = get("/api/attacks?" + range + "&" + query, ACME);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.body()).as(query).doesNotContain("10.8.0.");
        }
    }

    @Test
    void theOperatorPicksACustomerOrAnAttack() throws Exception {
        assertThat(keys(get("/api/attacks?cid=1001&" + KnownAttacks.range(), NOC).json().get("attacks")))
                .containsExactly("1001/" + GLOBEX_OPEN, "1001/" + SHARED_ID);
        assertThat(keys(get("/api/attacks?attack=" + SHARED_ID + "&" + KnownAttacks.range(), NOC).json().get("attacks")))
                .containsExactly("1001/" + SHARED_ID, "1000/" + SHARED_ID);
        assertThat(keys(get("/api/attacks?cid=1002&" + KnownAttacks.range(), NOC).json().get("attacks"))).isEmpty();
    }

    @Test
    void badRequestsSayWhatIsWrong() throws Exception {
        for (String query : List.of("from=" + T0.getEpochSecond() + "&to=" + T0.getEpochSecond(),
                "from=" + T0.getEpochSecond() + "&to=" + T0.plusSeconds(8 * 86400).getEpochSecond(), "from=yesterday",
                "to=99999999999", "attack=" + "x".repeat(201), "limit=5")) {
            Response bad = get("/api/attacks?" + query, NOC);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("error").asText()).as(query).isNotBlank();
        }
        assertThat(get("/api/attacks?" + KnownAttacks.range(), null).status()).as("no login").isEqualTo(401);
        assertThat(get("/api/me", ACME).json().get("attacks").asBoolean()).isTrue();
    }

    /** Without the PostgreSQL wire's settings the view is off; a database that does not answer is a 502. */
    @Test
    void withoutTheDatabaseTheViewIsOffOrABadGateway() throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        QuestDbStore store = new QuestDbStore(known.questDb().url(), known.questDb().user(),
                known.questDb().password().toCharArray());
        try (DashboardServer off = DashboardServer.start(address, store, null, null, UsersFile.load(known.usersFile()), null)) {
            Response operator = get(off, "/api/attacks", NOC);
            assertThat(operator.status()).isEqualTo(404);
            assertThat(operator.body()).contains("--questdb-pg-url");
            assertThat(get(off, "/api/attacks", ACME).body()).doesNotContain("questdb");
            assertThat(get(off, "/api/me", ACME).json().get("attacks").asBoolean()).isFalse();
        }
        Attacks unreachable = new Attacks(new PgDatabase("jdbc:postgresql://127.0.0.1:1/qdb", "explorer", new char[0]));
        try (DashboardServer broken = DashboardServer.start(address, store, null, unreachable,
                UsersFile.load(known.usersFile()), null)) {
            Response operator = get(broken, "/api/attacks", NOC);
            assertThat(operator.status()).isEqualTo(502);
            assertThat(operator.body()).contains("127.0.0.1:1");
            Response customer = get(broken, "/api/attacks", ACME);
            assertThat(customer.status()).isEqualTo(502);
            assertThat(customer.body()).contains("the traffic database did not answer").doesNotContain("127.0.0.1", "explorer");
        }
    }

    /** A database without the DDoS tables (tables.sql older than them): no attacks, said so; not an error. */
    @Test
    void aDatabaseWithoutTheTablesHasNoAttacks() throws Exception {
        try (QuestDbFixture empty = QuestDbFixture.startWithPgWire(dir.resolve("empty"));
             DashboardServer server = DashboardServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     new QuestDbStore(empty.url(), empty.user(), empty.password().toCharArray()), null,
                     new Attacks(new PgDatabase(empty.pgUrl(), QuestDbFixture.READONLY_USER,
                             empty.readonlyPassword().toCharArray())), UsersFile.load(known.usersFile()), null)) {
            for (String login : List.of(NOC, ACME)) {
                JsonNode answer = get(server, "/api/attacks?" + KnownAttacks.range(), login).json();
                assertThat(answer.get("attacks")).isEmpty();
                assertThat(answer.get("tables").asBoolean()).isFalse();
            }
        }
    }

    private static JsonNode attack(JsonNode answer, String cid, String id) {
        for (JsonNode attack : answer.get("attacks")) {
            if (attack.get("cid").asText().equals(cid) && attack.get("attack").asText().equals(id)) {
                return attack;
            }
        }
        throw new AssertionError("no attack " + cid + "/" + id + " in " + answer);
    }

    private static JsonNode route(JsonNode attack, String routeKey) {
        for (JsonNode route : attack.get("routes")) {
            if (route.get("routeKey").asText().equals(routeKey)) {
                return route;
            }
        }
        throw new AssertionError("no route " + routeKey + " in " + attack);
    }

    private static List<String> actions(JsonNode attack) {
        List<String> actions = new ArrayList<>();
        attack.get("mitigations").forEach(m -> actions.add(m.get("action").asText() + " " + m.get("routeKey").asText()));
        return actions;
    }

    private static List<String> keys(JsonNode attacks) {
        List<String> keys = new ArrayList<>();
        attacks.forEach(a -> keys.add(a.get("cid").asText() + "/" + a.get("attack").asText()));
        return keys;
    }

    record Response(int status, String body) {
        JsonNode json() throws Exception {
            assertThat(status).as(body).isEqualTo(200);
            return JSON.readTree(body);
        }
    }

    private static Response get(String path, String authorization) throws Exception {
        return get(known.server(), path, authorization);
    }

    private static Response get(DashboardServer server, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
