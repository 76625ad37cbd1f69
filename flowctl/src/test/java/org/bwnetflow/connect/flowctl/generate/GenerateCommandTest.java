package org.bwnetflow.connect.flowctl.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
