package org.bwnetflow.connect.netflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.decode.StateListener;

/** Decodes datagrams as if from one exporter and keeps a copy of every flow. */
public final class CodecRun {

    public static final InetAddress EXPORTER = address("192.0.2.1");
    /** A receive time for tests that do not care which. */
    public static final long NOW = 1_700_000_000_000L;

    public final NetFlowDecoder decoder;
    public final List<DecodedFlow> flows = new ArrayList<>();

    public CodecRun(DecoderSettings settings) {
        this.decoder = new NetFlowDecoder(settings, StateListener.NONE);
    }

    public CodecRun() {
        this(DecoderSettings.defaults());
    }

    /** Decodes the datagrams in order, all received at {@code nowMillis}. */
    public CodecRun decode(List<byte[]> datagrams, long nowMillis) {
        for (byte[] datagram : datagrams) {
            decode(datagram, nowMillis);
        }
        return this;
    }

    public CodecRun decode(byte[] datagram, long nowMillis) {
        return decode(datagram, EXPORTER, nowMillis);
    }

    public CodecRun decode(byte[] datagram, InetAddress exporter, long nowMillis) {
        decoder.decode(datagram, 0, datagram.length, exporter, nowMillis, flow -> flows.add(flow.copy()));
        return this;
    }

    /** Decodes every datagram of a capture folder under {@code captures/} (see its README), in order. */
    public CodecRun decodeCapture(String folder, long nowMillis) {
        for (int i = 1; ; i++) {
            String name = String.format("/captures/%s/%03d.bin", folder, i);
            try (InputStream in = CodecRun.class.getResourceAsStream(name)) {
                if (in == null) {
                    if (i == 1) {
                        throw new IllegalArgumentException("no capture " + folder);
                    }
                    return this;
                }
                decode(in.readAllBytes(), nowMillis);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** "a.b.c.d" or IPv6 text of 4 or 16 address bytes. */
    public static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
