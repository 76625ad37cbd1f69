package org.bwnetflow.connect.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.dashboard.DashboardServer;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.query.QuestDbStore;
import org.bwnetflow.connect.dashboard.testing.KnownTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's API over a real QuestDB holding the sink's tables with rows of known totals
 * ({@link KnownTraffic}): the numbers it serves equal the rows', per customer and per bucket; a
 * customer's login sees only its own customer, and asking for another is refused; nobody without
 * a login sees anything.
 */
class DashboardApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static KnownTraffic traffic;
    private static DashboardServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        traffic = KnownTraffic.start(dir);
        server = traffic.server();
    }

    @AfterAll
    static void stop() {
        if (traffic != null) {
            traffic.close();
        }
    }

    private static final String RANGE = KnownTraffic.range();
    private static final int WINDOWS = KnownTraffic.WINDOWS;

    @Test
    void theOperatorSeesEveryCustomersTotalsAsTheRowsSay() throws Exception {
        JsonNode totals = get("/api/totals?split=cid&" + RANGE, basic("noc", "noc-pw")).json();
        assertThat(totals).hasSize(2);
        assertThat(totals.get(0).get("key").asText()).as("largest first").isEqualTo("1001");
        for (JsonNode total : totals) {
            assertThat(total.get("bytes").asLong()).as("bytes of " + total.get("key")).isEqualTo(traffic.bytes(total.get("key").asText()));
            assertThat(total.get("flows").asLong()).isEqualTo(2L * 2 * WINDOWS);
        }
        JsonNode byDirection = get("/api/totals?split=direction&cid=1000&" + RANGE, basic("noc", "noc-pw")).json();
        for (JsonNode total : byDirection) {
            assertThat(total.get("bytes").asLong()).isEqualTo(traffic.bytes("1000/" + total.get("key").asText()));
        }
    }

    @Test
    void seriesGiveBitsPerSecondPerBucket() throws Exception {
        JsonNode series = get("/api/series?split=cid&step=60&" + RANGE, basic("noc", "noc-pw")).json();
        assertThat(series).hasSize(2);
        for (JsonNode one : series) {
            String cid = one.get("key").asText();
            assertThat(one.get("points")).hasSize(10);
            for (JsonNode point : one.get("points")) {
                long minute = point.get("epochSecond").asLong();
                assertThat(point.get("bitsPerSecond").asDouble()).as(cid + " at " + minute)
                        .isEqualTo(traffic.bytes(cid + "@" + minute) * 8 / 60.0);
            }
        }
    }

    @Test
    void theOperatorSeesTheIngestHealthPerExporterAsTheRowsSay() throws Exception {
        JsonNode ingest = get("/api/ingest?step=60&" + RANGE, basic("noc", "noc-pw")).json();
        double seconds = 10.0 * WINDOWS;
        JsonNode exporters = ingest.get("exporters");
        assertThat(exporters.findValuesAsText("exporter")).as("most flows first, \"other\" last, no task row")
                .containsExactly("192.0.2.1", "198.51.100.7", "192.0.2.2", "other");
        for (JsonNode e : exporters) {
            String exporter = e.get("exporter").asText();
            assertThat(e.get("flows").asLong()).as(exporter).isEqualTo(traffic.ingest(exporter + "/flows"));
            assertThat(e.get("datagrams").asLong()).as(exporter).isEqualTo(traffic.ingest(exporter + "/datagrams"));
            assertThat(e.get("flowsPerSecond").asDouble()).as(exporter)
                    .isEqualTo(traffic.ingest(exporter + "/flows") / seconds);
            assertThat(e.get("datagramsPerSecond").asDouble()).as(exporter)
                    .isEqualTo(traffic.ingest(exporter + "/datagrams") / seconds);
            assertThat(e.get("sequenceGaps").asLong()).as(exporter).isEqualTo(traffic.ingest(exporter + "/sequence_gaps"));
            assertThat(e.get("sequenceMissing").asLong()).as(exporter)
                    .isEqualTo(traffic.ingest(exporter + "/sequence_missing"));
            assertThat(e.get("lastReport").asLong()).as(exporter).isEqualTo(traffic.lastReport(exporter));
            assertThat(e.get("clockSkewed").asLong()).as(exporter).isEqualTo(traffic.ingest(exporter + "/clock_skewed"));
        }
        assertThat(exporters.get(1).get("clockSkewed").asLong()).as("the router with a wrong clock in windows 10-29")
                .isEqualTo(20 * 400 + 2 * (10 + 29) * 20 / 2);
        assertThat(exporters.get(3).get("clockSkewed").asLong()).as("rows without the column count 0").isZero();
        assertThat(exporters.get(1).get("lastReport").asLong()).as("the silent exporter's last row")
                .isEqualTo(KnownTraffic.T0.getEpochSecond() + 10L * (KnownTraffic.SILENT_FROM - 1));
        assertThat(exporters.get(0).get("flowsPerSecond").asDouble()).as("(900 * 60 + 1770) flows in 600 s")
                .isEqualTo(92.95);
        assertThat(exporters.get(2).get("sequenceGaps").asLong()).isEqualTo(6);
        assertThat(exporters.get(2).get("sequenceMissing").asLong()).isEqualTo(30);

        JsonNode tasks = ingest.get("tasks");
        assertThat(tasks.get("datagramsReceived").asLong()).isEqualTo(traffic.ingest("*/datagrams_received"));
        assertThat(tasks.get("kernelDrops").asLong()).isEqualTo(traffic.ingest("*/kernel_drops")).isEqualTo(17);
        assertThat(tasks.get("notAllowed").asLong()).isEqualTo(traffic.ingest("*/not_allowed")).isEqualTo(120);
        assertThat(tasks.get("malformed").asLong()).isEqualTo(traffic.ingest("*/malformed")).isEqualTo(3);
        assertThat(tasks.get("templateMisses").asLong()).isEqualTo(traffic.ingest("*/template_misses")).isEqualTo(4);

        JsonNode series = ingest.get("flowsPerSecond");
        assertThat(series.findValuesAsText("key")).containsExactly("192.0.2.1", "198.51.100.7", "192.0.2.2", "other");
        for (JsonNode one : series) {
            String exporter = one.get("key").asText();
            assertThat(one.get("points")).hasSize(10);
            for (JsonNode point : one.get("points")) {
                long minute = point.get("epochSecond").asLong();
                assertThat(point.get("flowsPerSecond").asDouble()).as(exporter + " at " + minute)
                        .isEqualTo(traffic.ingest(exporter + "@" + minute) / 60.0);
            }
        }
    }

    @Test
    void theLargestExportersGetSeriesAndTheRestIsOneOther() throws Exception {
        JsonNode series = get("/api/ingest?step=60&limit=1&" + RANGE, basic("noc", "noc-pw")).json().get("flowsPerSecond");
        assertThat(series.findValuesAsText("key")).as("the source's own \"other\" and the smaller exporters, once")
                .containsExactly("192.0.2.1", "other");
        for (JsonNode point : series.get(1).get("points")) {
            long minute = point.get("epochSecond").asLong();
            long rest = traffic.ingest("198.51.100.7@" + minute) + traffic.ingest("192.0.2.2@" + minute)
                    + traffic.ingest("other@" + minute);
            assertThat(point.get("flowsPerSecond").asDouble()).as("other at " + minute).isEqualTo(rest / 60.0);
        }
    }

    /**
     * Counters at Long.MAX_VALUE (a hostile exporter's, saturated by the sink), several per bucket:
     * every sum and rate the API serves is the saturated value, never one that overflowed.
     */
    @Test
    void saturatedCountersAreHugeNeverNegative() throws Exception {
        String noc = basic("noc", "noc-pw");
        String range = KnownTraffic.saturatedRange();
        for (String query : List.of("/api/totals?split=cid&", "/api/totals?", "/api/totals?split=peer&limit=1&")) {
            JsonNode totals = get(query + range, noc).json();
            assertThat(totals).as(query).isNotEmpty();
            for (JsonNode total : totals) {
                for (String field : List.of("bytes", "packets", "flows")) {
                    assertThat(total.get(field).asLong()).as(query + " " + total.get("key") + " " + field)
                            .isEqualTo(Long.MAX_VALUE);
                }
            }
        }
        for (String query : List.of("/api/series?split=cid&step=60&", "/api/series?split=peer&limit=1&step=10&",
                "/api/series?split=peer&step=10&")) {
            JsonNode series = get(query + range, noc).json();
            assertThat(series).as(query).isNotEmpty();
            for (JsonNode one : series) {
                double step = query.contains("step=60") ? 60 : 10;
                for (JsonNode point : one.get("points")) {
                    assertThat(point.get("bitsPerSecond").asDouble()).as(query + " " + one.get("key") + " bits/s")
                            .isEqualTo(Long.MAX_VALUE * 8.0 / step);
                    assertThat(point.get("packetsPerSecond").asDouble()).as(query + " " + one.get("key") + " packets/s")
                            .isEqualTo(Long.MAX_VALUE / step);
                }
            }
        }
        JsonNode ingest = get("/api/ingest?step=60&" + range, noc).json();
        JsonNode exporter = ingest.get("exporters").get(0);
        assertThat(exporter.get("exporter").asText()).isEqualTo(KnownTraffic.HOSTILE_EXPORTER);
        for (String field : List.of("flows", "datagrams", "sequenceGaps", "sequenceMissing", "clockSkewed")) {
            assertThat(exporter.get(field).asLong()).as(field).isEqualTo(Long.MAX_VALUE);
        }
        assertThat(exporter.get("flowsPerSecond").asDouble()).isEqualTo(Long.MAX_VALUE / 60.0);
        assertThat(exporter.get("datagramsPerSecond").asDouble()).isEqualTo(Long.MAX_VALUE / 60.0);
        assertThat(ingest.get("flowsPerSecond").get(0).get("points").get(0).get("flowsPerSecond").asDouble())
                .isEqualTo(Long.MAX_VALUE / 60.0);
        ingest.get("tasks").fields().forEachRemaining(counter ->
                assertThat(counter.getValue().asLong()).as(counter.getKey()).isEqualTo(Long.MAX_VALUE));
    }

    @Test
    void theIngestHealthIsTheOperatorsAlone() throws Exception {
        Response customer = get("/api/ingest?" + RANGE, login("acme", "acme-pw"));
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.body()).contains("customer 1000 may not read the sources' ingest health")
                .doesNotContain("exporters");
        assertThat(get("/api/ingest?" + RANGE, basic("globex", "globex-pw")).status()).isEqualTo(403);
        assertThat(get("/api/ingest?" + RANGE, null).status()).isEqualTo(401);
        Response perCustomer = get("/api/ingest?cid=1000&" + RANGE, basic("noc", "noc-pw"));
        assertThat(perCustomer.status()).isEqualTo(400);
        assertThat(perCustomer.body()).contains("cid is no parameter of the ingest health");
        assertThat(get("/api/totals?measurement=ingest", basic("noc", "noc-pw")).body())
                .as("not a traffic measurement to ask for by name").contains("measurement 'ingest' is none of");
    }

    @Test
    void aCustomerSeesOnlyItsOwnDataWhateverItAsks() throws Exception {
        String cookie = login("acme", "acme-pw");
        JsonNode me = get("/api/me", cookie).json();
        assertThat(me.get("role").asText()).isEqualTo("customer");
        assertThat(me.get("cid").asLong()).isEqualTo(1000);
        JsonNode totals = get("/api/totals?split=cid&" + RANGE, cookie).json();
        assertThat(totals).hasSize(1);
        assertThat(totals.get(0).get("key").asText()).isEqualTo("1000");
        assertThat(totals.get(0).get("bytes").asLong()).isEqualTo(traffic.bytes("1000"));

        Response other = get("/api/totals?split=cid&cid=1001&" + RANGE, cookie);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).contains("customer 1000 may not read customer 1001").doesNotContain("bytes\"");
        assertThat(get("/api/series?cid=1001&" + RANGE, basic("acme", "acme-pw")).status()).isEqualTo(403);
    }

    /**
     * Traffic by neighbour AS and by community (from BGP): the operator sees every customer's, as
     * the rows say; a customer only its own, whatever it asks.
     */
    @Test
    void neighbourAsAndCommunityPanelsArePerCustomerAsTheOthers() throws Exception {
        String noc = basic("noc", "noc-pw");
        JsonNode neighbors = get("/api/totals?measurement=flows_by_neighbor_as&split=neighboras&" + RANGE, noc).json();
        List<String> allNeighbors = new ArrayList<>();
        KnownTraffic.NEIGHBOR_ASES.values().forEach(allNeighbors::addAll);
        assertThat(neighbors).extracting(t -> t.get("key").asText()).containsExactlyInAnyOrderElementsOf(allNeighbors);
        JsonNode communities = get("/api/totals?measurement=flows_by_community&split=community&cid=1001&" + RANGE, noc).json();
        assertThat(communities).extracting(t -> t.get("key").asText())
                .containsExactlyInAnyOrderElementsOf(KnownTraffic.COMMUNITIES.get("1001"));
        for (JsonNode total : communities) {
            assertThat(total.get("bytes").asLong()).isEqualTo(traffic.bytes("1001~" + total.get("key").asText()));
        }

        String acme = login("acme", "acme-pw");
        JsonNode own = get("/api/totals?measurement=flows_by_neighbor_as&split=neighboras&" + RANGE, acme).json();
        assertThat(own).extracting(t -> t.get("key").asText())
                .containsExactlyInAnyOrderElementsOf(KnownTraffic.NEIGHBOR_ASES.get("1000"));
        for (JsonNode total : own) {
            assertThat(total.get("bytes").asLong()).isEqualTo(traffic.bytes("1000%" + total.get("key").asText()));
        }
        JsonNode ownCommunities = get("/api/series?measurement=flows_by_community&split=community&step=60&" + RANGE, acme).json();
        assertThat(ownCommunities).extracting(s -> s.get("key").asText())
                .containsExactlyInAnyOrderElementsOf(KnownTraffic.COMMUNITIES.get("1000"));
        assertThat(get("/api/totals?measurement=flows_by_community&split=community&cid=1001&" + RANGE, acme).status())
                .isEqualTo(403);
        assertThat(get("/api/totals?measurement=flows_by_community&split=cid&" + RANGE, acme).json())
                .extracting(t -> t.get("key").asText()).containsExactly("1000");
    }

    @Test
    void withoutALoginNothingButTheLoginPage() throws Exception {
        assertThat(get("/api/totals?" + RANGE, null).status()).isEqualTo(401);
        assertThat(get("/api/totals?" + RANGE, basic("acme", "wrong")).status()).isEqualTo(401);
        Response page = get("/", null);
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).isEqualTo("/login.html");
        assertThat(get("/login.html", null).body()).contains("action=\"/auth/login\"");
        Response failed = post("/auth/login", "user=acme&password=wrong");
        assertThat(failed.location()).isEqualTo("/login.html?failed");
        assertThat(failed.cookie()).isNull();
    }

    @Test
    void badRequestsSayWhatIsWrong() throws Exception {
        String noc = basic("noc", "noc-pw");
        assertThat(get("/api/totals?measurement=nope", noc).body()).contains("measurement 'nope' is none of");
        assertThat(get("/api/totals?split=host", noc).body()).contains("'host' is no tag of flows");
        assertThat(get("/api/series?from=yesterday", noc).body()).contains("from must be an ISO-8601 time");
        assertThat(get("/api/series?step=1&from=0&to=86400", noc).body()).contains("more than 10000 buckets");
        assertThat(get("/api/totals?step=1&from=0&to=86400", noc).status()).as("totals have no buckets").isEqualTo(200);
    }

    /**
     * A range's ends lie between the Unix epoch (no flow time is earlier) and a week from now (no
     * point is later, once the sink bounds flow times by the clock policy): anything beyond is a 400
     * naming the parameter, for every API, never a database error or a dropped connection.
     */
    @Test
    void timesFarInThePastOrFutureAreRefusedWithTheBounds() throws Exception {
        String noc = basic("noc", "noc-pw");
        long now = Instant.now().getEpochSecond();
        Map<String, String> refused = Map.of(
                "to=99999999999999", "to must lie between 1970-01-01T00:00:00Z and a week from now",
                "from=" + (now + 8 * 86_400), "from must lie between",
                "from=-1000000000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from must lie between",
                "from=1969-12-31T23:00:00Z&to=1970-01-01T01:00:00Z", "from must lie between",
                "to=31556889864403200", "to must lie between",
                "to=%2B1000000000-01-01T00:00:00Z", "to must lie between");
        for (String api : List.of("/api/totals", "/api/series", "/api/ingest")) {
            for (Map.Entry<String, String> times : refused.entrySet()) {
                Response response = get(api + "?" + times.getKey(), noc);
                assertThat(response.status()).as(api + "?" + times.getKey() + ": " + response.body()).isEqualTo(400);
                assertThat(response.body()).as(api + "?" + times.getKey()).contains(times.getValue());
            }
        }
        assertThat(get("/api/totals?from=0&to=" + (now + 86_400), noc).status()).as("all time until tomorrow")
                .isEqualTo(200);
        assertThat(get("/api/ingest?from=" + (now + 6 * 86_400) + "&to=" + (now + 7 * 86_400 - 60), noc).status())
                .as("within the week ahead").isEqualTo(200);
    }

    /**
     * Rows dated far from the range asked for (a router with a wrong clock, if such a time ever
     * reached the database: 1970 and 2300) change nothing the range shows, nor its last reports.
     */
    @Test
    void rowsDatedFarAwayDoNotMoveTheRange() throws Exception {
        JsonNode ingest = get("/api/ingest?step=60&" + RANGE, basic("noc", "noc-pw")).json();
        for (JsonNode e : ingest.get("exporters")) {
            String exporter = e.get("exporter").asText();
            assertThat(e.get("lastReport").asLong()).as(exporter).isEqualTo(traffic.lastReport(exporter));
            assertThat(e.get("flows").asLong()).as(exporter).isEqualTo(traffic.ingest(exporter + "/flows"));
        }
        JsonNode totals = get("/api/totals?split=cid&" + RANGE, basic("noc", "noc-pw")).json();
        for (JsonNode total : totals) {
            assertThat(total.get("bytes").asLong()).isEqualTo(traffic.bytes(total.get("key").asText()));
        }
        // They are there when asked for.
        String y1970 = "from=0&to=3600";
        assertThat(get("/api/totals?cid=1000&" + y1970, basic("noc", "noc-pw")).json().get(0).get("bytes").asLong())
                .isEqualTo(KnownTraffic.FAR_BYTES);
        JsonNode early = get("/api/ingest?" + y1970, basic("noc", "noc-pw")).json().get("exporters").get(0);
        assertThat(early.get("flows").asLong()).isEqualTo(KnownTraffic.FAR_FLOWS);
        assertThat(early.get("lastReport").asLong()).isEqualTo(KnownTraffic.FAR_TIMES.get(0).getEpochSecond());
    }

    /**
     * Probe: 502 answers told customers the database's URL. A customer gets a 502 that names
     * nothing of the inside (nor does its /api/me); the operator gets the reason.
     */
    @Test
    void anUnreachableDatabaseIsABadGatewayNamingItToTheOperatorOnly() throws Exception {
        try (DashboardServer broken = DashboardServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new QuestDbStore("http://127.0.0.1:1"), UsersFile.load(traffic.usersFile()))) {
            HttpResponse<String> operator = HTTP.send(HttpRequest.newBuilder(URI.create(broken.url() + "/api/totals"))
                    .header("Authorization", basic("noc", "noc-pw")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(operator.statusCode()).isEqualTo(502);
            assertThat(operator.body()).contains("QuestDB at http://127.0.0.1:1 is not reachable");
            for (String api : List.of("/api/totals", "/api/series", "/api/me")) {
                HttpResponse<String> customer = HTTP.send(HttpRequest.newBuilder(URI.create(broken.url() + api))
                        .header("Authorization", basic("acme", "acme-pw")).build(), HttpResponse.BodyHandlers.ofString());
                System.out.println("customer " + api + " on a broken database: " + customer.statusCode() + " "
                        + customer.body());
                assertThat(customer.body()).as(api).doesNotContain("127.0.0.1").doesNotContain("QuestDB")
                        .doesNotContain("reachable");
                if (!api.equals("/api/me")) {
                    assertThat(customer.statusCode()).isEqualTo(502);
                    assertThat(customer.body()).contains("the traffic database did not answer");
                }
            }
        }
    }

    /**
     * Probe: no security headers. Every answer (page, login page, script, API, error) forbids
     * framing and sniffing, sends no referrer, and the pages allow scripts and everything else
     * from the dashboard itself only.
     */
    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/login.html", "/dashboard.js", "/api/me", "/api/nothing", "/nothing")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                    .header("Authorization", basic("noc", "noc-pw")).build(), HttpResponse.BodyHandlers.ofString());
            HttpHeaders headers = response.headers();
            System.out.println(path + ": " + response.statusCode() + " " + headers.map());
            assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
                            "base-uri 'none'", "form-action 'self'").doesNotContain("unsafe-eval"));
            assertThat(headers.firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(headers.firstValue("Strict-Transport-Security")).as(path + ": plain HTTP").isEmpty();
        }
    }

    record Response(int status, String body, String location, String cookie) {
        JsonNode json() throws Exception {
            assertThat(status).as(body).isEqualTo(200);
            return JSON.readTree(body);
        }
    }

    /** GET with an Authorization header ("Basic ...") or a cookie ("bwnf_session=..."). */
    private static Response get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (credentials != null) {
            request.header(credentials.startsWith("Basic ") ? "Authorization" : "Cookie", credentials);
        }
        return response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static Response post(String path, String form) throws Exception {
        return response(HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static Response response(HttpResponse<String> r) {
        String cookie = r.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElse(null);
        return new Response(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null), cookie);
    }

    private static String login(String user, String password) throws Exception {
        Response response = post("/auth/login", "user=" + user + "&password=" + password);
        assertThat(response.location()).isEqualTo("/");
        assertThat(response.cookie()).startsWith(Authenticator.COOKIE + "=");
        return response.cookie();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
