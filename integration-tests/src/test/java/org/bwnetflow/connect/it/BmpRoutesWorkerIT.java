package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.it.RoutedFlowExport.flow;
import static org.bwnetflow.connect.it.RoutedFlowExport.send;
import static org.bwnetflow.connect.model.FlowField.BGP_NEXT_HOP;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_AS_PATH;
import static org.bwnetflow.connect.model.FlowField.DST_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.DST_LARGE_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_AS_PATH;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;
import org.bwnetflow.connect.stack.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * BGP routing context end to end with real speakers: gobgpd (Debian) reports its tables over BMP
 * to the BMP source connector as shipped, running in the real worker; the RIB topic is compared
 * with what gobgpd itself lists; and flows a router exports are enriched by the Routes transform
 * from that topic, longest match first.
 */
@ExtendWith(LocalStack.class)
class BmpRoutesWorkerIT {

    /**
     * Where every gobgpd's BMP session comes from: the kernel picks 127.0.0.1 as the source towards
     * 127.0.0.1 whatever address the speaker's BGP uses, so each test has a BMP connector (and RIB topic) of its own.
     */
    private static final String ROUTER = "127.0.0.1";

    @TempDir
    Path tmp;

    /**
     * The BMP task restarted while its router keeps running, and a route withdrawn while no task
     * listened: the router reconnects and resends its table, the new task (which read back what the
     * topic holds) tombstones the route it no longer announces and nothing else.
     */
    @Test
    void aRestartedTaskLosesNothingAndTombstonesWhatWentMeanwhile() throws Exception {
        try (ShippedBmpConnector bmp = ShippedBmpConnector.start("bmp-restart", FreePorts.tcp(), "bgp-rib-restart-" + UUID.randomUUID());
                Gobgpd gobgpd = Gobgpd.start(tmp.resolve("restart"), 65_040, "127.0.0.91", FreePorts.tcp(), List.of(), bmp.port());
                RibTopic topic = new RibTopic(LocalStack.broker().clientConfig(), bmp.topic())) {
            for (int i = 0; i < 3; i++) {
                gobgpd.cli("global", "rib", "add", "198.51." + (100 + i) + ".0/24", "-a", "ipv4", "aspath", "6480" + i, "nexthop",
                        "192.0.2.91");
            }
            awaitCondition(() -> locRib(topic.read(), ROUTER).size() == 3, "the three routes");
            List<RouteKey> live = new ArrayList<>(topic.read().keySet());

            LocalStack.rest().deleteConnector(bmp.name()); // the task stops; gobgpd's session breaks
            gobgpd.cli("global", "rib", "del", "198.51.102.0/24", "-a", "ipv4");
            ShippedBmpConnector again = ShippedBmpConnector.start(bmp.name(), bmp.port(), bmp.topic());
            RouteKey gone = locRibKey(ROUTER, new byte[] {(byte) 198, 51, 102, 0}, 24);
            awaitCondition(() -> {
                topic.read();
                return topic.tombstones(gone) > 0;
            }, "a tombstone for the route withdrawn while no task listened");
            assertThat(locRib(topic.read(), ROUTER)).isEqualTo(GobgpRoute.of(gobgpd.globalRib("ipv4")));
            for (RouteKey key : live) {
                if (!key.equals(gone)) {
                    assertThat(topic.tombstones(key)).as("a route still announced: %s", key).isZero();
                }
            }
            again.close();
        }
    }

    /** Connect's validate endpoint names each bad key of the BMP source and of Routes, and why; secrets never come back. */
    @Test
    void theValidateEndpointNamesBadKeysAndWhy() {
        Map<String, String> bmp = ShippedConnector.read("bmp-source.json");
        bmp.put("bmp.allowed.routers", "");
        bmp.put("bmp.tables", "LOC_RIB,SOMEWHERE");
        bmp.put("bmp.max.message.bytes", "4096");
        Map<String, List<String>> errors = ValidationErrors.byKey(LocalStack.rest().validate(bmp.get("connector.class"), bmp));
        assertThat(errors.get("bmp.allowed.routers")).singleElement().asString().isNotBlank();
        assertThat(errors.get("bmp.tables")).singleElement().asString().contains("SOMEWHERE");
        assertThat(errors.get("bmp.max.message.bytes")).singleElement().asString().contains("65583");

        Map<String, String> flows = RoutedFlowExport.netflowWithRoutes(FreePorts.udp(), "flows-validate", "bgp-rib", "127.0.0.5=nowhere");
        flows.put("transforms.routes.routes.bootstrap.servers", "broker-without-port");
        flows.put("transforms.routes.routes.tables", "LOC_RIB,SOMEWHERE");
        flows.put("transforms.routes.routes.default.router", "300.1.2.3");
        flows.put("transforms.routes.routes.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"flows\" password=\"route-secret-7\";");
        JsonNode validation = LocalStack.rest().validate(flows.get("connector.class"), flows);
        errors = ValidationErrors.byKey(validation);
        assertThat(errors.get("transforms.routes.routes.bootstrap.servers")).singleElement().asString().contains("host:port");
        assertThat(errors.get("transforms.routes.routes.tables")).singleElement().asString().contains("SOMEWHERE");
        assertThat(errors.get("transforms.routes.routes.router.map")).singleElement().asString().contains("nowhere");
        assertThat(errors.get("transforms.routes.routes.default.router")).singleElement().asString().contains("300.1.2.3");
        assertThat(validation.toString()).as("the JAAS secret is never echoed").doesNotContain("route-secret-7");
    }

    /** Without any BMP router (no RIB topic), the shipped chain must not hold flows back: they pass, not enriched. */
    @Test
    void withoutARibTopicFlowsPassAtOnce() throws Exception {
        int port = FreePorts.udp();
        String flowTopic = "flows-no-rib-" + UUID.randomUUID();
        String connector = "routes-no-rib-" + port;
        long created = System.currentTimeMillis();
        LocalStack.rest().createOrReplaceConnector(connector,
                RoutedFlowExport.netflowWithRoutes(port, flowTopic, "bgp-rib-never-" + UUID.randomUUID(), ""));
        LocalStack.rest().awaitRunning(connector, LocalStack.timeout());
        try (DatagramSocket exporter = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), flowTopic)) {
            FlowExportEncoder encoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 9, created - 60_000);
            List<Struct> read = List.of();
            while (read.isEmpty() && System.currentTimeMillis() - created < 30_000) {
                send(exporter, port, encoder, true, List.of(flow("10.0.0.1", "198.18.7.9")));
                read = flows.awaitFlows(1, Duration.ofMillis(500));
            }
            assertThat(read).as("a flow within 30 s (the load timeout is 120 s)").isNotEmpty();
            assertThat(Flows.number(read.get(0), DST_AS)).isZero();
        }
        LocalStack.rest().deleteConnector(connector);
    }

    /** A full-table-like load from an MRT file: the topic's Loc-RIB of the router equals gobgpd's RIB, prefix by prefix. */
    @Test
    void theRibTopicHoldsWhatGobgpdsRibHoldsPrefixByPrefix() throws Exception {
        String router = ROUTER;
        List<MrtTableDump.Entry> entries = new ArrayList<>();
        // 24,000 routes in CI; -Dbmp.ipv4.routes=1000000 -Dbmp.ipv6.routes=200000 for a full table by hand
        int ipv4Routes = Integer.getInteger("bmp.ipv4.routes", 20_000);
        int ipv6Routes = Integer.getInteger("bmp.ipv6.routes", 4_000);
        for (int i = 0; i < ipv4Routes; i++) {
            int address = (20 << 24) + (i << 8);
            entries.add(new MrtTableDump.Entry(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), 0},
                    24,
                    new long[] {64_600 + i % 7, 4_200_000_000L + i % 1000, 65_000 + i % 500}, new long[] {65_000L << 16 | i % 3},
                    new byte[] {(byte) 192, 0, 2, (byte) (1 + i % 4)}));
        }
        for (int i = 0; i < ipv6Routes; i++) {
            byte[] prefix = new byte[16];
            prefix[0] = 0x2a;
            prefix[1] = 0x0e;
            prefix[3] = (byte) (i >> 16);
            prefix[4] = (byte) (i >> 8);
            prefix[5] = (byte) i;
            byte[] nextHop = new byte[16];
            nextHop[0] = 0x20;
            nextHop[1] = 0x01;
            nextHop[2] = 0x0d;
            nextHop[3] = (byte) 0xb8;
            nextHop[15] = 1;
            entries.add(new MrtTableDump.Entry(prefix, 48, new long[] {64_700 + i % 5, 65_100 + i % 300}, new long[0], nextHop));
        }
        try (ShippedBmpConnector bmp = ShippedBmpConnector.start("bmp-full");
                Gobgpd gobgpd = Gobgpd.start(tmp.resolve("full"), 65_000, "127.0.0.31", FreePorts.tcp(), List.of(), bmp.port());
                RibTopic topic = new RibTopic(LocalStack.broker().clientConfig(), bmp.topic())) {
            Path mrt = tmp.resolve("full.mrt");
            MrtTableDump.write(mrt, new byte[] {127, 0, 0, 9}, 64_999, entries);
            long injected = System.currentTimeMillis();
            gobgpd.injectMrt(mrt, entries.size());
            gobgpd.cli("global", "rib", "add", "198.51.100.0/24", "-a", "ipv4", "aspath", "65001,4200000001", "community",
                    "65000:100,65000:200", "large-community", "4200000000:1:2", "nexthop", "192.0.2.9");
            Map<String, GobgpRoute> expected = GobgpRoute.of(gobgpd.globalRib("ipv4"));
            expected.putAll(GobgpRoute.of(gobgpd.globalRib("ipv6")));
            assertThat(expected).hasSize(entries.size() + 1);

            Map<String, GobgpRoute> inTopic = awaitLocRib(topic, router, expected.size());
            System.out.printf("BmpRoutesWorkerIT: %d routes from MRT injection to the RIB topic in %d ms%n", inTopic.size(),
                    System.currentTimeMillis() - injected);
            assertThat(inTopic.keySet()).isEqualTo(expected.keySet());
            for (Map.Entry<String, GobgpRoute> e : expected.entrySet()) {
                assertThat(inTopic.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }

            gobgpd.cli("global", "rib", "del", "198.51.100.0/24", "-a", "ipv4");
            RouteKey withdrawn = locRibKey(router, new byte[] {(byte) 198, 51, 100, 0}, 24);
            awaitCondition(() -> {
                topic.read();
                return topic.tombstones(withdrawn) > 0;
            }, "a tombstone for the withdrawn 198.51.100.0/24");
            assertThat(topic.read()).doesNotContainKey(withdrawn);
        }
    }

    /** A BGP neighbour that goes down takes its routes with it: every one of its keys gets a tombstone. */
    @Test
    void aPeerThatGoesDownLeavesNoRouteBehind() throws Exception {
        String router = ROUTER;
        String neighbour = "127.0.0.42";
        int routerPort = FreePorts.tcp();
        int neighbourPort = FreePorts.tcp();
        try (ShippedBmpConnector bmp = ShippedBmpConnector.start("bmp-peer");
                Gobgpd monitored = Gobgpd.start(tmp.resolve("monitored"), 65_010, "127.0.0.41", routerPort,
                        List.of(new Gobgpd.Neighbour(neighbour, 65_011, neighbourPort)), bmp.port());
                Gobgpd peer = Gobgpd.start(tmp.resolve("neighbour"), 65_011, neighbour, neighbourPort,
                        List.of(new Gobgpd.Neighbour("127.0.0.41", 65_010, routerPort)), 0);
                RibTopic topic = new RibTopic(LocalStack.broker().clientConfig(), bmp.topic())) {
            for (int i = 0; i < 3; i++) {
                peer.cli("global", "rib", "add", "203.0." + (113 + i % 1) + "." + (i * 64) + "/26", "-a", "ipv4", "aspath",
                        "64512", "nexthop", "192.0.2.42");
            }
            peer.cli("global", "rib", "add", "2001:db8:42::/48", "-a", "ipv6", "aspath", "64513", "nexthop", "2001:db8::42");
            awaitCondition(() -> peerRoutes(topic.read(), router, neighbour).size() >= 4 * 2,
                    "the neighbour's 4 routes before and after policy");
            List<RouteKey> keys = peerRoutes(topic.read(), router, neighbour);
            assertThat(keys).extracting(RouteKey::table).contains(RibTable.ADJ_RIB_IN_PRE_POLICY, RibTable.ADJ_RIB_IN_POST_POLICY);
            assertThat(topic.read().get(keys.get(0)).asPath().get(0).asns()).as("eBGP: the neighbour's AS first")
                    .startsWith(65_011);

            peer.stop();
            awaitCondition(() -> peerRoutes(topic.read(), router, neighbour).isEmpty(), "no route of the neighbour after Peer Down");
            for (RouteKey key : keys) {
                assertThat(topic.tombstones(key)).as(key.toString()).isPositive();
            }
        }
    }

    /**
     * Flows exported by a router are enriched from that router's table: a /24 inside a /16 with
     * another path enriches the flows to it, the /16 the others; a route announced while flows
     * run enriches the next flows (the time from the announcement to the first enriched flow is printed).
     */
    @Test
    void flowsAreEnrichedByTheLongestMatchInTheirRoutersTable() throws Exception {
        String exporterAddress = "127.0.0.51";
        try (ShippedBmpConnector bmp = ShippedBmpConnector.start("bmp-enrich");
                Gobgpd gobgpd = Gobgpd.start(tmp.resolve("enrich"), 65_020, exporterAddress, FreePorts.tcp(), List.of(), bmp.port())) {
            gobgpd.cli("global", "rib", "add", "198.18.0.0/16", "-a", "ipv4", "aspath", "64601,64610", "community", "65020:1",
                    "nexthop", "192.0.2.51");
            gobgpd.cli("global", "rib", "add", "198.18.7.0/24", "-a", "ipv4", "aspath", "64602,64620,64630", "community",
                    "65020:2", "large-community", "65020:3:4", "nexthop", "192.0.2.52");
            gobgpd.cli("global", "rib", "add", "2001:db8:51::/48", "-a", "ipv6", "aspath", "64603,64640", "nexthop", "2001:db8::51");
            try (RibTopic topic = new RibTopic(LocalStack.broker().clientConfig(), bmp.topic())) {
                awaitCondition(() -> locRib(topic.read(), ROUTER).size() == 3, "the three routes in the topic");
            }
            int port = FreePorts.udp();
            String flowTopic = "flows-routes-" + UUID.randomUUID();
            String connector = "routes-" + port;
            // the router exports flows from 127.0.0.51, its BMP session comes from 127.0.0.1: the router map joins them
            LocalStack.rest().createOrReplaceConnector(connector,
                    RoutedFlowExport.netflowWithRoutes(port, flowTopic, bmp.topic(), exporterAddress + "=" + ROUTER));
            LocalStack.rest().awaitRunning(connector, LocalStack.timeout());
            try (DatagramSocket exporter = new DatagramSocket(0, InetAddress.getByName(exporterAddress));
                    FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), flowTopic)) {
                FlowExportEncoder encoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 7,
                        System.currentTimeMillis() - 60_000);
                send(exporter, port, encoder, true, List.of(flow("198.18.7.9", "10.0.0.1"), flow("10.0.0.1", "198.18.7.9"),
                        flow("10.0.0.1", "198.18.200.1"), flow("2001:db8:99::1", "2001:db8:51::1"), flow("10.0.0.1", "192.0.2.200")));
                Map<String, Struct> byDst = new HashMap<>();
                for (Struct flow : flows.awaitFlows(5, LocalStack.timeout())) {
                    byDst.put(InetAddress.getByAddress(Flows.bytes(flow, DST_ADDR)).getHostAddress() + "<-"
                            + InetAddress.getByAddress(Flows.bytes(flow, SRC_ADDR)).getHostAddress(), flow);
                }
                Struct toMoreSpecific = byDst.get("198.18.7.9<-10.0.0.1");
                assertThat(Flows.number(toMoreSpecific, DST_AS)).isEqualTo(64_630);
                assertThat(Flows.number(toMoreSpecific, NEXT_HOP_AS)).isEqualTo(64_602);
                assertThat(list(toMoreSpecific, DST_AS_PATH)).containsExactly(64_602L, 64_620L, 64_630L);
                assertThat(list(toMoreSpecific, DST_COMMUNITIES)).containsExactly(65_020L << 16 | 2);
                assertThat(list(toMoreSpecific, DST_LARGE_COMMUNITIES)).containsExactly(65_020L, 3L, 4L);
                assertThat(InetAddress.getByAddress(Flows.bytes(toMoreSpecific, BGP_NEXT_HOP)).getHostAddress()).isEqualTo("192.0.2.52");
                Struct toLessSpecific = byDst.get("198.18.200.1<-10.0.0.1");
                assertThat(Flows.number(toLessSpecific, DST_AS)).isEqualTo(64_610);
                assertThat(list(toLessSpecific, DST_AS_PATH)).containsExactly(64_601L, 64_610L);
                Struct fromMoreSpecific = byDst.get("10.0.0.1<-198.18.7.9");
                assertThat(Flows.number(fromMoreSpecific, SRC_AS)).isEqualTo(64_630);
                assertThat(list(fromMoreSpecific, SRC_AS_PATH)).containsExactly(64_602L, 64_620L, 64_630L);
                assertThat(Flows.number(byDst.get("2001:db8:51:0:0:0:0:1<-2001:db8:99:0:0:0:0:1"), DST_AS)).isEqualTo(64_640);
                Struct unrouted = byDst.get("192.0.2.200<-10.0.0.1");
                assertThat(Flows.number(unrouted, DST_AS)).isZero();
                assertThat(list(unrouted, DST_AS_PATH)).isEmpty();

                long announced = System.currentTimeMillis();
                gobgpd.cli("global", "rib", "add", "198.18.9.0/24", "-a", "ipv4", "aspath", "64609,64699", "nexthop", "192.0.2.59");
                long enrichedAt = 0;
                int sent = 5;
                while (enrichedAt == 0 && System.currentTimeMillis() - announced < 30_000) {
                    send(exporter, port, encoder, false, List.of(flow("10.0.0.1", "198.18.9.9")));
                    sent++;
                    for (Struct flow : flows.awaitFlows(sent, Duration.ofMillis(50))) {
                        if (Flows.number(flow, DST_AS) == 64_699) {
                            enrichedAt = System.currentTimeMillis();
                            break;
                        }
                    }
                }
                assertThat(enrichedAt).as("a flow enriched with the new route within 30 s").isPositive();
                System.out.printf("BmpRoutesWorkerIT: UPDATE to the first enriched flow: %d ms%n", enrichedAt - announced);

                Map<String, Double> metrics = WorkerJmx.read(LocalStack.worker().pid(),
                        "kafka.connect:type=plugins,connector=" + connector + ",*");
                assertThat(metric(metrics, "lookups")).isGreaterThanOrEqualTo(10);
                assertThat(metric(metrics, "misses")).as("10.0.0.1 and 192.0.2.200 have no route").isGreaterThanOrEqualTo(2);
                assertThat(metrics).as("the table size of router 127.0.0.1").anySatisfy((name, value) -> {
                    assertThat(name).contains("router=127.0.0.1").endsWith(":router-routes");
                    assertThat(value).isEqualTo(4);
                });
            }
            LocalStack.rest().deleteConnector(connector);
        }
    }

    /**
     * A second, independent implementation: FRR's bgpd with its BMP module, fed by a gobgpd
     * neighbour, its inbound policy setting LOCAL_PREF and adding a community and a large community.
     * The routes before and after policy in the topic equal what vtysh shows of them.
     */
    @Test
    void frrsRoutesBeforeAndAfterPolicyEqualWhatVtyshShows() throws Exception {
        String frrAddress = "127.0.0.61";
        String neighbour = "127.0.0.62";
        int frrPort = FreePorts.tcp();
        int neighbourPort = FreePorts.tcp();
        try (ShippedBmpConnector bmp = ShippedBmpConnector.start("bmp-frr");
                FrrBgpd frr = FrrBgpd.start(tmp.resolve("frr"), frrConfig(frrAddress, neighbour, neighbourPort, bmp.port()),
                        frrAddress, frrPort);
                Gobgpd peer = Gobgpd.start(tmp.resolve("frr-neighbour"), 65_001, neighbour, neighbourPort,
                        List.of(new Gobgpd.Neighbour(frrAddress, 65_100, frrPort)), 0);
                RibTopic topic = new RibTopic(LocalStack.broker().clientConfig(), bmp.topic())) {
            peer.cli("global", "rib", "add", "198.51.100.0/24", "-a", "ipv4", "aspath", "64512,4200000001", "community", "65001:300",
                    "large-community", "65001:7:8", "nexthop", "192.0.2.62");
            peer.cli("global", "rib", "add", "2001:db8:62::/48", "-a", "ipv6", "aspath", "64513", "community", "65001:301",
                    "nexthop", "2001:db8::62");
            awaitCondition(() -> peerRoutes(topic.read(), ROUTER, neighbour).size() >= 4, "both routes before and after policy");
            Map<RouteKey, Route> routes = topic.read();
            for (String prefix : List.of("198.51.100.0/24", "2001:db8:62::/48")) {
                String family = prefix.contains(":") ? "ipv6" : "ipv4";
                JsonNode shown = frr.show("show bgp " + family + " unicast " + prefix + " json").get("paths").get(0);
                Route post = route(routes, RibTable.ADJ_RIB_IN_POST_POLICY, neighbour, prefix);
                assertThat(GobgpRoute.of(post).asPath()).as(prefix).isEqualTo(Vtysh.segments(shown.get("aspath")));
                assertThat(GobgpRoute.of(post).communities()).as(prefix).isEqualTo(Vtysh.communities(shown.path("community")));
                assertThat(GobgpRoute.of(post).largeCommunities()).as(prefix)
                        .isEqualTo(Vtysh.largeCommunities(shown.path("largeCommunity")));
                assertThat(GobgpRoute.of(post).nextHop()).isEqualTo(shown.get("nexthops").get(0).get("ip").asText());
                // FRR writes BMP updates with its outbound (eBGP) attribute writer, which leaves LOCAL_PREF out: what the
                // policy set is in the communities above; LOCAL_PREF, if a later FRR reports it, must be the one vtysh shows
                assertThat(shown.get("locPrf").asLong()).isEqualTo(250);
                assertThat(post.localPref()).isIn(-1L, shown.get("locPrf").asLong());

                JsonNode received = frr.show("show bgp " + family + " unicast neighbors " + neighbour + " received-routes json")
                        .get("receivedRoutes").get(prefix);
                Route pre = route(routes, RibTable.ADJ_RIB_IN_PRE_POLICY, neighbour, prefix);
                assertThat(String.join(" ", GobgpRoute.of(pre).asPath()).replaceAll("\\d:\\[|\\]|,", ""))
                        .isEqualTo(received.get("path").asText());
                // IPv6 routes name their global next hop so (a link-local one may follow)
                String receivedNextHop = received.has("nextHop") ? received.get("nextHop").asText()
                        : received.path("nextHopGlobal").asText();
                assertThat(GobgpRoute.of(pre).nextHop()).as(received.toString()).isEqualTo(receivedNextHop);
                assertThat(pre.localPref()).as("eBGP: no LOCAL_PREF before policy").isEqualTo(-1);
                List<Long> added = List.of(65_100L << 16 | 1);
                assertThat(GobgpRoute.of(pre).communities()).as("before policy: without what the policy added")
                        .isEqualTo(GobgpRoute.of(post).communities().stream().filter(c -> !added.contains(c)).toList());
                assertThat(GobgpRoute.of(pre).largeCommunities()).isEqualTo(GobgpRoute.of(post).largeCommunities()
                        .subList(0, GobgpRoute.of(post).largeCommunities().size() - 3));
            }
            long locRib = routes.keySet().stream().filter(k -> k.table() == RibTable.LOC_RIB).count();
            System.out.printf("BmpRoutesWorkerIT: FRR reported %d Loc-RIB routes%n", locRib);
        }
    }

    /**
     * Hostile sessions from many addresses: garbage, a wrong version, a length beyond the bound,
     * then more connections than allowed each holding an almost complete maximal message. Each bad
     * session is closed and counted, the extra connections are refused, the worker's heap grows by
     * no more than the bound (connections x message size), the task stays RUNNING and a real router
     * is served afterwards.
     */
    @Test
    void hostileSessionsFromManyAddressesAreClosedWithinTheBoundAndTheTaskRuns() throws Exception {
        int maxConnections = 64;
        int maxMessage = 1 << 18; // the shipped bmp.max.message.bytes
        try (ShippedBmpConnector bmp = ShippedBmpConnector.start("bmp-hostile")) {
            long heapBefore = WorkerJmx.heapUsedAfterGc(LocalStack.worker().pid());
            byte[][] garbage = {
                "GET / HTTP/1.1\r\nHost: bmp\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                {2, 0, 0, 0, 6, 4}, // BMP version 2
                {3, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0}, // a message of 2 GiB
                {3, 0, 0, 0, 5, 4}, // shorter than its own header
            };
            for (int i = 0; i < 100; i++) {
                try (java.net.Socket attacker = new java.net.Socket(InetAddress.getLoopbackAddress(), bmp.port(),
                        InetAddress.getByName("127.0.3." + (1 + i)), 0)) {
                    attacker.setSoTimeout(10_000);
                    attacker.getOutputStream().write(garbage[i % garbage.length]);
                    assertThat(attacker.getInputStream().read()).as("session %d closed", i).isEqualTo(-1);
                }
            }
            List<java.net.Socket> hoarders = new ArrayList<>();
            try {
                byte[] header = {3, (byte) (maxMessage >>> 24), (byte) (maxMessage >>> 16), (byte) (maxMessage >>> 8),
                    (byte) maxMessage, 4};
                byte[] body = new byte[maxMessage - header.length - 1];
                for (int i = 0; i < maxConnections + 16; i++) {
                    java.net.Socket hoarder = new java.net.Socket(InetAddress.getLoopbackAddress(), bmp.port(),
                            InetAddress.getByName("127.0.4." + (1 + i)), 0);
                    hoarders.add(hoarder);
                    try {
                        hoarder.getOutputStream().write(header);
                        hoarder.getOutputStream().write(body);
                    } catch (java.io.IOException refused) {
                        // closed by the station: beyond the connection limit
                    }
                }
                Thread.sleep(Long.getLong("hoard.ms", 2_000));
                long heapHoarded = WorkerJmx.heapUsedAfterGc(LocalStack.worker().pid());
                long bound = (long) maxConnections * maxMessage;
                System.out.printf("BmpRoutesWorkerIT: %d hoarding sessions: heap %d -> %d MiB (bound %d MiB)%n", hoarders.size(),
                        heapBefore >> 20, heapHoarded >> 20, bound >> 20);
                assertThat(heapHoarded - heapBefore).as("heap growth").isLessThan(bound + (bound >> 1));
                Map<String, Double> metrics = WorkerJmx.read(LocalStack.worker().pid(),
                        "kafka.connect:type=plugins,connector=" + bmp.name() + ",*");
                assertThat(metric(metrics, "sessions-closed-malformed")).isGreaterThanOrEqualTo(100);
                assertThat(metric(metrics, "connections-refused-limit")).isGreaterThanOrEqualTo(16);
                assertThat(metric(metrics, "connections-open")).isLessThanOrEqualTo(maxConnections);
                assertThat(LocalStack.rest().connectorStatus(bmp.name()).isRunning()).isTrue();
            } finally {
                for (java.net.Socket hoarder : hoarders) {
                    hoarder.close();
                }
            }
            try (Gobgpd gobgpd = Gobgpd.start(tmp.resolve("after-attack"), 65_030, "127.0.0.81", FreePorts.tcp(), List.of(),
                    bmp.port()); RibTopic topic = new RibTopic(LocalStack.broker().clientConfig(), bmp.topic())) {
                gobgpd.cli("global", "rib", "add", "203.0.113.0/24", "-a", "ipv4", "aspath", "64700", "nexthop", "192.0.2.81");
                awaitCondition(() -> locRib(topic.read(), ROUTER).containsKey("203.0.113.0/24"),
                        "a real router served after the attack");
            }
        }
    }

    private static double metric(Map<String, Double> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().endsWith(":" + name)).mapToDouble(Map.Entry::getValue).sum();
    }

    private static String frrConfig(String address, String neighbour, int neighbourPort, int bmpPort) {
        return String.join("\n",
                "frr defaults traditional",
                "hostname frr-it",
                "route-map FROM-NEIGHBOUR permit 10",
                " set local-preference 250",
                " set community 65100:1 additive",
                " set large-community 65100:2:3 additive",
                "exit",
                "router bgp 65100",
                " bgp router-id " + address,
                " no bgp ebgp-requires-policy",
                " neighbor " + neighbour + " remote-as 65001",
                " neighbor " + neighbour + " port " + neighbourPort,
                " address-family ipv4 unicast",
                "  neighbor " + neighbour + " soft-reconfiguration inbound",
                "  neighbor " + neighbour + " route-map FROM-NEIGHBOUR in",
                " exit-address-family",
                " address-family ipv6 unicast",
                "  neighbor " + neighbour + " activate",
                "  neighbor " + neighbour + " soft-reconfiguration inbound",
                "  neighbor " + neighbour + " route-map FROM-NEIGHBOUR in",
                " exit-address-family",
                " bmp targets collector",
                "  bmp connect 127.0.0.1 port " + bmpPort + " min-retry 100 max-retry 1000",
                "  bmp monitor ipv4 unicast pre-policy",
                "  bmp monitor ipv4 unicast post-policy",
                "  bmp monitor ipv6 unicast pre-policy",
                "  bmp monitor ipv6 unicast post-policy",
                " exit",
                "");
    }

    private static Route route(Map<RouteKey, Route> routes, RibTable table, String peer, String prefix) throws Exception {
        byte[] peerAddress = InetAddress.getByName(peer).getAddress();
        return routes.entrySet().stream()
                .filter(e -> e.getKey().table() == table && Arrays.equals(e.getKey().peerAddress(), peerAddress)
                        && GobgpRoute.prefixText(e.getKey().prefix(), e.getKey().prefixLength()).equals(prefix))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no " + table + " route " + prefix + " of " + peer + " in the topic"));
    }

    @SuppressWarnings("unchecked")
    private static List<Long> list(Struct flow, org.bwnetflow.connect.model.FlowField field) {
        return (List<Long>) flow.get(FlowMessageSchema.field(field));
    }

    private static RouteKey locRibKey(String router, byte[] prefix, int length) throws Exception {
        return new RouteKey(InetAddress.getByName(router).getAddress(), RibTable.LOC_RIB, new byte[0], 0, prefix, length, 0);
    }

    private static Map<String, GobgpRoute> locRib(Map<RouteKey, Route> routes, String router) throws Exception {
        byte[] address = InetAddress.getByName(router).getAddress();
        Map<String, GobgpRoute> table = new HashMap<>();
        routes.forEach((key, route) -> {
            if (key.table() == RibTable.LOC_RIB && Arrays.equals(key.router(), address)) {
                table.put(GobgpRoute.prefixText(key.prefix(), key.prefixLength()), GobgpRoute.of(route));
            }
        });
        return table;
    }

    private static List<RouteKey> peerRoutes(Map<RouteKey, Route> routes, String router, String peer) throws Exception {
        byte[] routerAddress = InetAddress.getByName(router).getAddress();
        byte[] peerAddress = InetAddress.getByName(peer).getAddress();
        return routes.keySet().stream().filter(k -> Arrays.equals(k.router(), routerAddress) && Arrays.equals(k.peerAddress(),
                peerAddress)).toList();
    }

    private static Map<String, GobgpRoute> awaitLocRib(RibTopic topic, String router, int size) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000 + size / 2;
        Map<String, GobgpRoute> table = locRib(topic.read(), router);
        while (table.size() < size && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            table = locRib(topic.read(), router);
        }
        return table;
    }

    private static void awaitCondition(ThrowingCondition condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("within 60 s: " + what);
            }
            Thread.sleep(200);
        }
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
