package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.flowctl.testing.Tools;

/** Wireshark's command-line dissector (Debian package tshark) over a capture of sFlow datagrams. */
final class Tshark {

    private Tshark() {
    }

    /** Every flow sample of the capture, by the sampled packet's source address. */
    static Map<String, TsharkSample> flowSamples(Path capture) throws Exception {
        String tshark = Tools.require("tshark", "tshark");
        Path json = capture.resolveSibling(capture.getFileName() + ".json");
        Path log = capture.resolveSibling(capture.getFileName() + ".tshark.log");
        Process process = new ProcessBuilder(tshark, "-r", capture.toString(), "-T", "json", "--no-duplicate-keys",
                "-d", "udp.port==6343,sflow").redirectOutput(json.toFile()).redirectError(log.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        Map<String, TsharkSample> samples = new HashMap<>();
        for (JsonNode packet : new ObjectMapper().readTree(json.toFile())) {
            JsonNode sflow = packet.path("_source").path("layers").path("sflow");
            assertThat(sflow.isMissingNode()).as("tshark dissected sFlow in " + packet).isFalse();
            String agent = sflow.path("sflow_245.agent").asText();
            long sequence = sflow.path("sflow_245.sequence_number").asLong();
            for (Iterator<Map.Entry<String, JsonNode>> it = sflow.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().startsWith("Flow sample")) {
                    TsharkSample sample = new TsharkSample(agent, sequence, entry.getValue());
                    assertThat(samples.put(sample.srcAddr(), sample)).as("one sample per packet").isNull();
                }
            }
        }
        return samples;
    }

    static void assertAgrees(TsharkSample sample, SFlowRecord flow) {
        assertThat(sample).as("tshark saw the sample of " + flow.srcAddr()).isNotNull();
        sample.assertAgrees(flow);
    }
}
