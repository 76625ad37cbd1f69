package org.bwnetflow.connect.netflow.decode.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the IPFIX decoder (see {@link DecoderFuzzHarness} for what is checked). Seeds: the
 * shared {@code testdata/netflow/ipfix*.dat}, copied at build time into
 * {@code IpfixFuzzTestInputs/decode/}, plus the sequences below, which put each exporter's
 * template messages in front of its data messages.
 */
public class IpfixFuzzTest {

    private static final DecoderFuzzHarness HARNESS =
            new DecoderFuzzHarness("IpfixFuzzTest", NetFlowDecoder.IPFIX, DecodedFlow.TYPE_IPFIX);

    static Stream<Arguments> sequences() {
        return Stream.of(
                DecoderFuzzHarness.seed("mikrotik tpl+data", "ipfix_test_mikrotik_tpl.dat", "ipfix_test_mikrotik_data258.dat",
                        "ipfix_test_mikrotik_data259.dat"),
                DecoderFuzzHarness.seed("netscaler tpl+data", "ipfix_test_netscaler_tpl.dat", "ipfix_test_netscaler_data.dat"),
                DecoderFuzzHarness.seed("openbsd pflow tpl+data", "ipfix_test_openbsd_pflow_tpl.dat",
                        "ipfix_test_openbsd_pflow_data.dat"),
                // Templates of three exporters into one observation domain set: beyond the limit of 8.
                DecoderFuzzHarness.seed("template flood", "ipfix_test_mikrotik_tpl.dat", "ipfix_test_netscaler_tpl.dat",
                        "ipfix_test_openbsd_pflow_tpl.dat", "ipfix.dat", "ipfix_test_netscaler_data.dat",
                        "ipfix_test_mikrotik_data258.dat"));
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
