package org.bwnetflow.connect.flowctl.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.flowctl.testing.PcapWriter;
import org.bwnetflow.connect.flowctl.testing.Tools;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.netflow.testing.TestData;
import org.bwnetflow.connect.netflow.testing.SFlowDatagrams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {

    @TempDir
    Path tmp;

    private static String file(String name) {
        return TestData.netflowDir().resolve(name).toString();
    }

    @Test
    void printsOneJsonObjectPerFlowWithTheFlowMessageFieldNames() {
        FlowCtlRun run = FlowCtlRun.run("decode", file("netflow9_test_cisco_asr9k_tpl260.dat"),
                file("netflow9_test_cisco_asr9k_data260.dat"));
        assertThat(run.exitCode).isZero();
        List<JsonNode> flows = run.jsonLines();
        assertThat(flows).hasSize(21);
        List<String> expectedKeys = Arrays.stream(FlowField.all()).map(FlowField::fieldName).toList();
        for (JsonNode flow : flows) {
            List<String> keys = new ArrayList<>();
            flow.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactlyElementsOf(expectedKeys);
        }
        assertThat(flows).anySatisfy(flow -> {
            assertThat(flow.get("SrcAddr").asText()).isEqualTo("10.0.29.46");
            assertThat(flow.get("DstAddr").asText()).isEqualTo("10.0.15.38");
            assertThat(flow.get("SrcAS").asLong()).isEqualTo(15169);
            assertThat(flow.get("DstAS").asLong()).isEqualTo(64498);
            assertThat(flow.get("Bytes").asLong()).isEqualTo(112);
            assertThat(flow.get("Type").asText()).isEqualTo("NETFLOW_V9");
        });
        assertThat(run.err).contains("datagrams=2").contains("flows=21").contains("options=0")
                .contains("template-misses=0").contains("malformed=0");
    }

    @Test
    void decodesSflowDatagramsBackToBackWithTheAgentAsSampler(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sflow.dat");
        byte[] ipv4Tcp = SFlowDatagrams.examples().get("ipv4 tcp");
        Files.write(file, SFlowDatagrams.concat(ipv4Tcp, ipv4Tcp));
        FlowCtlRun run = FlowCtlRun.run("decode", file.toString());
        assertThat(run.exitCode).isZero();
        assertThat(run.err).contains("datagrams=2").contains("flows=2").contains("malformed=0")
                .contains("sflow-samples=2 sflow-counter-samples=2");
        assertThat(run.jsonLines()).hasSize(2).allSatisfy(flow -> {
            assertThat(flow.get("Type").asText()).isEqualTo("SFLOW_5");
            assertThat(flow.get("SamplerAddress").asText()).isEqualTo("192.0.2.10");
            assertThat(flow.get("SrcAddr").asText()).isEqualTo("198.51.100.1");
            assertThat(flow.get("DstPort").asLong()).isEqualTo(443);
            assertThat(flow.get("SamplingRate").asLong()).isEqualTo(1024);
            assertThat(flow.get("Bytes").asLong()).isEqualTo(1514);
        });
    }

    @Test
    void readsSeveralDatagramsBackToBackInOneFile() {
        FlowCtlRun run = FlowCtlRun.run("decode", file("netflow5.dat"));
        assertThat(run.exitCode).isZero();
        assertThat(run.err).contains("datagrams=12").contains("malformed=0");
        assertThat(run.jsonLines()).isNotEmpty().allSatisfy(f -> assertThat(f.get("Type").asText()).isEqualTo("NETFLOW_V5"));
    }

    @Test
    void optionsRecordsAreCountedNotPrinted() {
        FlowCtlRun run = FlowCtlRun.run("decode", file("netflow9_test_cisco_asr9k_opttpl256.dat"),
                file("netflow9_test_cisco_asr9k_data256.dat"));
        assertThat(run.exitCode).isZero();
        assertThat(run.jsonLines()).isEmpty();
        assertThat(run.err).contains("options=19").contains("flows=0");
    }

    @Test
    void malformedDatagramsAreCountedAndTheExitCodeStaysZero() throws Exception {
        Path garbage = tmp.resolve("garbage.dat");
        Files.write(garbage, new byte[] {0, 9, 0, 1, 2, 3, 4, 5});
        FlowCtlRun run = FlowCtlRun.run("decode", file("netflow5_test_invalid01.dat"), garbage.toString());
        assertThat(run.exitCode).isZero();
        assertThat(run.jsonLines()).isEmpty();
        assertThat(run.err).contains("malformed=2");
    }

    @Test
    void anUnreadableFileIsAnErrorExit() {
        FlowCtlRun run = FlowCtlRun.run("decode", file("netflow5.dat"), tmp.resolve("missing.dat").toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("cannot read").contains("missing.dat");
        assertThat(run.jsonLines()).isNotEmpty();
    }

    @Test
    void decodesTheUdpPayloadsOfACaptureWithEachSenderAsExporter() throws Exception {
        Path pcap = writeCapture();
        FlowCtlRun run = FlowCtlRun.run("decode", "--pcap", pcap.toString());
        assertThat(run.exitCode).isZero();
        assertCaptureDecoded(run);
        assertThat(run.err).contains("non-udp-packets=1");
    }

    @Test
    void portFilterKeepsOnlyTheCollectorsPort() throws Exception {
        Path pcap = writeCapture();
        FlowCtlRun run = FlowCtlRun.run("decode", "--pcap", "--port", "9995", pcap.toString());
        assertThat(run.jsonLines()).isEmpty();
    }

    /** pcapng as Wireshark writes it: converted by Wireshark's own editcap. */
    @Test
    void readsPcapngToo() throws Exception {
        String editcap = Tools.require("editcap", "wireshark-common");
        Path pcap = writeCapture();
        Path pcapng = tmp.resolve("capture.pcapng");
        Process p = new ProcessBuilder(editcap, "-F", "pcapng", pcap.toString(), pcapng.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        assertThat(Files.readAllBytes(pcapng)).startsWith(0x0a, 0x0d, 0x0d, 0x0a);
        FlowCtlRun run = FlowCtlRun.run("decode", "--pcap", pcapng.toString());
        assertThat(run.exitCode).isZero();
        assertCaptureDecoded(run);
    }

    @Test
    void aFileThatIsNoCaptureIsAnErrorExit() {
        FlowCtlRun run = FlowCtlRun.run("decode", "--pcap", file("netflow5.dat"));
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("not a pcap");
    }

    private Path writeCapture() throws Exception {
        PcapWriter pcap = new PcapWriter();
        long t = 1_700_000_000_000L;
        for (byte[] datagram : TestData.datagrams("ipfix_test_openbsd_pflow_tpl.dat", "ipfix_test_openbsd_pflow_data.dat")) {
            pcap.udp("192.0.2.5", "192.0.2.100", 40_000, 4739, datagram, t += 10);
        }
        pcap.tcp("192.0.2.5", "192.0.2.100", 22, 50_000, 0x18, 10, t + 10);
        Path file = tmp.resolve("capture.pcap");
        pcap.writeTo(file);
        return file;
    }

    private static void assertCaptureDecoded(FlowCtlRun run) {
        List<JsonNode> flows = run.jsonLines();
        assertThat(flows).hasSize(26).allSatisfy(f -> {
            assertThat(f.get("SamplerAddress").asText()).isEqualTo("192.0.2.5");
            assertThat(f.get("Type").asText()).isEqualTo("IPFIX");
        });
        assertThat(flows).anySatisfy(f -> {
            assertThat(f.get("SrcAddr").asText()).isEqualTo("192.168.0.1");
            assertThat(f.get("DstPort").asLong()).isEqualTo(64026);
            assertThat(f.get("Bytes").asLong()).isEqualTo(6425);
        });
    }
}
