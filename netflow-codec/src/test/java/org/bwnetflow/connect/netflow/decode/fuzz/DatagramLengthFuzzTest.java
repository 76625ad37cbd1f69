package org.bwnetflow.connect.netflow.decode.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link NetFlowDecoder#datagramLength}, which splits files (and pcap payloads) of
 * back-to-back datagrams: it must never throw, must answer -1 or a length in {@code 1..len}, and
 * must depend only on the bytes in {@code [off, off + len)}. The input is walked the way
 * {@code TestData.datagrams} walks a file (at most {@value #MAX_STEPS} steps), and every answer is
 * compared with the answer for an exact copy of the window (where a read past the end throws).
 * Seeds: all shared {@code testdata/netflow/*.dat}, copied into
 * {@code DatagramLengthFuzzTestInputs/datagramLength/}.
 */
public class DatagramLengthFuzzTest {

    private static final int MAX_STEPS = 64;
    private static final AtomicLong EXECUTIONS = new AtomicLong();
    private static final AtomicLong CALLS = new AtomicLong();

    @FuzzTest
    public void datagramLength(byte[] input) {
        EXECUTIONS.incrementAndGet();
        DecoderFuzzHarness.HangWatchdog.start("DatagramLengthFuzzTest", input);
        try {
            byte[] padded = Arrays.copyOf(input, input.length + 32);
            Arrays.fill(padded, input.length, padded.length, (byte) 0x01); // looks like more flowsets
            int pos = 0;
            for (int step = 0; step < MAX_STEPS && pos < input.length; step++) {
                int len = input.length - pos;
                int inPlace = NetFlowDecoder.datagramLength(padded, pos, len);
                int exact = NetFlowDecoder.datagramLength(Arrays.copyOfRange(input, pos, input.length), 0, len);
                CALLS.addAndGet(2);
                if (inPlace != -1 && (inPlace < 1 || inPlace > len)) {
                    throw new AssertionError("datagramLength(off=" + pos + ", len=" + len + ") = " + inPlace);
                }
                if (inPlace != exact) {
                    throw new AssertionError("datagramLength(off=" + pos + ", len=" + len + ") = " + inPlace
                            + " in the larger array but " + exact + " for an exact copy: it reads outside its window");
                }
                pos += inPlace > 0 ? inPlace : 1;
            }
        } finally {
            DecoderFuzzHarness.HangWatchdog.stop();
        }
    }

    @AfterAll
    static void summary() {
        DecoderFuzzHarness.printSummary("DatagramLengthFuzzTest",
                "executions=" + EXECUTIONS.get() + " calls=" + CALLS.get());
    }
}
