package org.bwnetflow.connect.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.bwnetflow.connect.netflow.decode.DecoderCounters;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.StateListener;
import org.bwnetflow.connect.netflow.decode.FlowListener;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;

/**
 * One exporter's datagrams replayed into one decoder: the template datagrams once, then the
 * data datagrams round and round. The receive time stays fixed, so templates never expire
 * and no clock is read inside the measured code; replaying makes the decoder count sequence
 * gaps, which costs nothing extra.
 */
final class Replay {

    /** Receive time of every datagram (2023-11-14T22:13:20Z). */
    static final long NOW_MILLIS = 1_700_000_000_000L;

    private final NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), StateListener.NONE);
    private final InetAddress exporter;
    private final byte[][] ring;
    private int next;

    Replay(List<byte[]> templates, List<byte[]> data) {
        try {
            this.exporter = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        this.ring = data.toArray(new byte[0][]);
        for (byte[] datagram : templates) {
            decoder.decode(datagram, 0, datagram.length, exporter, NOW_MILLIS, flow -> { });
        }
    }

    /** Decodes the next data datagram of the ring. */
    void decodeNext(FlowListener listener) {
        byte[] datagram = ring[next];
        next = next + 1 == ring.length ? 0 : next + 1;
        decoder.decode(datagram, 0, datagram.length, exporter, NOW_MILLIS, listener);
    }

    /**
     * Decodes the whole ring once, {@code datagramsPerCall} datagrams at a time, and fails
     * unless every such call yields {@code flowsPerCall} flows and the decoder counted nothing
     * bad: a benchmark whose input does not decode measures nothing.
     */
    Replay verify(int datagramsPerCall, int flowsPerCall) {
        if (ring.length % datagramsPerCall != 0) {
            throw new IllegalStateException(ring.length + " datagrams do not split into calls of " + datagramsPerCall);
        }
        int[] flows = new int[1];
        for (int call = 0; call < ring.length / datagramsPerCall; call++) {
            flows[0] = 0;
            for (int i = 0; i < datagramsPerCall; i++) {
                decodeNext(flow -> flows[0]++);
            }
            if (flows[0] != flowsPerCall) {
                throw new IllegalStateException("call " + call + " decoded " + flows[0] + " flows, expected "
                        + flowsPerCall);
            }
        }
        checkCounters();
        return this;
    }

    DecoderCounters counters() {
        return decoder.counters();
    }

    void checkCounters() {
        DecoderCounters c = decoder.counters();
        if (c.internalErrors() != 0 || c.malformed() != 0 || c.templateMisses() != 0 || c.unknownVersion() != 0) {
            throw new IllegalStateException("decoder counted problems: " + c, decoder.lastInternalError());
        }
    }
}
