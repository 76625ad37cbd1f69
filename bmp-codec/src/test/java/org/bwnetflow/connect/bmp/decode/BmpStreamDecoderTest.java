package org.bwnetflow.connect.bmp.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BmpStreamDecoderTest {

    static byte[] capture(String name) throws Exception {
        try (InputStream in = BmpStreamDecoderTest.class.getResourceAsStream("/captures/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theStreamDecodesTheSameInWhateverPiecesTcpDeliversIt() throws Exception {
        byte[] stream = capture("gobgp-3.10-peer.bmp");
        RecordingListener whole = new RecordingListener();
        new BmpStreamDecoder(1 << 17, 16, whole).accept(stream, 0, stream.length);
        assertThat(whole.events).first().isEqualTo("initiation GoBGP 3.10.0"); // sysName, sysDescr
        // reason 3: the remote system closed the session with a NOTIFICATION (the stopped neighbour sent a Cease)
        assertThat(whole.events).contains("up AS65001", "down 3").hasSize(10);

        Random random = new Random(25);
        for (int run = 0; run < 200; run++) {
            RecordingListener pieces = new RecordingListener();
            BmpStreamDecoder decoder = new BmpStreamDecoder(1 << 17, 16, pieces);
            int at = 0;
            while (at < stream.length) {
                int length = Math.min(stream.length - at, 1 + random.nextInt(run % 2 == 0 ? 7 : 300));
                decoder.accept(stream, at, length);
                at += length;
            }
            assertThat(pieces.events).isEqualTo(whole.events);
            assertThat(decoder.pendingBytes()).isZero();
        }
    }

    /** A maximal message arriving in pieces (a slow or hostile router) never makes the buffer more than it plus one piece. */
    @Test
    void theBufferOfAMaximalMessageStaysWithinItsBound() throws Exception {
        int max = 1 << 20;
        int piece = 65_536;
        byte[] message = new byte[max];
        message[0] = 3;
        message[1] = (byte) (max >>> 24);
        message[2] = (byte) (max >>> 16);
        message[3] = (byte) (max >>> 8);
        message[4] = (byte) max;
        message[5] = 4; // Initiation, no information TLVs: zero-filled rest is read as TLV type 0 length 0
        BmpStreamDecoder decoder = new BmpStreamDecoder(max, 16, new RecordingListener());
        int largest = 0;
        for (int at = 0; at < max - 100; at += 1000) {
            decoder.accept(message, at, Math.min(1000, max - 100 - at));
            largest = Math.max(largest, decoder.bufferBytes());
        }
        assertThat(decoder.pendingBytes()).isEqualTo(max - 100);
        assertThat(largest).isLessThanOrEqualTo(max + piece);
    }

    @Test
    void aSessionHoldsAtMostOneMessageAndABoundedNumberOfPeers() throws Exception {
        byte[] stream = capture("gobgp-3.10-peer.bmp");
        assertThatThrownBy(() -> new BmpStreamDecoder(100, 16, new RecordingListener()).accept(stream, 0, stream.length))
                .isInstanceOf(MalformedBmpException.class).hasMessageContaining("over the bound");
        assertThatThrownBy(() -> new BmpStreamDecoder(1 << 17, 0, new RecordingListener()).accept(stream, 0, stream.length))
                .hasMessageContaining("more than 0 peers");
    }
}
