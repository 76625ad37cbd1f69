package org.bwnetflow.connect.netflow.decode.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the NetFlow v9 decoder (see {@link DecoderFuzzHarness} for what is checked). Seeds: the
 * shared {@code testdata/netflow/netflow9*.dat}, copied at build time into
 * {@code NetFlowV9FuzzTestInputs/decode/}, plus the sequences below, which put each exporter's
 * (options) template datagrams in front of its data datagrams so that the stateful path is
 * reached from the start.
 */
public class NetFlowV9FuzzTest {

    private static final DecoderFuzzHarness HARNESS =
            new DecoderFuzzHarness("NetFlowV9FuzzTest", NetFlowDecoder.NETFLOW_V9, DecodedFlow.TYPE_NETFLOW_V9);

    static Stream<Arguments> sequences() {
        return Stream.of(
                DecoderFuzzHarness.seed("cisco asa tpl+data",
                        "netflow9_test_cisco_asa_1_tpl.dat", "netflow9_test_cisco_asa_1_data.dat"),
                DecoderFuzzHarness.seed("cisco asr9k opttpl+tpl+data",
                        "netflow9_test_cisco_asr9k_opttpl256.dat", "netflow9_test_cisco_asr9k_tpl260.dat",
                        "netflow9_test_cisco_asr9k_data256.dat", "netflow9_test_cisco_asr9k_data260.dat"),
                DecoderFuzzHarness.seed("fortigate tpl+data",
                        "netflow9_test_fortigate_fortios_521_tpl.dat",
                        "netflow9_test_fortigate_fortios_521_data256.dat",
                        "netflow9_test_fortigate_fortios_521_data257.dat"),
                DecoderFuzzHarness.seed("macaddr tpl+data", "netflow9_test_macaddr_tpl.dat", "netflow9_test_macaddr_data.dat"),
                DecoderFuzzHarness.seed("nprobe tpl+data", "netflow9_test_nprobe_tpl.dat", "netflow9_test_nprobe_data.dat"),
                // More templates than the limit of 8 from one source id: the flood bound.
                DecoderFuzzHarness.seed("template flood",
                        "netflow9_test_cisco_asa_1_tpl.dat", "netflow9_test_fortigate_fortios_521_tpl.dat",
                        "netflow9_test_nprobe_tpl.dat", "netflow9_test_macaddr_tpl.dat",
                        "netflow9_test_cisco_asr9k_tpl260.dat", "netflow9_test_cisco_asr9k_opttpl256.dat",
                        "netflow9_test_softflowd_tpl_data.dat", "netflow9_test_cisco_asa_1_data.dat",
                        "netflow9_test_nprobe_data.dat"));
    }

    @MethodSource("sequences")
    @FuzzTest
    public void decode(byte[] input) {
        HARNESS.run(input);
    }

    @AfterAll
    static void summary() {
        HARNESS.printSummary();
    }
}
