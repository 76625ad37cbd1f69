package org.bwnetflow.connect.flowctl.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.flowctl.testing.Nfcapd;
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
        FlowCtlRun run;
        List<Map<String, String>> listed;
        try (Nfcapd collector = Nfcapd.start(dir)) {
            run = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + collector.port(), "--rate", "5000", "--count",
                    "600", "--exporters", "2", "--seed", "11");
            Thread.sleep(500);
            listed = collector.stopAndDump();
        }
        assertThat(run.exitCode).as(run.err).isZero();
        List<String> actual = new ArrayList<>();
        for (Map<String, String> c : listed) {
            actual.add(key(c.get("ra"), InetAddress.getByName(c.get("sa")).getHostAddress(),
                    InetAddress.getByName(c.get("da")).getHostAddress(), Integer.parseInt(c.get("sp")),
                    Integer.parseInt(c.get("dp")), PROTOCOLS.getOrDefault(c.get("pr"), -1), Long.parseLong(c.get("ibyt")),
                    Long.parseLong(c.get("ipkt")), Integer.parseInt(c.get("in")), Integer.parseInt(c.get("out"))));
        }
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

    private static String key(String exporter, String src, String dst, int sport, int dport, int proto, long bytes,
            long packets, int in, int out) {
        return exporter + " " + src + ":" + sport + " > " + dst + ":" + dport + " p" + proto + " " + bytes + "B "
                + packets + "p if" + in + ">" + out;
    }
}
