package org.bwnetflow.connect.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.bwnetflow.connect.dashboard.auth.PasswordHash;
import org.bwnetflow.connect.dashboard.testing.DashboardProcess;
import org.bwnetflow.connect.dashboard.testing.KnownTraffic;
import org.bwnetflow.connect.dashboard.testing.RawHttp;
import org.bwnetflow.connect.dashboard.testing.SlowConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes against a real dashboard process with {@code bin/flowstack}'s heap
 * ({@link DashboardProcess}, -Xmx256m) over a real QuestDB ({@link KnownTraffic}): oversized
 * queries of a customer, a flood of wrong logins from 32 client addresses together with eight
 * connections that never finish their request, password guessing, and the cost of HTTP Basic.
 */
class DashboardUnderAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Distinct hosts of customer 1000 in top_hosts over the last day (two rows each). */
    private static final int HOSTS = 4000;
    private static final long SEED = 22;
    private static final Duration REAL_LOGIN_BOUND = Duration.ofSeconds(1);

    @TempDir
    static Path dir;
    private static KnownTraffic traffic;
    private static long hostBytes;
    private static Instant dayAgo;

    @BeforeAll
    static void start() throws Exception {
        traffic = KnownTraffic.start(dir);
        long fiveMinutes = 300;
        dayAgo = Instant.ofEpochSecond(Instant.now().minus(1, ChronoUnit.DAYS).getEpochSecond() / fiveMinutes * fiveMinutes);
        writeManyHosts();
    }

    @AfterAll
    static void stop() {
        if (traffic != null) {
            traffic.close();
        }
    }

    /** {@value #HOSTS} hosts of customer 1000, each at two times of the last day: a busy customer's top_hosts. */
    private static void writeManyHosts() throws Exception {
        System.out.println("DashboardUnderAttackTest: seed " + SEED);
        Random random = new Random(SEED);
        StringBuilder lines = new StringBuilder();
        long first = dayAgo.getEpochSecond() + 60;
        for (int h = 0; h < HOSTS; h++) {
            for (int row = 0; row < 2; row++) {
                long time = first + random.nextInt(86_400 - 120);
                long bytes = 1000 + random.nextInt(100_000);
                hostBytes += bytes;
                lines.append("top_hosts,cid=1000,direction=ingress,host=10.77.").append(h / 250).append('.').append(h % 250)
                        .append(",topic_partition=flows-1000/0 bytes=").append(bytes).append("i,packets=")
                        .append(bytes / 100).append("i,flows=1i ").append(time).append("000000000\n");
            }
        }
        HttpResponse<String> written = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(traffic.questDb().url() + "/api/v2/write")).header("Authorization",
                traffic.questDb().authorization()).POST(HttpRequest.BodyPublishers.ofString(
                lines.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
        traffic.questDb().awaitApplied("top_hosts");
    }

    private static DashboardProcess dashboard(String name) throws Exception {
        Path password = dir.resolve(name + "-questdb.password");
        Files.writeString(password, traffic.questDb().password());
        return DashboardProcess.start(dir.resolve(name), "--questdb-url", traffic.questDb().url(),
                "--questdb-user", traffic.questDb().user(), "--questdb-password-file", password.toString(),
                "--users", traffic.usersFile().toString());
    }

    /**
     * Probe: four requests of customer 1000 for a day of top hosts in 9-second steps, 100 of them
     * (9,600 buckets × 101 series), at once. Each is a 400 naming the bound; the dashboard stays
     * up, and a day of the same hosts in a size within the bounds adds up to the rows.
     */
    @Test
    void fourOversizedQueriesOfACustomerAre400AndTheDashboardStaysUp() throws Exception {
        try (DashboardProcess dashboard = dashboard("oversized")) {
            String probe = "/api/series?measurement=top_hosts&split=host&limit=100&step=9&from=" + dayAgo.getEpochSecond();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> answer(http, dashboard.url() + probe, "acme", "acme-pw")));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> answer : answers) {
                results.add(answer.get(3, TimeUnit.MINUTES));
            }
            clients.shutdown();
            System.out.println("oversized query answers: " + results);
            String log = dashboard.log();
            assertThat(log).as("the dashboard's log").doesNotContain("OutOfMemoryError");
            assertThat(dashboard.alive()).isTrue();
            for (String result : results) {
                assertThat(result).startsWith("400 ").contains("points").contains("choose a longer step or a smaller limit");
            }
            assertThat(answer(http, dashboard.url() + "/api/me", "acme", "acme-pw")).startsWith("200 ");

            String bounded = "/api/series?measurement=top_hosts&split=host&limit=10&step=300&from=" + dayAgo.getEpochSecond()
                    + "&to=" + dayAgo.plus(1, ChronoUnit.DAYS).getEpochSecond();
            String within = answer(http, dashboard.url() + bounded, "acme", "acme-pw");
            assertThat(within).startsWith("200 ");
            JsonNode series = JSON.readTree(within.substring(4));
            assertThat(series).as("the 10 largest hosts and other").hasSize(11);
            assertThat(series.get(10).get("key").asText()).isEqualTo("other");
            double bytes = 0;
            for (JsonNode one : series) {
                assertThat(one.get("points").size()).as("a day in 5 minutes").isEqualTo(288);
                for (JsonNode point : one.get("points")) {
                    bytes += point.get("bitsPerSecond").asDouble() * 300 / 8;
                }
            }
            assertThat(Math.round(bytes)).as("every host's bytes, in a series or in other").isEqualTo(hostBytes);
        }
    }

    /** "STATUS BODY", or what went wrong on the connection. */
    private static String answer(HttpClient http, String url, String user, String password) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", basic(user, password)).timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Probe: 32 clients (127.0.0.100-131) send wrong Basic logins as fast as the dashboard answers,
     * then eight more connections (127.0.0.200-207) each send a request line and one header a
     * second without ever finishing. Meanwhile the operator logs in through the form and a
     * customer's script asks /api/me with Basic from 127.0.0.1: each answers within a second. The
     * server closes the slow connections (its request read timeout).
     */
    @Test
    void aFloodOfWrongLoginsAndEightSlowConnectionsLeaveARealLoginUnderASecond() throws Exception {
        try (DashboardProcess dashboard = dashboard("flood")) {
            List<Duration> alone = realLogins(dashboard.port(), 2);
            Map<String, LongAdder> floodAnswers = new ConcurrentHashMap<>();
            AtomicBoolean flooding = new AtomicBoolean(true);
            ExecutorService flood = Executors.newFixedThreadPool(32);
            for (int c = 0; c < 32; c++) {
                int client = c;
                flood.submit(() -> floodFrom(client, dashboard.port(), flooding, floodAnswers));
            }
            Thread.sleep(1500);
            List<Duration> duringFlood = realLogins(dashboard.port(), 4);
            List<SlowConnection> slow = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                slow.add(new SlowConnection(RawHttp.loopback(200 + s), dashboard.port()));
            }
            Thread.sleep(2500);
            List<Duration> withSlowConnections = realLogins(dashboard.port(), 4);
            flooding.set(false);
            flood.shutdown();
            flood.awaitTermination(30, TimeUnit.SECONDS);
            System.out.println("real logins alone " + alone + ", during the flood " + duringFlood
                    + ", with 8 slow connections too " + withSlowConnections + "; the flood's answers " + floodAnswers);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (slow.stream().anyMatch(s -> s.closedByServerAfter() == null) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<Duration> slowClosed = slow.stream().map(SlowConnection::closedByServerAfter).toList();
            System.out.println("slow connections closed by the server after " + slowClosed);
            for (SlowConnection s : slow) {
                s.close();
            }
            assertThat(duringFlood).as("real logins during the flood").allMatch(d -> d.compareTo(REAL_LOGIN_BOUND) < 0);
            assertThat(withSlowConnections).as("real logins during the flood, with 8 slow connections")
                    .allMatch(d -> d.compareTo(REAL_LOGIN_BOUND) < 0);
            assertThat(floodAnswers).as("wrong logins are refused, then throttled").containsKeys("401", "429");
            assertThat(slowClosed).as("slow connections, closed by the server").doesNotContainNull()
                    .allMatch(d -> d.compareTo(Duration.ofSeconds(15)) < 0);
            assertThat(dashboard.log()).doesNotContain("OutOfMemoryError");
        }
    }

    /** One flooding client: wrong passwords for globex or for users that do not exist, until told to stop. */
    private static void floodFrom(int client, int port, AtomicBoolean flooding, Map<String, LongAdder> answers) {
        InetAddress from = RawHttp.loopback(100 + client);
        for (int i = 0; flooding.get(); i++) {
            String user = client % 2 == 0 ? "globex" : "nobody-" + client;
            String outcome;
            try {
                outcome = String.valueOf(RawHttp.basicGet(from, port, "/api/me", user, "guess-" + i, Duration.ofSeconds(10))
                        .status());
            } catch (IOException e) {
                outcome = e.getClass().getSimpleName();
            }
            answers.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        }
    }

    /** Rounds of a real login: the operator's form login and a customer's Basic /api/me, from 127.0.0.1; their times. */
    private static List<Duration> realLogins(int port, int rounds) throws InterruptedException {
        List<Duration> times = new ArrayList<>();
        InetAddress local = InetAddress.getLoopbackAddress();
        for (int r = 0; r < rounds; r++) {
            times.add(timed(() -> {
                RawHttp.Answer login = RawHttp.formLogin(local, port, "noc", "noc-pw", Duration.ofSeconds(10));
                assertThat(login.header("Location")).as(login.head()).isEqualTo("/");
            }));
            times.add(timed(() -> assertThat(RawHttp.basicGet(local, port, "/api/me", "acme", "acme-pw",
                    Duration.ofSeconds(10)).status()).isEqualTo(200)));
            Thread.sleep(250);
        }
        return times;
    }

    private interface Call {
        void run() throws IOException;
    }

    /** How long the call took; 10 s (the clients' timeout) when it failed on the connection. */
    private static Duration timed(Call call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (IOException e) {
            System.out.println("a real login failed: " + e);
            return Duration.ofSeconds(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Probe: unlimited password guessing. A client's fourth wrong password in a row is 429 with
     * Retry-After, and so is the right one while it waits; another client logs in. Wrong
     * passwords for one user from many addresses block that user (the sixth try, even with the
     * right password), until Retry-After has passed. The login form is throttled the same way.
     */
    @Test
    void wrongPasswordsAreThrottledPerClientAddressAndPerUser() throws Exception {
        try (DashboardProcess dashboard = dashboard("throttle")) {
            int port = dashboard.port();
            Duration timeout = Duration.ofSeconds(10);
            InetAddress guesser = RawHttp.loopback(60);
            for (int i = 0; i < 3; i++) {
                assertThat(RawHttp.basicGet(guesser, port, "/api/me", "acme", "wrong-" + i, timeout).status()).isEqualTo(401);
            }
            RawHttp.Answer throttled = RawHttp.basicGet(guesser, port, "/api/me", "acme", "wrong-3", timeout);
            assertThat(throttled.status()).as(throttled.head()).isEqualTo(429);
            assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
            assertThat(RawHttp.basicGet(guesser, port, "/api/me", "acme", "acme-pw", timeout).status())
                    .as("the right password from the same client while it waits").isEqualTo(429);
            assertThat(RawHttp.basicGet(RawHttp.loopback(61), port, "/api/me", "acme", "acme-pw", timeout).status())
                    .as("another client").isEqualTo(200);

            List<Integer> perUser = new ArrayList<>();
            for (int a = 0; a < 8; a++) {
                perUser.add(RawHttp.basicGet(RawHttp.loopback(70 + a), port, "/api/me", "globex", "wrong-" + a, timeout)
                        .status());
            }
            assertThat(perUser).as("one wrong password each from 8 addresses").containsExactly(401, 401, 401, 401, 401, 429,
                    429, 429);
            RawHttp.Answer blockedUser = RawHttp.basicGet(RawHttp.loopback(90), port, "/api/me", "globex", "globex-pw",
                    timeout);
            assertThat(blockedUser.status()).as("the right password from a fresh address while globex waits").isEqualTo(429);
            Thread.sleep(Integer.parseInt(blockedUser.header("Retry-After")) * 1000L + 200);
            assertThat(RawHttp.basicGet(RawHttp.loopback(90), port, "/api/me", "globex", "globex-pw", timeout).status())
                    .as("after Retry-After").isEqualTo(200);

            InetAddress formGuesser = RawHttp.loopback(62);
            for (int i = 0; i < 3; i++) {
                assertThat(RawHttp.formLogin(formGuesser, port, "noc", "wrong-" + i, timeout).header("Location"))
                        .isEqualTo("/login.html?failed");
            }
            RawHttp.Answer form = RawHttp.formLogin(formGuesser, port, "noc", "wrong-3", timeout);
            assertThat(form.status()).as(form.head()).isEqualTo(429);
            assertThat(form.header("Retry-After")).isNotNull();
            assertThat(form.body()).contains("Too many failed logins");
        }
    }

    /**
     * Probe: every request with a Basic header cost a full password hash (210,000 rounds of
     * PBKDF2). A hundred requests of a script with the right password (one connection, kept
     * alive) take less than fifty hashes.
     */
    @Test
    void basicCredentialsCostOnePasswordHashNotOnePerRequest() throws Exception {
        try (DashboardProcess dashboard = dashboard("basic")) {
            String hash = PasswordHash.hash("pw".toCharArray());
            long[] hashes = new long[5];
            for (int i = 0; i < hashes.length; i++) {
                long start = System.nanoTime();
                PasswordHash.verify("pw".toCharArray(), hash);
                hashes[i] = System.nanoTime() - start;
            }
            Arrays.sort(hashes);
            Duration oneHash = Duration.ofNanos(hashes[2]);
            HttpClient http = HttpClient.newHttpClient();
            String me = dashboard.url() + "/api/me";
            assertThat(answer(http, me, "acme", "acme-pw")).startsWith("200 ");
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                assertThat(answer(http, me, "acme", "acme-pw")).startsWith("200 ");
            }
            Duration hundred = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("one PBKDF2 hash here (median of 5): " + oneHash + "; 100 Basic requests: " + hundred);
            assertThat(hundred).isLessThan(oneHash.multipliedBy(50));
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
