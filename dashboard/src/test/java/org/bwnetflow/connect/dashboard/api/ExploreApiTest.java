package org.bwnetflow.connect.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bwnetflow.connect.dashboard.testing.KnownFlows;
import org.bwnetflow.connect.dashboard.testing.KnownFlows.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer's API over a real QuestDB holding {@link KnownFlows}, read through the PostgreSQL
 * wire as QuestDB's read-only user: groups, series and Sankey links equal the flows; a group's
 * drill-down condition selects exactly its flows; a customer sees only its own flows whatever it
 * sends, an operator every customer's.
 */
class ExploreApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NOC = basic("noc", "noc-pw");
    private static final String ACME = basic("acme", "acme-pw");

    @TempDir
    static Path dir;
    private static KnownFlows known;

    @BeforeAll
    static void start() throws Exception {
        known = KnownFlows.start(dir);
    }

    @AfterAll
    static void stop() {
        if (known != null) {
            known.close();
        }
    }

    @Test
    void theTopGroupsAreTheFlowsTotalsLargestFirst() throws Exception {
        JsonNode groups = explore(NOC, "dims=proto&metric=bytes").get("groups");
        List<String> largestFirst = List.of(6L, 17L, 1L).stream().sorted((a, b) -> Long.compare(
                known.sum(f -> f.proto() == b, Flow::bytes), known.sum(f -> f.proto() == a, Flow::bytes)))
                .map(String::valueOf).toList();
        assertThat(keys(groups, 0)).containsExactlyElementsOf(largestFirst);
        for (JsonNode group : groups) {
            long proto = group.get("keys").get(0).asLong();
            assertThat(group.get("bytes").asLong()).isEqualTo(known.sum(f -> f.proto() == proto, Flow::bytes));
            assertThat(group.get("packets").asLong()).isEqualTo(known.sum(f -> f.proto() == proto, Flow::packets));
            assertThat(group.get("flows").asLong()).isEqualTo(known.sum(f -> f.proto() == proto, f -> 1));
            assertThat(group.get("condition").asText()).isEqualTo("proto " + proto);
        }
        assertThat(groups.findValues("labels").stream().map(l -> l.get(0).asText()).toList()).as("IANA's names")
                .containsExactlyInAnyOrder("TCP", "UDP", "ICMP");
    }

    @Test
    void severalDimensionsAtOnceWithAddressesAsText() throws Exception {
        JsonNode groups = explore(NOC, "dims=cid,dst_addr&top=50&metric=flows").get("groups");
        Map<String, Long> truth = known.flows().stream().collect(Collectors.groupingBy(f -> f.cid() + "|" + f.dstAddr(),
                Collectors.counting()));
        assertThat(groups).hasSize(45);
        for (JsonNode group : groups) {
            String key = group.get("keys").get(0).asText() + "|" + group.get("keys").get(1).asText();
            assertThat(group.get("flows").asLong()).as(key).isEqualTo(truth.get(key));
        }
        assertThat(keys(groups, 1)).contains("2001:db8:0:0:0:0:0:1", "192.0.2.11");
        assertThat(groups.get(0).get("flows").asLong()).isEqualTo(truth.values().stream().mapToLong(v -> v).max().orElseThrow());
    }

    @Test
    void aThreeTermFilterSelectsItsFlows() throws Exception {
        JsonNode groups = explore(NOC, "dims=dst_port&filter=" + encode("proto 6 and dst port 443 and src net 10.0.1.0/24"))
                .get("groups");
        Predicate<Flow> which = f -> f.proto() == 6 && f.dstPort() == 443 && f.srcAddr().startsWith("10.0.1.");
        assertThat(groups).singleElement().satisfies(g -> assertThat(g.get("bytes").asLong())
                .isEqualTo(known.sum(which, Flow::bytes)));
        JsonNode v6 = explore(NOC, "dims=dst_addr&filter=" + encode("dst net 2001:db8::/126")).get("groups");
        assertThat(keys(v6, 0)).containsExactlyInAnyOrder("2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:2",
                "2001:db8:0:0:0:0:0:3");
    }

    /** A click on a group adds its condition to the filter: the narrowed view has that group alone, with its totals. */
    @Test
    void aGroupsConditionSelectsExactlyItsFlows() throws Exception {
        String dims = "dims=cid,proto,dst_addr,dst_country,in_if_name,dst_as&top=50";
        JsonNode groups = explore(NOC, dims).get("groups");
        int checked = 0;
        for (JsonNode group : groups) {
            if (group.get("condition").isNull()) {
                assertThat(group.get("keys").toString()).as("only a group with an empty country has none").contains("null");
                continue;
            }
            JsonNode narrowed = explore(NOC, dims + "&filter=" + encode(group.get("condition").asText())).get("groups");
            assertThat(narrowed).as(group.get("condition").asText()).singleElement().satisfies(n -> {
                assertThat(n.get("keys")).isEqualTo(group.get("keys"));
                assertThat(n.get("bytes")).isEqualTo(group.get("bytes"));
                assertThat(n.get("flows")).isEqualTo(group.get("flows"));
            });
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
        String conditions = groups.findValuesAsText("condition").toString();
        assertThat(conditions).contains("dst host 2001:db8:0:0:0:0:0:", "in if name \"xe-0/0/", "dst country US",
                "dst as 645", "cid 1002");
    }

    @Test
    void seriesOfTheTopGroupsAndTheRestAsOther() throws Exception {
        JsonNode view = explore(NOC, "dims=dst_as&top=2&metric=packets&chart=series");
        JsonNode series = view.get("series");
        assertThat(series.get("stepSeconds").asLong()).isEqualTo(10);
        JsonNode groups = series.get("groups");
        assertThat(groups.findValuesAsText("name")).containsExactly(view.get("groups").get(0).get("keys").get(0).asText(),
                view.get("groups").get(1).get("keys").get(0).asText(), "other");
        Set<Long> top = new HashSet<>();
        for (int g = 0; g < 2; g++) {
            long as = groups.get(g).get("keys").get(0).asLong();
            top.add(as);
            assertThat(groups.get(g).get("points")).hasSize(60);
            for (JsonNode point : groups.get(g).get("points")) {
                long from = point.get(0).asLong();
                assertThat(point.get(1).asLong()).isEqualTo(known.sum(f -> f.dstAs() == as && inBucket(f, from, 10),
                        Flow::packets));
            }
        }
        long other = 0;
        for (JsonNode point : groups.get(2).get("points")) {
            other += point.get(1).asLong();
        }
        assertThat(other).isEqualTo(known.sum(f -> !top.contains(f.dstAs()), Flow::packets));
    }

    @Test
    void sankeyLinksBetweenTheTopValuesOfEachLevel() throws Exception {
        JsonNode sankey = explore(NOC, "dims=cid,proto,dst_as&top=2&chart=sankey").get("sankey");
        Map<String, JsonNode> nodes = new HashMap<>();
        sankey.get("nodes").forEach(n -> nodes.put(n.get("id").asText(), n));
        long fromCustomers = 0;
        for (JsonNode link : sankey.get("links")) {
            JsonNode source = nodes.get(link.get("source").asText());
            JsonNode target = nodes.get(link.get("target").asText());
            assertThat(target.get("level").asInt()).isEqualTo(source.get("level").asInt() + 1);
            if (source.get("level").asInt() == 0) {
                fromCustomers += link.get("value").asLong();
            }
            if (!source.get("key").isNull() && !target.get("key").isNull() && source.get("level").asInt() == 0) {
                long cid = source.get("key").asLong();
                long proto = target.get("key").asLong();
                assertThat(link.get("value").asLong()).isEqualTo(known.sum(f -> f.cid() == cid && f.proto() == proto,
                        Flow::bytes));
                assertThat(target.get("condition").asText()).isEqualTo("proto " + proto);
            }
        }
        assertThat(fromCustomers).as("every flow once between the first two levels").isEqualTo(known.sum(f -> true,
                Flow::bytes));
        assertThat(sankey.get("nodes").findValuesAsText("dimension")).containsOnly("cid", "proto", "dst_as");
        assertThat(nodes).containsKeys("0:other", "1:6", "1:other", "2:other").hasSize(9);
    }

    @Test
    void anOperatorSeesEveryCustomer() throws Exception {
        assertThat(keys(explore(NOC, "dims=cid").get("groups"), 0)).containsExactlyInAnyOrder("1000", "1001", "1002");
        assertThat(keys(explore(NOC, "dims=cid&filter=" + encode("not cid 1000")).get("groups"), 0))
                .containsExactlyInAnyOrder("1001", "1002");
    }

    /** Every way a customer might try to see another's flows: only its own, or an error. */
    @Test
    void aCustomerSeesOnlyItsOwnFlowsWhateverItSends() throws Exception {
        long own = known.sum(f -> f.cid() == 1000, Flow::bytes);
        List<String> filters = List.of("", "cid 1001", "not cid 1000", "cid 1000 or cid 1001", "(cid 1001)",
                "not (cid 1000)", "proto 6 or not proto 6", "cid 1000 or proto 6", "1=1", "1 = 1", "' or 1=1 --",
                "proto 6) or (cid 1001", "proto 6 or 1=1", "cid 1001; DROP TABLE flows_raw", "cid 0 or cid > 0",
                "in if name \"x\" or cid = 1001", "src net 0.0.0.0/0", "dst net ::/0", "exporter ' OR ''='");
        List<String> refused = new ArrayList<>();
        for (String filter : filters) {
            Response response = get("/api/explore?dims=cid&" + KnownFlows.range() + "&filter=" + encode(filter), ACME);
            if (response.status() == 400) {
                refused.add(filter);
                continue;
            }
            JsonNode groups = response.json().get("groups");
            assertThat(keys(groups, 0)).as(filter).isSubsetOf("1000");
            assertThat(groups.findValues("bytes").stream().mapToLong(JsonNode::asLong).sum()).as(filter).isLessThanOrEqualTo(own);
        }
        assertThat(refused).as("the filter language refuses what is no filter").contains("1=1", "' or 1=1 --",
                "proto 6) or (cid 1001");
        for (String query : List.of("dims=cid&cid=1001", "dims=cid&customer=1001", "dims=cid&cid=", "dims=cid&dims=cid",
                "dims=" + encode("cid;DROP TABLE flows_raw"), "dims=" + encode("cid) or (1=1"), "dims=" + encode("1 OR 1=1"),
                "dims=cid&metric=" + encode("bytes) or (1=1"), "dims=cid&top=" + encode("10 OR 1=1"),
                "dims=cid&from=" + encode("0' OR '1'='1"), "dims=cid&chart=" + encode("sankey;--"), "dims=kafka_topic",
                "dims=src_addr_hi", "dims=ts")) {
            Response response = get("/api/explore?" + query, ACME);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).doesNotContain("1001");
        }
        JsonNode sankey = explore(ACME, "dims=cid,dst_as&chart=sankey&filter=" + encode("not cid 1000 or cid 1001"))
                .get("sankey");
        assertThat(sankey.get("nodes")).allSatisfy(n -> assertThat(n.get("id").asText()).doesNotStartWith("0:1001")
                .doesNotStartWith("0:1002"));
        JsonNode own1000 = explore(ACME, "dims=cid").get("groups");
        assertThat(own1000).singleElement().satisfies(g -> assertThat(g.get("bytes").asLong()).isEqualTo(own));
        assertThat(keys(explore(basic("globex", "globex-pw"), "dims=cid&filter=" + encode("cid 1000 or cid 1001"))
                .get("groups"), 0)).containsExactly("1001");
    }

    @Test
    void badRequestsSayWhatIsWrongAndAFilterErrorWhere() throws Exception {
        Response error = get("/api/explore?" + KnownFlows.range() + "&filter=" + encode("proto 6 and dst prot 443"), NOC);
        assertThat(error.status()).isEqualTo(400);
        JsonNode body = JSON.readTree(error.body());
        assertThat(body.get("position").asInt()).isEqualTo(16);
        assertThat(body.get("error").asText()).contains("prot");
        for (String query : List.of("dims=nosuch", "top=51", "top=0", "metric=bits", "chart=pie", "dims=proto&chart=sankey",
                "from=0&to=999999", "dims=proto,proto", "filter=" + "x".repeat(2001))) {
            assertThat(get("/api/explore?" + query, NOC).status()).as(query).isEqualTo(400);
        }
        assertThat(get("/api/explore?dims=proto", null).status()).as("no login").isEqualTo(401);
        JsonNode dimensions = JSON.readTree(get("/api/explore/dimensions", ACME).body()).get("dimensions");
        assertThat(dimensions.toString()).contains("src_addr", "dst_addr", "cid", "in_if_name").doesNotContain("kafka", "_hi",
                "\"ts\"", "bytes");
    }

    private static boolean inBucket(Flow flow, long from, long step) {
        long second = flow.ts().getEpochSecond();
        return second >= from && second < from + step;
    }

    private static List<String> keys(JsonNode groups, int dimension) {
        List<String> keys = new ArrayList<>();
        groups.forEach(g -> keys.add(g.get("keys").get(dimension).asText()));
        return keys;
    }

    private static JsonNode explore(String login, String query) throws Exception {
        return get("/api/explore?" + KnownFlows.range() + "&" + query, login).json();
    }

    record Response(int status, String body) {
        JsonNode json() throws Exception {
            assertThat(status).as(body).isEqualTo(200);
            return JSON.readTree(body);
        }
    }

    private static Response get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(known.server().url() + path));
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
