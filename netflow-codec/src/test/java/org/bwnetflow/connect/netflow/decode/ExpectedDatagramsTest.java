package org.bwnetflow.connect.netflow.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.netflow.testing.FlowAssertions.assertHasFlow;
import static org.bwnetflow.connect.netflow.testing.FlowAssertions.fields;

import java.util.List;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.bwnetflow.connect.netflow.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * Every case of testdata/netflow/EXPECTED.md: real exporters' datagrams, the number of flows
 * and options records they hold, and the fields of the flow the case describes (exporter
 * field names translated to FlowMessage names, see {@link org.bwnetflow.connect.netflow.testing.FlowFields}).
 */
class ExpectedDatagramsTest {

    private static CodecRun decode(String... files) {
        return new CodecRun().decode(TestData.datagrams(files), CodecRun.NOW);
    }

    private static CodecRun decodeFirstDatagram(String file) {
        return new CodecRun().decode(TestData.datagrams(file).get(0), CodecRun.NOW);
    }

    private static void assertCounts(CodecRun run, int flows, int options) {
        assertThat(run.flows).as("flows").hasSize(flows);
        assertThat(run.decoder.counters().flows()).as("flow counter").isEqualTo(flows);
        assertThat(run.decoder.counters().optionsRecords()).as("options records").isEqualTo(options);
        assertThat(run.decoder.counters().internalErrors()).as("internal errors").isZero();
    }

    @Test
    void netflow5Valid01() {
        List<byte[]> datagrams = TestData.datagrams("netflow5.dat");
        assertThat(datagrams).as("v5 datagrams back to back").hasSize(12);
        CodecRun run = decodeFirstDatagram("netflow5.dat");
        assertCounts(run, 2, 0);
        assertHasFlow(run.flows, fields("SamplingRate", 0, "SrcAddr", "10.0.2.2", "DstAddr", "10.0.2.15",
                "NextHop", "0.0.0.0", "InIf", 0, "OutIf", 0, "Packets", 5, "Bytes", 230, "SrcPort", 54435,
                "DstPort", 22, "TCPFlags", 16, "Proto", 6, "IPTos", 0, "SrcAS", 0, "DstAS", 0, "SrcNet", 0,
                "DstNet", 0, "Type", 2, "Etype", 0x0800));
    }

    @Test
    void netflow5Invalid01() {
        CodecRun run = decode("netflow5_test_invalid01.dat");
        assertCounts(run, 0, 0);
        assertThat(run.decoder.counters().malformed()).isPositive();
    }

    @Test
    void netflow5Invalid02() {
        CodecRun run = decode("netflow5_test_invalid02.dat");
        assertCounts(run, 0, 0);
        assertThat(run.decoder.counters().malformed()).isPositive();
    }

    @Test
    void netflow9Valid01() {
        CodecRun run = decode("netflow9_test_valid01.dat");
        assertCounts(run, 7, 0);
        assertHasFlow(run.flows, fields("SrcAddr", "172.16.32.100", "DstAddr", "172.16.32.248", "Bytes", 76,
                "Packets", 1, "InIf", 0, "OutIf", 0, "SrcPort", 123, "DstPort", 123, "Proto", 17, "TCPFlags", 0,
                "IPTos", 0, "Type", 3));
    }

    @Test
    void netflow9MacAddress() {
        CodecRun run = decode("netflow9_test_macaddr_tpl.dat", "netflow9_test_macaddr_data.dat");
        assertCounts(run, 29, 1);
        assertHasFlow(run.flows, fields("Proto", 6, "SrcPort", 65058, "SrcAddr", "172.16.32.1", "DstPort", 22,
                "DstAddr", "172.16.32.201", "SrcMac", "00:50:56:c0:00:01", "DstMac", "00:0c:29:70:86:09"));
    }

    @Test
    void netflow9CiscoAsaPermanentBytesBecomeBytes() {
        CodecRun run = decode("netflow9_test_cisco_asa_1_tpl.dat", "netflow9_test_cisco_asa_1_data.dat");
        assertCounts(run, 14, 0);
        assertHasFlow(run.flows, fields("SrcAddr", "192.168.23.22", "SrcPort", 17549, "InIf", 2,
                "DstAddr", "164.164.37.11", "DstPort", 0, "OutIf", 3, "Proto", 1, "Bytes", 56));
    }

    @Test
    void netflow9TwoExportersInterleavedKeepTheirTemplatesApart() {
        CodecRun run = decode("netflow9_test_nprobe_tpl.dat", "netflow9_test_softflowd_tpl_data.dat",
                "netflow9_test_nprobe_data.dat");
        assertCounts(run, 8, 1);
        assertHasFlow(run.flows, fields("SrcAddr", "172.16.32.100", "DstAddr", "172.16.32.248", "Bytes", 76,
                "Packets", 1, "InIf", 0, "OutIf", 0, "SrcPort", 123, "DstPort", 123, "Proto", 17, "TCPFlags", 0,
                "IPTos", 0));
        assertThat(run.decoder.counters().templateMisses()).isZero();
    }

    @Test
    void netflow9Invalid01OddFlowsetLengthsDecodeAsFarAsPossible() {
        CodecRun run = decode("netflow9_test_invalid01.dat");
        assertCounts(run, 2, 1);
        // The options record announces 1-in-100 sampling for the whole source id.
        assertThat(run.flows).allSatisfy(flow -> assertThat(flow.samplingRate()).isEqualTo(100L));
        assertHasFlow(run.flows, fields("SrcAddr", "2001:44b8:1118:7200:0:0:0:10", "Etype", 0x86DD));
        assertHasFlow(run.flows, fields("SrcAddr", "192.168.0.1", "DstAddr", "192.168.0.105", "Etype", 0x0800));
    }

    @Test
    void netflow9OptionsTemplateWithScopeFields() {
        CodecRun run = decode("netflow9_test_nprobe_tpl.dat");
        assertCounts(run, 0, 1);
    }

    @Test
    void ipfixFirstMessage() {
        List<byte[]> messages = TestData.datagrams("ipfix.dat");
        assertThat(messages).as("IPFIX messages back to back").hasSize(3);
        CodecRun run = decodeFirstDatagram("ipfix.dat");
        assertCounts(run, 6, 1);
        assertThat(run.flows).allSatisfy(flow -> assertThat(flow.type()).isEqualTo(DecodedFlow.TYPE_IPFIX));
    }

    @Test
    void ipfixOpenBsdPflow() {
        CodecRun run = decode("ipfix_test_openbsd_pflow_tpl.dat", "ipfix_test_openbsd_pflow_data.dat");
        assertCounts(run, 26, 0);
        assertHasFlow(run.flows, fields("SrcAddr", "192.168.0.1", "DstAddr", "192.168.0.17", "InIf", 1,
                "OutIf", 1, "Packets", 8, "Bytes", 6425, "SrcPort", 80, "DstPort", 64026, "Proto", 6));
    }

    @Test
    void netflow5Mikrotik() {
        CodecRun run = decode("netflow5_test_microtik.dat");
        assertCounts(run, 30, 0);
        assertHasFlow(run.flows, fields("SamplingRate", 0, "SrcAddr", "10.0.8.1", "DstAddr", "192.168.0.1",
                "NextHop", "192.168.0.1", "InIf", 13, "OutIf", 46, "Packets", 13, "Bytes", 11442, "SrcPort", 80,
                "DstPort", 51826, "TCPFlags", 82, "Proto", 6, "IPTos", 40, "SrcAS", 0, "DstAS", 0, "SrcNet", 0,
                "DstNet", 0));
    }

    @Test
    void netflow9IptNetflowReducedSizeEncoding() {
        CodecRun run = decode("netflow9_test_iptnetflow_reduced_size_encoding_tpldata260.dat");
        assertCounts(run, 12, 0);
        assertHasFlow(run.flows, fields("SrcPort", 443, "Bytes", 187, "DstMac", "00:1b:21:bc:24:dd", "Proto", 6,
                "OutIf", 8, "IPTos", 0, "DstPort", 38164, "InIf", 7, "Packets", 3, "NextHop", "10.232.5.1",
                "TCPFlags", 25, "DstAddr", "10.233.150.21", "SrcAddr", "2.17.140.47", "SrcMac", "90:e2:ba:23:09:fc"));
    }

    @Test
    void netflow9FortigateSamplingOptionsApplyToFlows() {
        CodecRun run = decode("netflow9_test_fortigate_fortios_521_tpl.dat",
                "netflow9_test_fortigate_fortios_521_data256.dat", "netflow9_test_fortigate_fortios_521_data257.dat");
        assertCounts(run, 1, 1);
        // The options record says sampling_interval=1: the exporter samples 1 of 1 packets.
        assertThat(run.flows.get(0).samplingRate()).isEqualTo(1L);
        DomainState domain = run.decoder.exporters().get(0).domains().get(0);
        assertThat(domain.defaultSamplingRate()).isEqualTo(1L);
    }

    @Test
    void ipfixMikrotik() {
        CodecRun run = decode("ipfix_test_mikrotik_tpl.dat", "ipfix_test_mikrotik_data258.dat",
                "ipfix_test_mikrotik_data259.dat");
        assertCounts(run, 46, 0);
        assertHasFlow(run.flows, fields("DstAddr", "192.168.128.17", "DstPort", 123, "SrcAddr", "10.10.8.197",
                "InIf", 13, "Packets", 2, "Proto", 17, "OutIf", 7, "Bytes", 152, "SrcPort", 123));
    }

    @Test
    void ipfixNetscalerVariableLengthAndEnterpriseFields() {
        CodecRun run = decode("ipfix_test_netscaler_tpl.dat", "ipfix_test_netscaler_data.dat");
        assertCounts(run, 3, 0);
        assertHasFlow(run.flows, fields("DstPort", 443, "SrcAddr", "192.168.0.1", "OutIf", 2147483651L,
                "Bytes", 1541, "SrcPort", 51053, "DstAddr", "10.0.0.1", "InIf", 8, "Packets", 2, "Proto", 6));
    }

    @Test
    void netflow9TemplateWithZeroLengthFields() {
        CodecRun run = decode("netflow9_test_0length_fields_tpl_data.dat");
        assertCounts(run, 10, 0);
        assertHasFlow(run.flows, fields("OutIf", 3, "DstNet", 32, "Packets", 0, "DstAddr", "239.255.255.250",
                "SrcPort", 0, "SrcNet", 32, "SrcAddr", "192.168.1.33", "Bytes", 0, "Proto", 2, "InIf", 2,
                "TCPFlags", 0, "DstPort", 0, "FlowDirection", 1));
    }

    @Test
    void netflow9CiscoAsr9kInterfaceTable() {
        CodecRun run = decode("netflow9_test_cisco_asr9k_opttpl256.dat", "netflow9_test_cisco_asr9k_data256.dat");
        assertCounts(run, 0, 19);
        DomainState domain = run.decoder.exporters().get(0).domains().get(0);
        assertThat(domain.interfaceTable()).containsKey(104L).hasSize(19);
        assertThat(domain.interfaceTable().get(104L).description()).isNotBlank();
    }

    @Test
    void netflow9CiscoAsr9kTemplate260() {
        CodecRun run = decode("netflow9_test_cisco_asr9k_tpl260.dat", "netflow9_test_cisco_asr9k_data260.dat");
        assertCounts(run, 21, 0);
        assertHasFlow(run.flows, fields("DstAS", 64498, "Packets", 2, "SrcPort", 443, "Bytes", 112, "Proto", 6,
                "TCPFlags", 18, "DstPort", 52364, "SrcAS", 15169, "FlowDirection", 1, "OutIf", 158, "DstNet", 24,
                "DstAddr", "10.0.15.38", "IPTos", 0, "SrcNet", 24, "SrcAddr", "10.0.29.46", "InIf", 75));
    }

    @Test
    void ipfixNetscalerDataWithoutTemplatesDecodesNothingAndSaysWhy() {
        CodecRun run = decode("ipfix_test_netscaler_data.dat");
        assertCounts(run, 0, 0);
        assertThat(run.decoder.counters().templateMisses()).isPositive();
    }

    @Test
    void interfaceNamesFromTheTableLandOnFlowsOfTheSameExporter() {
        CodecRun run = decode("netflow9_test_cisco_asr9k_opttpl256.dat", "netflow9_test_cisco_asr9k_data256.dat",
                "netflow9_test_cisco_asr9k_tpl260.dat", "netflow9_test_cisco_asr9k_data260.dat");
        DomainState domain = run.decoder.exporters().get(0).domains().get(0);
        List<DecodedFlow> named = run.flows.stream()
                .filter(f -> domain.interfaceTable().containsKey(f.inIf()))
                .toList();
        assertThat(named).isNotEmpty().allSatisfy(flow -> assertThat(flow.srcIfDesc())
                .isEqualTo(domain.interfaceTable().get(flow.inIf()).description()));
    }
}
