package org.bwnetflow.connect.netflow.decode.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the NetFlow v5 decoder (see {@link DecoderFuzzHarness} for what is checked). Seeds: the
 * shared {@code testdata/netflow/netflow5*.dat}, copied at build time into
 * {@code NetFlowV5FuzzTestInputs/decode/}, plus the sequences below.
 */
public class NetFlowV5FuzzTest {

    private static final DecoderFuzzHarness HARNESS =
            new DecoderFuzzHarness("NetFlowV5FuzzTest", NetFlowDecoder.NETFLOW_V5, DecodedFlow.TYPE_NETFLOW_V5);

    /** Datagrams of two exporter programs back to back: two engines (domains), sequence jumps. */
    static Stream<Arguments> sequences() {
        return Stream.of(
                DecoderFuzzHarness.seed("netflow5 + microtik", "netflow5.dat", "netflow5_test_microtik.dat"));
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
