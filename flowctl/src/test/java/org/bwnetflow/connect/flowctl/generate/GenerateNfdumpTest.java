package org.bwnetflow.connect.flowctl.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.flowctl.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent proof that our encoder speaks real NetFlow v9: nfdump's collector (nfcapd)
 * receives the generator's traffic and nfdump must list exactly the flows the generator made.
 */
class GenerateNfdumpTest {

    private static final Map<String, Integer> PROTOCOLS = Map.of("TCP", 6, "UDP", 17, "ICMP", 1);

    @TempDir
    Path dir;

    @Test
    void nfdumpReadsBackExactlyTheGeneratedFlows() throws Exception {
        String nfcapd = Tools.require("nfcapd", "nfdump");
        String nfdump = Tools.require("nfdump", "nfdump");
        int port = freeUdpPort();
        Process collector = new ProcessBuilder(nfcapd, "-w", dir.toString(), "-p", String.valueOf(port),
                "-b", "127.0.0.1").redirectErrorStream(true).redirectOutput(dir.resolve("nfcapd.log").toFile()).start();
        FlowCtlRun run;
        try {
            awaitBound(port, collector, dir.resolve("nfcapd.log"));
            run = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + port, "--rate", "5000", "--count", "600",
                    "--exporters", "2", "--seed", "11");
            Thread.sleep(500);
        } finally {
            collector.destroy(); // SIGTERM: nfcapd writes out its file
            assertThat(collector.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(run.exitCode).as(run.err).isZero();

        Process dump = new ProcessBuilder(nfdump, "-R", dir.toString(), "-o", "csv")
                .redirectError(dir.resolve("nfdump.err").toFile()).start();
        String csv = new String(dump.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(dump.waitFor()).as(csv).isZero();
        List<String> actual = parse(csv);

        List<String> expected = expectedFlows(run.lastJson(), 11);
        assertThat(actual).hasSize(600).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Replays the generator: exporter i's flows are the first n_i flows of FlowGenerator(seed, i). */
    private static List<String> expectedFlows(JsonNode totals, long seed) throws IOException {
        List<String> flows = new ArrayList<>();
        int index = 0;
        for (JsonNode exporter : totals.get("exporters")) {
            FlowGenerator generator = new FlowGenerator(seed, index++);
            for (long i = 0; i < exporter.get("flows").asLong(); i++) {
                GeneratedFlow f = generator.next();
                flows.add(key(exporter.get("exporter").asText(), InetAddress.getByAddress(f.srcAddr()).getHostAddress(),
                        InetAddress.getByAddress(f.dstAddr()).getHostAddress(), f.srcPort(), f.dstPort(), f.proto(),
                        f.bytes(), f.packets(), f.inIf(), f.outIf()));
            }
        }
        return flows;
    }

    /** nfdump's csv: a header line, one line per flow, then a blank line and a summary. */
    private static List<String> parse(String csv) throws IOException {
        String[] lines = csv.split("\n");
        List<String> header = List.of(lines[0].split(","));
        List<String> flows = new ArrayList<>();
        for (int i = 1; i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("Summary"); i++) {
            String[] c = lines[i].split(",");
            assertThat(c).as("nfdump line %d: %s", i, lines[i]).hasSize(header.size());
            String proto = c[header.indexOf("pr")].trim();
            flows.add(key(c[header.indexOf("ra")].trim(),
                    InetAddress.getByName(c[header.indexOf("sa")].trim()).getHostAddress(),
                    InetAddress.getByName(c[header.indexOf("da")].trim()).getHostAddress(),
                    Integer.parseInt(c[header.indexOf("sp")].trim()), Integer.parseInt(c[header.indexOf("dp")].trim()),
                    PROTOCOLS.getOrDefault(proto, -1), Long.parseLong(c[header.indexOf("ibyt")].trim()),
                    Long.parseLong(c[header.indexOf("ipkt")].trim()), Integer.parseInt(c[header.indexOf("in")].trim()),
                    Integer.parseInt(c[header.indexOf("out")].trim())));
        }
        return flows;
    }

    private static String key(String exporter, String src, String dst, int sport, int dport, int proto, long bytes,
            long packets, int in, int out) {
        return exporter + " " + src + ":" + sport + " > " + dst + ":" + dport + " p" + proto + " " + bytes + "B "
                + packets + "p if" + in + ">" + out;
    }

    /** nfcapd says "Startup nfcapd." once its socket is bound (probing the port would race it). */
    private static void awaitBound(int port, Process collector, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (!collector.isAlive()) {
                throw new AssertionError("nfcapd exited early: " + text);
            }
            if (text.contains("Startup")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nfcapd did not start listening on udp port " + port);
    }

    private static int freeUdpPort() throws SocketException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
