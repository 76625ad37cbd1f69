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
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
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
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> receive(collector, decoder, seen));

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

    private static void receive(DatagramSocket socket, NetFlowDecoder decoder, Map<String, long[]> seen) {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (true) {
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            String exporter = packet.getAddress().getHostAddress();
            decoder.decode(packet.getData(), 0, packet.getLength(), packet.getAddress(), System.currentTimeMillis(),
                    flow -> {
                        long[] t = seen.computeIfAbsent(exporter, k -> new long[3]);
                        t[0]++;
                        t[1] += flow.bytes();
                        t[2] += flow.packets();
                    });
        }
    }
}
