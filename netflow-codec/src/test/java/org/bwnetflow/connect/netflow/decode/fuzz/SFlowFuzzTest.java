package org.bwnetflow.connect.netflow.decode.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.testing.SFlowDatagrams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the sFlow v5 decoder (see {@link DecoderFuzzHarness} for what is checked). There are no
 * sFlow captures in the shared testdata yet, so the seeds are the datagrams of
 * {@link SFlowDatagrams#examples()} (Ethernet/802.1Q/QinQ/MPLS/IPv4/IPv6 headers, sampled IPv4/IPv6,
 * extended switch/router/gateway, counter and unknown samples, IPv4 and IPv6 agents), each alone
 * and all back to back (the harness splits them where {@link NetFlowDecoder#datagramLength} says).
 */
public class SFlowFuzzTest {

    private static final DecoderFuzzHarness HARNESS =
            new DecoderFuzzHarness("SFlowFuzzTest", NetFlowDecoder.SFLOW_V5, DecodedFlow.TYPE_SFLOW_5);

    static Stream<Arguments> sequences() {
        Map<String, byte[]> examples = SFlowDatagrams.examples();
        List<Arguments> seeds = new ArrayList<>();
        examples.forEach((name, datagram) -> seeds.add(Arguments.of(Named.of(name, datagram))));
        seeds.add(Arguments.of(Named.of("all examples back to back",
                SFlowDatagrams.concat(examples.values().toArray(new byte[0][])))));
        return seeds.stream();
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
