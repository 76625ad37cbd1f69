package org.bwnetflow.connect.bmp.decode.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bwnetflow.connect.bmp.decode.BmpStreamDecoder;
import org.bwnetflow.connect.bmp.decode.MalformedBmpException;
import org.bwnetflow.connect.bmp.decode.RecordingListener;

/**
 * Fuzzes a router's BMP stream into the decoder (seeds: the real gobgpd captures, copied at build
 * time into {@code BmpStreamFuzzTestInputs/decode/}). Whatever the bytes, the decoder either
 * reports messages or throws {@link MalformedBmpException}, and never holds more than its bound.
 */
public class BmpStreamFuzzTest {

    private static final int MAX_MESSAGE = 1 << 17;

    @FuzzTest
    public void decode(byte[] input) {
        BmpStreamDecoder decoder = new BmpStreamDecoder(MAX_MESSAGE, 64, new RecordingListener());
        try {
            // in two pieces, as TCP may deliver it
            int half = input.length / 2;
            decoder.accept(input, 0, half);
            decoder.accept(input, half, input.length - half);
        } catch (MalformedBmpException expected) {
            return; // the session would be closed
        }
        if (decoder.pendingBytes() > MAX_MESSAGE) {
            throw new IllegalStateException("the decoder holds " + decoder.pendingBytes() + " bytes");
        }
    }
}
