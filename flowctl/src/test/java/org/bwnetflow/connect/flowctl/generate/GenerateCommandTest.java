package org.bwnetflow.connect.flowctl.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.StateListener;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.junit.jupiter.api.Test;

/** What the generator says it sent is what our decoder reads from its datagrams. */
class GenerateCommandTest {

    @Test
    void totalsMatchWhatTheDecoderReadsPerExporter() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setReceiveBufferSize(8 << 20);
            collector.setSoTimeout(2000);
            NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), StateListener.NONE);
            Map<String, long[]> seen = new HashMap<>();
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> receive(collector, decoder,
                    (exporter, flow) -> {
                        long[] t = seen.computeIfAbsent(exporter, k -> new long[3]);
                        t[0]++;
                        t[1] += flow.bytes();
                        t[2] += flow.packets();
                    }));

            FlowCtlRun run = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + collector.getLocalPort(),
                    "--rate", "20000", "--count", "3000", "--exporters", "3", "--seed", "7");
            receiving.get();

            assertThat(run.exitCode).as(run.err).isZero();
            JsonNode totals = run.lastJson();
            assertThat(totals.get("flows").asLong()).isEqualTo(3000);
            assertThat(decoder.counters().flows()).isEqualTo(3000);
            assertThat(decoder.counters().templateMisses()).isZero();
            for (JsonNode exporter : totals.get("exporters")) {
                long[] got = seen.get(exporter.get("exporter").asText());
                assertThat(got).as(exporter.toString()).isNotNull();
                assertThat(got[0]).isEqualTo(exporter.get("flows").asLong());
                assertThat(got[1]).isEqualTo(exporter.get("bytes").asLong());
                assertThat(got[2]).isEqualTo(exporter.get("packets").asLong());
            }
            assertThat(seen).containsOnlyKeys("127.0.0.10", "127.0.0.11", "127.0.0.12");
        }
    }

    /**
     * --clock-offset gives one exporter a wrong clock, as a router without NTP: the flow times our
     * decoder reads from its datagrams lie that far from when they arrived (a year ahead, or in
     * 1970), the other exporters' within the generator's few seconds; the totals say who was off.
     */
    @Test
    void aClockOffsetShiftsOneExportersFlowTimes() throws Exception {
        long year = 365L * 86_400;
        long to1970 = -(System.currentTimeMillis() / 1000 - 7_200); // two hours after the epoch
        for (String protocol : new String[] {"NETFLOW_V9", "IPFIX"}) {
            try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                collector.setReceiveBufferSize(8 << 20);
                collector.setSoTimeout(2000);
                NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), StateListener.NONE);
                Map<String, long[]> skew = new HashMap<>(); // exporter -> min, max of flow end minus receive time (s)
                CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> receive(collector, decoder,
                        (exporter, flow) -> {
                            long[] range = skew.computeIfAbsent(exporter, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                            long seconds = Math.floorDiv(flow.timeFlowEndMillis() - flow.timeReceivedMillis(), 1000);
                            range[0] = Math.min(range[0], seconds);
                            range[1] = Math.max(range[1], seconds);
                        }));

                FlowCtlRun run = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + collector.getLocalPort(),
                        "--rate", "20000", "--count", "600", "--exporters", "3", "--protocol", protocol,
                        "--clock-offset", "2=" + year, "--clock-offset", "3=" + to1970);
                receiving.get();

                assertThat(run.exitCode).as(run.err).isZero();
                assertThat(decoder.counters().flows()).as(protocol).isEqualTo(600);
                assertThat(skew.get("127.0.0.10")).as(protocol + " right clock").satisfies(r ->
                        assertThat(r[0]).isBetween(-10L, 1L)).satisfies(r -> assertThat(r[1]).isBetween(-10L, 1L));
                assertThat(skew.get("127.0.0.11")).as(protocol + " a year ahead").satisfies(r ->
                        assertThat(r[0]).isBetween(year - 10, year + 1)).satisfies(r ->
                        assertThat(r[1]).isBetween(year - 10, year + 1));
                assertThat(skew.get("127.0.0.12")).as(protocol + " in 1970").satisfies(r ->
                        assertThat(r[0]).isBetween(to1970 - 10, to1970 + 1)).satisfies(r ->
                        assertThat(r[1]).isBetween(to1970 - 10, to1970 + 1));
                assertThat(run.lastJson().get("exporters").findValuesAsText("clockOffsetSeconds"))
                        .containsExactly("0", Long.toString(year), Long.toString(to1970));
            }
        }
    }

    @Test
    void clockOffsetsThatNoExportHeaderCanCarryAreUsageErrors() {
        FlowCtlRun beforeTheEpoch = FlowCtlRun.run("generate", "--target", "127.0.0.1:9", "--count", "1",
                "--clock-offset", "1=-" + System.currentTimeMillis() / 1000);
        assertThat(beforeTheEpoch.exitCode).isEqualTo(2);
        assertThat(beforeTheEpoch.err).contains("--clock-offset").contains("1970");
        FlowCtlRun noSuchExporter = FlowCtlRun.run("generate", "--target", "127.0.0.1:9", "--count", "1",
                "--exporters", "2", "--clock-offset", "3=60");
        assertThat(noSuchExporter.exitCode).isEqualTo(2);
        assertThat(noSuchExporter.err).contains("--clock-offset").contains("exporter 3");
        FlowCtlRun after2106 = FlowCtlRun.run("generate", "--target", "127.0.0.1:9", "--count", "1",
                "--clock-offset", "1=" + 100L * 365 * 86_400);
        assertThat(after2106.exitCode).isEqualTo(2);
        assertThat(after2106.err).contains("--clock-offset");
    }

    @Test
    void theSameSeedSendsTheSameFlowsAndAnotherSeedOthers() {
        FlowGenerator a = new FlowGenerator(42, 0);
        FlowGenerator b = new FlowGenerator(42, 0);
        FlowGenerator c = new FlowGenerator(43, 0);
        boolean differs = false;
        for (int i = 0; i < 100; i++) {
            GeneratedFlow x = a.next();
            GeneratedFlow y = b.next();
            GeneratedFlow z = c.next();
            assertThat(Arrays.equals(x.srcAddr(), y.srcAddr()) && x.bytes() == y.bytes() && x.dstPort() == y.dstPort())
                    .isTrue();
            differs |= !Arrays.equals(x.srcAddr(), z.srcAddr()) || x.bytes() != z.bytes();
        }
        assertThat(differs).isTrue();
    }

    @Test
    void badOptionsAreUsageErrors() {
        FlowCtlRun run = FlowCtlRun.run("generate", "--target", "nohostport", "--count", "1");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--target");
        assertThat(FlowCtlRun.run("generate", "--target", "127.0.0.1:9", "--exporters", "0").err)
                .contains("--exporters");
    }

    /**
     * Two floods mixed into 3 s of normal traffic at 2,000 flows/s: the target of each receives exactly the packets
     * and bytes its seconds ask for, in the flows asked for, from both exporters and spoofed sources; the normal
     * flows are as many as without a flood; the totals name each flood and when its first datagram went out.
     */
    @Test
    void floodsArriveMixedIntoTheNormalTrafficAtTheAskedRates() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setReceiveBufferSize(8 << 20);
            collector.setSoTimeout(2000);
            NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), StateListener.NONE);
            Map<String, long[]> perTarget = new HashMap<>(); // flows, packets, bytes
            Map<String, Set<String>> floodExporters = new HashMap<>();
            Set<String> sources = new HashSet<>();
            Map<String, long[]> perExporter = new HashMap<>();
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> receive(collector, decoder,
                    (exporter, flow) -> {
                        String dst = address(flow.dstAddrCopy());
                        String key = dst.equals("10.0.3.7") || dst.equals("10.0.5.9") ? dst : "normal";
                        long[] t = perTarget.computeIfAbsent(key, k -> new long[3]);
                        t[0]++;
                        t[1] += flow.packets();
                        t[2] += flow.bytes();
                        if (!key.equals("normal")) {
                            floodExporters.computeIfAbsent(key, k -> new HashSet<>()).add(exporter);
                            sources.add(address(flow.srcAddrCopy()) + ":" + flow.srcPort());
                        }
                        long[] e = perExporter.computeIfAbsent(exporter, k -> new long[3]);
                        e[0]++;
                        e[1] += flow.bytes();
                        e[2] += flow.packets();
                    }));

            long before = System.currentTimeMillis();
            FlowCtlRun run = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + collector.getLocalPort(),
                    "--rate", "2000", "--duration", "3", "--exporters", "2", "--seed", "7",
                    "--flood", "10.0.3.7,17,53,6000,512", "--flood", "10.0.5.9,6,80,1000,60,1,1");
            long after = System.currentTimeMillis();
            receiving.get();

            assertThat(run.exitCode).as(run.err).isZero();
            assertThat(after - before).as("--duration 3").isGreaterThanOrEqualTo(3_000);
            assertThat(perTarget.get("10.0.3.7")).as("3 s of 6,000 pkt/s in 100 flows/s").containsExactly(300, 18_000,
                    18_000L * 512);
            assertThat(perTarget.get("10.0.5.9")).as("second 1 only: 1,000 pkt/s").containsExactly(100, 1_000, 60_000);
            assertThat(perTarget.get("normal")[0]).as("3 s of 2,000 flows/s").isEqualTo(6_000);
            assertThat(floodExporters.get("10.0.3.7")).containsExactlyInAnyOrder("127.0.0.10", "127.0.0.11");
            assertThat(sources).as("spoofed sources of 400 flows").hasSizeGreaterThan(395);
            assertThat(decoder.counters().templateMisses()).isZero();

            JsonNode totals = run.lastJson();
            assertThat(totals.get("flows").asLong()).isEqualTo(6_400);
            for (JsonNode exporter : totals.get("exporters")) {
                assertThat(perExporter.get(exporter.get("exporter").asText())).as(exporter.toString()).containsExactly(
                        exporter.get("flows").asLong(), exporter.get("bytes").asLong(), exporter.get("packets").asLong());
            }
            JsonNode first = totals.get("floods").get(0);
            assertThat(first.get("target").asText()).isEqualTo("10.0.3.7");
            assertThat(first.get("flood").asText()).isEqualTo("10.0.3.7,17,53,6000,512,0,0,100");
            assertThat(first.get("packets").asLong()).isEqualTo(18_000);
            assertThat(first.get("flows").asLong()).isEqualTo(300);
            assertThat(first.get("datagrams").asLong()).isEqualTo(15);
            assertThat(first.get("firstDatagramMillis").asLong()).isBetween(before, before + 3_000);
            assertThat(first.get("lastDatagramMillis").asLong() - first.get("firstDatagramMillis").asLong())
                    .as("the last of 3 s of datagrams, 5 a second").isGreaterThanOrEqualTo(2_700);
            JsonNode second = totals.get("floods").get(1);
            assertThat(second.get("firstDatagramMillis").asLong() - first.get("firstDatagramMillis").asLong())
                    .as("from second 1 (the first flood's first datagram may be late)").isGreaterThanOrEqualTo(900);
        }
    }

    /**
     * Without the new options each exporter sends exactly its {@link FlowGenerator}'s flows in order (what
     * integration-tests' {@code CustomerTotals.generated} recomputes), and a flood, a compressed day and bursts leave
     * those normal flows as they are: they change only when the flows go out.
     */
    @Test
    void theNormalFlowsAreTheGeneratorsWithOrWithoutFloodsAndShapes() throws Exception {
        int perExporter = 240;
        Map<String, List<String>> expected = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            FlowGenerator generator = new FlowGenerator(11, i);
            List<String> flows = new ArrayList<>();
            for (int n = 0; n < perExporter; n++) {
                flows.add(text(generator.next()));
            }
            flows.sort(null); // a datagram holds its IPv4 flows, then its IPv6 ones
            expected.put("127.0.0.1" + i, flows);
        }
        String[][] variants = {
            {},
            {"--flood", "10.0.3.7,17,53,3000,512", "--diurnal", "--day-seconds", "2", "--bursts", "3", "--jitter", "0.2"},
        };
        for (String[] variant : variants) {
            try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                collector.setReceiveBufferSize(8 << 20);
                collector.setSoTimeout(2000);
                NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), StateListener.NONE);
                Map<String, List<String>> seen = new HashMap<>();
                CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> receive(collector, decoder,
                        (exporter, flow) -> {
                            if (!address(flow.dstAddrCopy()).equals("10.0.3.7")) {
                                seen.computeIfAbsent(exporter, k -> new ArrayList<>()).add(text(flow));
                            }
                        }));
                List<String> args = new ArrayList<>(List.of("generate", "--target",
                        "127.0.0.1:" + collector.getLocalPort(), "--rate", "500", "--count", "480", "--exporters", "2",
                        "--seed", "11"));
                args.addAll(List.of(variant));
                FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
                receiving.get();
                assertThat(run.exitCode).as(run.err).isZero();
                seen.values().forEach(flows -> flows.sort(null));
                assertThat(seen).as(String.join(" ", variant)).isEqualTo(expected);
            }
        }
    }

    /** A compressed day at its shaped rate: as many flows as the shape's quotas add up to over --duration. */
    @Test
    void aCompressedDayIsSentAtItsShapedRate() throws Exception {
        TrafficShape shape = new TrafficShape(2_000, true, 4, 2, 0.1, 3);
        long due = 0;
        for (int s = 0; s < 4; s++) {
            due += shape.nextSecond();
        }
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setReceiveBufferSize(8 << 20);
            collector.setSoTimeout(2000);
            NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), StateListener.NONE);
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> receive(collector, decoder, (e, f) -> { }));
            long before = System.nanoTime();
            FlowCtlRun run = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + collector.getLocalPort(),
                    "--rate", "2000", "--diurnal", "--day-seconds", "4", "--bursts", "2", "--jitter", "0.1",
                    "--duration", "4", "--seed", "3");
            long tookMillis = (System.nanoTime() - before) / 1_000_000;
            receiving.get();
            assertThat(run.exitCode).as(run.err).isZero();
            long sent = run.lastJson().get("flows").asLong();
            // Datagrams of 24 flows: the last one starts before the end and may hold flows due after it.
            assertThat(sent).isBetween(due, due + 23);
            assertThat(decoder.counters().flows()).isEqualTo(sent);
            assertThat(tookMillis).isGreaterThanOrEqualTo(4_000);
        }
    }

    /** --duration alone lifts --count's default of 10,000; with both, whichever comes first ends the run. */
    @Test
    void durationWithoutCountIsTheOnlyLimit() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String target = "127.0.0.1:" + collector.getLocalPort();
            FlowCtlRun timed = FlowCtlRun.run("generate", "--target", target, "--rate", "12000", "--duration", "1");
            assertThat(timed.exitCode).as(timed.err).isZero();
            assertThat(timed.lastJson().get("flows").asLong()).as("1 s of 12,000 flows/s").isEqualTo(12_000);
            long before = System.nanoTime();
            FlowCtlRun counted = FlowCtlRun.run("generate", "--target", target, "--rate", "1200", "--duration", "5",
                    "--count", "600");
            assertThat(counted.exitCode).as(counted.err).isZero();
            assertThat(counted.lastJson().get("flows").asLong()).isEqualTo(600);
            assertThat(System.nanoTime() - before).as("half a second of flows, not 5 s").isLessThan(4_000_000_000L);
        }
    }

    @Test
    void badFloodsAndShapesAreUsageErrors() {
        FlowCtlRun flood = FlowCtlRun.run("generate", "--target", "127.0.0.1:9", "--flood", "10.0.3.7,17,53");
        assertThat(flood.exitCode).isEqualTo(2);
        assertThat(flood.err).contains("--flood 10.0.3.7,17,53").contains("TARGET_IP,PROTO");
        FlowCtlRun unshapeable = FlowCtlRun.run("generate", "--target", "127.0.0.1:9", "--rate", "0", "--diurnal");
        assertThat(unshapeable.exitCode).isEqualTo(2);
        assertThat(unshapeable.err).contains("--diurnal");
        FlowCtlRun jitter = FlowCtlRun.run("generate", "--target", "127.0.0.1:9", "--jitter", "1");
        assertThat(jitter.exitCode).isEqualTo(2);
        assertThat(jitter.err).contains("--jitter");
        FlowCtlRun bursts = FlowCtlRun.run("generate", "--target", "127.0.0.1:9", "--bursts", "0.5");
        assertThat(bursts.exitCode).isEqualTo(2);
        assertThat(bursts.err).contains("--bursts");
    }

    private static String text(GeneratedFlow flow) {
        return address(flow.srcAddr()) + ">" + address(flow.dstAddr()) + " " + flow.proto() + " " + flow.srcPort() + ">"
                + flow.dstPort() + " " + flow.packets() + "/" + flow.bytes() + " if " + flow.inIf() + ">" + flow.outIf();
    }

    private static String text(DecodedFlow flow) {
        return address(flow.srcAddrCopy()) + ">" + address(flow.dstAddrCopy()) + " " + flow.proto() + " " + flow.srcPort()
                + ">" + flow.dstPort() + " " + flow.packets() + "/" + flow.bytes() + " if " + flow.inIf() + ">" + flow.outIf();
    }

    private static String address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Decodes what arrives until 2 s (the socket's timeout) pass without a datagram after the first
     * (which may take longer on a loaded machine: up to 30 s); each flow goes to {@code seen} with its exporter.
     */
    private static void receive(DatagramSocket socket, NetFlowDecoder decoder, BiConsumer<String, DecodedFlow> seen) {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        long firstDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean any = false;
        while (true) {
            try {
                socket.receive(packet);
                any = true;
            } catch (SocketTimeoutException e) {
                if (any || System.nanoTime() > firstDeadline) {
                    return;
                }
                continue;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            String exporter = packet.getAddress().getHostAddress();
            decoder.decode(packet.getData(), 0, packet.getLength(), packet.getAddress(), System.currentTimeMillis(),
                    flow -> seen.accept(exporter, flow));
        }
    }
}
