package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bwnetflow.connect.bgp.speaker.BlackholeRoute;
import org.bwnetflow.connect.bgp.speaker.FlowSpecRule;
import org.bwnetflow.connect.bgp.speaker.MitigationRoute;

/**
 * gobgpd and FRR's bgpd on two loopback addresses, in an eBGP session of IPv4/IPv6 unicast and FlowSpec: the
 * mitigation speaker's gobgpd and a router that receives its routes. With what tests ask FRR ({@code vtysh ... json}).
 */
final class BgpPeering implements AutoCloseable {

    static final long GOBGP_AS = 64_512;
    static final long FRR_AS = 64_513;
    static final List<String> FAMILIES = List.of("ipv4-unicast", "ipv6-unicast", "ipv4-flowspec", "ipv6-flowspec");

    final Gobgpd gobgpd;
    final FrrBgpd frr;
    final String frrAddress;

    private BgpPeering(Gobgpd gobgpd, FrrBgpd frr, String frrAddress) {
        this.gobgpd = gobgpd;
        this.frr = frr;
        this.frrAddress = frrAddress;
    }

    static BgpPeering start(Path dir, String gobgpAddress, String frrAddress) throws Exception {
        List<Integer> ports = LoopbackPorts.tcp(3);
        int gobgpPort = ports.get(0);
        int frrPort = ports.get(1);
        FrrBgpd frr = FrrBgpd.start(dir.resolve("frr"), frrConfig(frrAddress, gobgpAddress, gobgpPort), frrAddress, frrPort);
        Gobgpd gobgpd;
        try {
            gobgpd = Gobgpd.start(dir.resolve("gobgpd"), GOBGP_AS, gobgpAddress, gobgpPort,
                    List.of(new Gobgpd.Neighbour(frrAddress, FRR_AS, frrPort, FAMILIES)), 0, Gobgpd.Api.plain(ports.get(2)));
        } catch (Exception | AssertionError e) {
            frr.close();
            throw e;
        }
        BgpPeering peering = new BgpPeering(gobgpd, frr, frrAddress);
        try {
            waitFor(frr, "the session with gobgpd in all four families", f -> established(f, gobgpAddress));
        } catch (Exception | AssertionError e) {
            peering.close();
            throw e;
        }
        return peering;
    }

    private static boolean established(FrrBgpd frr, String neighbour) {
        try {
            JsonNode summary = frr.show("show bgp summary json");
            for (String family : List.of("ipv4Unicast", "ipv6Unicast", "ipv4Flowspec", "ipv6Flowspec")) {
                if (!"Established".equals(summary.path(family).path("peers").path(neighbour).path("state").asText())) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String frrConfig(String address, String neighbour, int neighbourPort) {
        List<String> lines = new ArrayList<>(List.of(
                "frr defaults traditional",
                "hostname frr-speaker-it",
                "router bgp " + FRR_AS,
                " bgp router-id " + address,
                " no bgp ebgp-requires-policy",
                " neighbor " + neighbour + " remote-as " + GOBGP_AS,
                " neighbor " + neighbour + " port " + neighbourPort,
                " neighbor " + neighbour + " update-source " + address,
                " neighbor " + neighbour + " timers connect 1"));
        for (String family : List.of("ipv4 unicast", "ipv6 unicast", "ipv4 flowspec", "ipv6 flowspec")) {
            lines.add(" address-family " + family);
            lines.add("  neighbor " + neighbour + " activate");
            lines.add(" exit-address-family");
        }
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public void close() throws Exception {
        try {
            gobgpd.close();
        } finally {
            frr.close();
        }
    }

    /** Whether FRR holds a path for the route's prefix (blackhole) or destination (FlowSpec). */
    static boolean present(FrrBgpd frr, MitigationRoute route) {
        String afi = route.isIpv6() ? "ipv6" : "ipv4";
        String safi = route instanceof BlackholeRoute ? "unicast" : "flowspec";
        try {
            return frr.show("show bgp " + afi + " " + safi + " " + route.destination() + " json").path("paths").size() > 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The traffic-rate FRR shows for a FlowSpec rule's destination ("FS:rate 125000.000000"), or null. */
    static String flowSpecAction(FrrBgpd frr, FlowSpecRule rule) {
        try {
            for (JsonNode part : frr.show("show bgp " + (rule.isIpv6() ? "ipv6" : "ipv4") + " flowspec " + rule.destination() + " json")
                    .path("paths")) {
                if (part.has("ecomlist")) {
                    return part.path("ecomlist").asText();
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** FRR's FlowSpec routes of a family as "to X|from Y|proto = 6|dstp ...|srcp ..." (the parts it shows). */
    static Set<String> flowSpecMatches(FrrBgpd frr, String afi) throws Exception {
        Set<String> matches = new HashSet<>();
        frr.show("show bgp " + afi + " flowspec json").path("routes").properties().forEach(e -> {
            JsonNode path = e.getValue().get(0);
            List<String> parts = new ArrayList<>();
            for (String field : List.of("to", "from", "proto", "dstp", "srcp")) {
                if (path.has(field)) {
                    parts.add(field + " " + path.get(field).asText().trim());
                }
            }
            matches.add(String.join("|", parts));
        });
        return matches;
    }

    /** Polls FRR every 50 ms until the condition holds; the milliseconds it took. */
    static long waitFor(FrrBgpd frr, String what, Predicate<FrrBgpd> condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        while (!condition.test(frr)) {
            assertThat(System.nanoTime()).as("FRR did not show %s within 60 s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

}
