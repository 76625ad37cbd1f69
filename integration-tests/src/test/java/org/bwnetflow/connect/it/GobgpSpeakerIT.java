package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.bgp.speaker.BlackholeRoute;
import org.bwnetflow.connect.bgp.speaker.Community;
import org.bwnetflow.connect.bgp.speaker.FlowSpecAction;
import org.bwnetflow.connect.bgp.speaker.FlowSpecRule;
import org.bwnetflow.connect.bgp.speaker.MitigationRoute;
import org.bwnetflow.connect.bgp.speaker.SpeakerException;
import org.bwnetflow.connect.bgp.speaker.gobgp.GobgpSpeaker;
import org.bwnetflow.connect.bgp.speaker.gobgp.GobgpSpeakerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mitigation speaker (module bgp-speaker) against real BGP software: gobgpd (Debian) takes the routes through its
 * gRPC API and announces them over an eBGP session (IPv4/IPv6 unicast and FlowSpec) to FRR's bgpd, and what FRR
 * received ({@code vtysh ... json}) is compared with what was announced: prefixes, next hops, communities, FlowSpec
 * matches and actions. The time from {@code announce()} returning to the route in FRR is printed.
 */
class GobgpSpeakerIT {

    private static final long GOBGP_AS = BgpPeering.GOBGP_AS;
    private static final Community MARKER = Community.parse("64512:666:1");
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration TLS_DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    /**
     * Blackhole routes (IPv4, IPv6) and FlowSpec rules (IPv4 discard and rate-limit, IPv6) announced reach FRR with
     * exactly their attributes; routes added with gobgp's CLI (no marker) are neither listed, replaced nor withdrawn;
     * announcing again changes nothing, a new action replaces the old; a second speaker (this process restarted)
     * lists the same routes and withdraws them, and FRR loses them.
     */
    @Test
    void frrReceivesExactlyWhatIsAnnouncedAndLosesItOnWithdrawal() throws Exception {
        BlackholeRoute blackhole4 = BlackholeRoute.of("203.0.113.7/32", "192.0.2.1", "64512:100", "64512:7:8");
        BlackholeRoute blackhole6 = BlackholeRoute.of("2001:db8::7/128", "100::1", "64512:100");
        FlowSpecRule discard4 = FlowSpecRule.to("198.51.100.9/32").from("10.0.0.0/8").protocol(6).destinationPorts("80-90", "443")
                .sourcePorts("1024-65535").discard();
        FlowSpecRule limit4 = FlowSpecRule.to("192.0.2.53/32").protocol(17).destinationPorts("53").rateLimit(125_000);
        FlowSpecRule limit6 = FlowSpecRule.to("2001:db8::9/128").protocol(17).destinationPorts("123").rateLimit(1000);
        List<MitigationRoute> routes = List.of(blackhole4, blackhole6, discard4, limit4, limit6);

        try (BgpPeering peering = BgpPeering.start(tmp.resolve("routes"), "127.0.77.1", "127.0.77.2");
                GobgpSpeaker speaker = speaker(peering.gobgpd.apiPort())) {
            Gobgpd gobgpd = peering.gobgpd;
            FrrBgpd frr = peering.frr;
            assertThat(speaker.identify()).isEqualTo("AS 64512, router-id 127.0.77.1");
            // Someone else's routes in the same gobgpd, added with its CLI: no marker.
            gobgpd.cli("global", "rib", "-a", "ipv4", "add", "203.0.113.99/32", "nexthop", "192.0.2.1", "community", "65535:666");
            gobgpd.cli("global", "rib", "-a", "ipv4-flowspec", "add", "match", "destination", "192.0.2.99/32", "protocol", "udp",
                    "destination-port", "==53", "then", "rate-limit", "1000");
            BgpPeering.waitFor(frr, "the CLI's routes", f -> BgpPeering.present(f, BlackholeRoute.of("203.0.113.99/32", "192.0.2.1"))
                    && BgpPeering.present(f, FlowSpecRule.to("192.0.2.99/32").discard()));

            for (MitigationRoute route : routes) {
                speaker.announce(route);
                long millis = BgpPeering.waitFor(frr, route.key(), f -> BgpPeering.present(f, route));
                System.out.printf("GobgpSpeakerIT: announce() returned -> in FRR after %4d ms: %s%n", millis, route.describe());
            }

            assertFrrHoldsWhatWasAnnounced(peering, discard4, limit4, limit6);

            // announced(): exactly ours, not the CLI's.
            assertThat(speaker.announced()).containsExactlyElementsOf(byKey(routes));

            // Idempotent: announcing again changes nothing; a new action for the same match replaces the old.
            speaker.announce(blackhole4);
            speaker.announce(limit4);
            assertThat(speaker.announced()).containsExactlyElementsOf(byKey(routes));
            FlowSpecRule faster = limit4.withAction(FlowSpecAction.rateLimit(250_000));
            speaker.announce(faster);
            long replaced = BgpPeering.waitFor(frr, "the new rate",
                    f -> "FS:rate 250000.000000".equals(BgpPeering.flowSpecAction(f, faster)));
            System.out.printf("GobgpSpeakerIT: announce() returned -> new action in FRR after %4d ms: %s%n", replaced, faster.describe());
            List<MitigationRoute> now = new ArrayList<>(routes);
            now.set(now.indexOf(limit4), faster);
            assertThat(speaker.announced()).containsExactlyElementsOf(byKey(now));

            // The CLI's route of the same key is neither replaced nor withdrawn.
            assertThatThrownBy(() -> speaker.announce(BlackholeRoute.of("203.0.113.99/32", "192.0.2.1")))
                    .isInstanceOf(SpeakerException.class)
                    .hasMessage("gobgpd at 127.0.0.1:" + gobgpd.apiPort() + ": announce blackhole 203.0.113.99/32 next-hop 192.0.2.1"
                            + " communities 65535:666 65535:65281 refused: gobgpd holds a path for blackhole 203.0.113.99/32 that this"
                            + " system did not announce (no marker community 64512:666:1); it is not replaced");
            speaker.withdraw(BlackholeRoute.of("203.0.113.99/32", "192.0.2.1"));
            speaker.withdraw(FlowSpecRule.to("192.0.2.99/32").protocol(17).destinationPorts("53").discard());

            // This process restarted: a new speaker finds the same routes in gobgpd and withdraws them.
            try (GobgpSpeaker restarted = speaker(gobgpd.apiPort())) {
                List<MitigationRoute> found = restarted.announced();
                assertThat(found).containsExactlyElementsOf(byKey(now));
                for (MitigationRoute route : found) {
                    restarted.withdraw(route);
                    long millis = BgpPeering.waitFor(frr, "withdrawal of " + route.key(), f -> !BgpPeering.present(f, route));
                    System.out.printf("GobgpSpeakerIT: withdraw() returned -> gone from FRR after %4d ms: %s%n", millis, route.key());
                }
                for (MitigationRoute route : found) {
                    restarted.withdraw(route);
                }
                assertThat(restarted.announced()).isEmpty();
            }
            assertThat(frr.show("show bgp ipv4 unicast json").path("routes").properties()).extracting(e -> e.getKey())
                    .containsExactly("203.0.113.99/32");
            assertThat(frr.show("show bgp ipv6 unicast json").path("routes").size()).isZero();
            assertThat(BgpPeering.flowSpecMatches(frr, "ipv4")).containsExactly("to 192.0.2.99/32|proto = 17|dstp = 53");
            assertThat(BgpPeering.flowSpecMatches(frr, "ipv6")).isEmpty();
        }
    }

    /**
     * gobgpd frozen (SIGSTOP): every call fails at the deadline, naming the address; thawed, the same speaker works.
     * gobgpd stopped: calls fail at once. gobgpd started again on the same port: the same speaker reaches it without
     * waiting for a reconnect backoff, finds nothing announced (gobgpd keeps no routes over a restart) and announces
     * again.
     */
    @Test
    void aHungOrStoppedGobgpdFailsWithinTheDeadlineAndARestartedOneServesAgain() throws Exception {
        BlackholeRoute route = BlackholeRoute.of("203.0.113.20/32", "192.0.2.1");
        try (BgpPeering peering = BgpPeering.start(tmp.resolve("outage"), "127.0.77.11", "127.0.77.12");
                GobgpSpeaker speaker = speaker(peering.gobgpd.apiPort())) {
            String where = "gobgpd at 127.0.0.1:" + peering.gobgpd.apiPort();
            speaker.announce(route);
            BgpPeering.waitFor(peering.frr, route.key(), f -> BgpPeering.present(f, route));

            peering.gobgpd.pause();
            for (Call call : List.<Call>of(() -> speaker.withdraw(route), speaker::announced,
                    () -> speaker.announce(FlowSpecRule.to("192.0.2.20/32").discard()))) {
                long start = System.nanoTime();
                assertThatThrownBy(call::run).isInstanceOf(SpeakerException.class)
                        .hasMessageStartingWith(where + " did not answer within 2000 ms: ");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.printf("GobgpSpeakerIT: gobgpd frozen: SpeakerException after %d ms (deadline %d ms)%n", millis,
                        DEADLINE.toMillis());
                assertThat(millis).isBetween(DEADLINE.toMillis() - 50, DEADLINE.toMillis() + 1000);
            }
            peering.gobgpd.resume();
            assertThat(speaker.announced()).containsExactly(route);

            peering.gobgpd.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> speaker.announce(FlowSpecRule.to("192.0.2.20/32").discard())).isInstanceOf(SpeakerException.class)
                    .hasMessageStartingWith(where + " is unreachable: announce flowspec dst 192.0.2.20/32 then discard failed:")
                    .hasMessageContaining("UNAVAILABLE");
            long refused = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("GobgpSpeakerIT: gobgpd stopped: SpeakerException after %d ms%n", refused);
            assertThat(refused).isLessThan(DEADLINE.toMillis());
            BgpPeering.waitFor(peering.frr, "FRR's session down", f -> !BgpPeering.present(f, route));

            try (Gobgpd again = peering.gobgpd.restart()) {
                assertThat(speaker.announced()).isEmpty();
                speaker.announce(route);
                assertThat(again.cli("global", "rib", "-a", "ipv4")).contains("203.0.113.20/32");
                long millis = BgpPeering.waitFor(peering.frr, route.key(), f -> BgpPeering.present(f, route));
                System.out.printf("GobgpSpeakerIT: gobgpd restarted: announce() returned -> in FRR after %d ms (incl. the session coming"
                        + " up)%n", millis);
                assertThat(speaker.announced()).containsExactly(route);
            }
        }
    }

    /**
     * gobgpd's API over TLS ({@code --tls}): the speaker trusting gobgpd's certificate announces and lists; a speaker in
     * plaintext, and one trusting another certificate, fail with the address in the message. (A longer deadline: the
     * JVM's first TLS handshake took 1.6 s on a loaded 2-core machine.)
     */
    @Test
    void talksTlsToGobgpdAndRefusesAnUntrustedCertificate() throws Exception {
        Path dir = tmp.resolve("tls");
        java.nio.file.Files.createDirectories(dir);
        Path certificate = selfSigned(dir, "gobgpd");
        Path other = selfSigned(dir, "other");
        List<Integer> ports = LoopbackPorts.tcp(2);
        Gobgpd.Api api = new Gobgpd.Api(ports.get(0), certificate, dir.resolve("gobgpd.key"));
        try (Gobgpd gobgpd = Gobgpd.start(dir, GOBGP_AS, "127.0.77.21", ports.get(1), List.of(), 0, api)) {
            GobgpSpeakerConfig config = config(api.port()).withDeadline(TLS_DEADLINE);
            BlackholeRoute route = BlackholeRoute.of("203.0.113.30/32", "192.0.2.1");
            try (GobgpSpeaker speaker = new GobgpSpeaker(config.withTls(certificate, Optional.empty()))) {
                assertThat(speaker.identify()).isEqualTo("AS 64512, router-id 127.0.77.21");
                speaker.announce(route);
                assertThat(speaker.announced()).containsExactly(route);
                assertThat(gobgpd.cli("global", "rib", "-a", "ipv4")).contains("203.0.113.30/32");
            }
            for (GobgpSpeakerConfig wrong : List.of(config, config.withTls(other, Optional.empty()))) {
                try (GobgpSpeaker speaker = new GobgpSpeaker(wrong)) {
                    long start = System.nanoTime();
                    assertThatThrownBy(speaker::announced).isInstanceOf(SpeakerException.class)
                            .hasMessageContaining("gobgpd at 127.0.0.1:" + api.port());
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TLS_DEADLINE.plusSeconds(1));
                }
            }
        }
    }

    /** FRR holds exactly the announced routes and the CLI's, with their next hops, communities, matches and actions. */
    private static void assertFrrHoldsWhatWasAnnounced(BgpPeering peering, FlowSpecRule discard4, FlowSpecRule limit4, FlowSpecRule limit6)
            throws Exception {
        FrrBgpd frr = peering.frr;
        Gobgpd gobgpd = peering.gobgpd;
        // What FRR holds: exactly these, with their next hops and communities (the marker large community among them).
        assertThat(frr.show("show bgp ipv4 unicast json").path("routes").properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("203.0.113.7/32", "203.0.113.99/32");
        JsonNode v4 = frr.show("show bgp ipv4 unicast 203.0.113.7/32 json").path("paths").get(0);
        assertThat(texts(v4.path("community").path("list"))).containsExactly("64512:100", "blackhole", "noExport");
        assertThat(texts(v4.path("largeCommunity").path("list"))).containsExactly("64512:7:8", "64512:666:1");
        assertThat(v4.path("nexthops").get(0).path("ip").asText()).isEqualTo("192.0.2.1");
        assertThat(v4.path("origin").asText()).isEqualTo("IGP");
        assertThat(v4.path("aspath").path("string").asText()).isEqualTo("64512");
        assertThat(frr.show("show bgp ipv6 unicast json").path("routes").properties()).extracting(e -> e.getKey())
                .containsExactly("2001:db8::7/128");
        JsonNode v6 = frr.show("show bgp ipv6 unicast 2001:db8::7/128 json").path("paths").get(0);
        assertThat(texts(v6.path("community").path("list"))).containsExactly("64512:100", "blackhole", "noExport");
        assertThat(texts(v6.path("largeCommunity").path("list"))).containsExactly("64512:666:1");
        assertThat(v6.path("nexthops").get(0).path("ip").asText()).isEqualTo("100::1");

        assertThat(BgpPeering.flowSpecMatches(frr, "ipv4")).containsExactlyInAnyOrder(
                "to 198.51.100.9/32|from 10.0.0.0/8|proto = 6|dstp >= 80 , <= 90 , = 443|srcp >= 1024 , <= 65535",
                "to 192.0.2.53/32|proto = 17|dstp = 53",
                "to 192.0.2.99/32|proto = 17|dstp = 53");
        assertThat(BgpPeering.flowSpecMatches(frr, "ipv6")).containsExactly("to 2001:db8::9/128/off 0|proto = 17|dstp = 123");
        assertThat(BgpPeering.flowSpecAction(frr, discard4)).isEqualTo("FS:rate 0.000000");
        assertThat(BgpPeering.flowSpecAction(frr, limit4)).isEqualTo("FS:rate 125000.000000");
        assertThat(BgpPeering.flowSpecAction(frr, limit6)).isEqualTo("FS:rate 1000.000000");
        System.out.println("GobgpSpeakerIT: FRR's show bgp ipv4 flowspec detail:\n" + frr.text("show bgp ipv4 flowspec detail"));
        System.out.println("GobgpSpeakerIT: FRR's show bgp ipv6 flowspec detail:\n" + frr.text("show bgp ipv6 flowspec detail"));
        // FRR shows no communities of FlowSpec routes: that they carry the marker, gobgpd's Adj-RIB-Out towards FRR shows.
        assertThat(adjOutLargeCommunities(gobgpd, peering.frrAddress, "ipv4-flowspec"))
                .containsEntry("[destination: 198.51.100.9/32]", List.of("64512:666:1"))
                .containsEntry("[destination: 192.0.2.53/32]", List.of("64512:666:1"))
                .containsEntry("[destination: 192.0.2.99/32]", List.of());
        assertThat(adjOutLargeCommunities(gobgpd, peering.frrAddress, "ipv6-flowspec"))
                .containsEntry("[destination: 2001:db8::9/128/0]", List.of("64512:666:1"));
    }

    private static GobgpSpeakerConfig config(int apiPort) {
        return GobgpSpeakerConfig.of("127.0.0.1", apiPort, MARKER).withDeadline(DEADLINE);
    }

    private static GobgpSpeaker speaker(int apiPort) throws SpeakerException {
        return new GobgpSpeaker(config(apiPort));
    }

    private static List<MitigationRoute> byKey(List<MitigationRoute> routes) {
        return routes.stream().sorted(Comparator.comparing(MitigationRoute::key)).toList();
    }

    /** The large communities of each FlowSpec route gobgpd sends to a neighbour, by the route's first component. */
    private static java.util.Map<String, List<String>> adjOutLargeCommunities(Gobgpd gobgpd, String neighbour, String family)
            throws Exception {
        JsonNode adjOut = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gobgpd.cli("-j", "neighbor", neighbour, "adj-out",
                "-a", family));
        java.util.Map<String, List<String>> large = new java.util.HashMap<>();
        adjOut.properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            for (JsonNode attr : e.getValue().get(0).path("attrs")) {
                if (attr.path("type").asInt() == 32) {
                    attr.path("value").forEach(c -> values.add(c.get("ASN").asLong() + ":" + c.get("LocalData1").asLong() + ":"
                            + c.get("LocalData2").asLong()));
                }
            }
            large.put(e.getKey().substring(0, e.getKey().indexOf(']') + 1), values);
        });
        return large;
    }

    private static List<String> texts(JsonNode list) {
        List<String> texts = new ArrayList<>();
        list.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    /** A self-signed certificate for 127.0.0.1 (and its key, NAME.key) made with openssl. */
    private static Path selfSigned(Path dir, String name) throws Exception {
        String openssl = org.bwnetflow.connect.flowctl.testing.Tools.require("openssl", "openssl");
        Path certificate = dir.resolve(name + ".pem");
        Process process = new ProcessBuilder(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", dir.resolve(name + ".key").toString(), "-out", certificate.toString(), "-days", "2",
                "-subj", "/CN=" + name,
                "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0).as("openssl: %s", output).isTrue();
        return certificate;
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }


}
