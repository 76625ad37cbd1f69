package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u16;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Decodes NetFlow v5, v9 and IPFIX datagrams into {@link DecodedFlow}s, keeping template,
 * sampling and sequence state per exporter and domain.
 *
 * <p>Not thread-safe: one decoder per decoding thread. Nothing a datagram contains makes it
 * throw, loop without bound or keep memory beyond the limits of its {@link DecoderSettings};
 * bad input is counted in {@link #counters()} and skipped.
 */
public final class NetFlowDecoder {

    public static final int NETFLOW_V5 = 5;
    public static final int NETFLOW_V9 = 9;
    public static final int IPFIX = 10;

    private final DecoderCounters counters = new DecoderCounters();
    private final ExporterRegistry registry;
    private final NetFlowV5Decoder v5;
    private final NetFlowV9Decoder v9;
    private final IpfixDecoder ipfix;
    private RuntimeException lastInternalError;

    public NetFlowDecoder(DecoderSettings settings, DecoderStateListener stateListener) {
        Objects.requireNonNull(settings, "settings");
        this.registry = new ExporterRegistry(settings, Objects.requireNonNull(stateListener, "stateListener"));
        DatagramContext context = new DatagramContext(settings);
        DataSetReader dataSets = new DataSetReader(settings, counters);
        this.v5 = new NetFlowV5Decoder(registry, counters, context, dataSets.flow());
        this.v9 = new NetFlowV9Decoder(settings, registry, counters, context, dataSets);
        this.ipfix = new IpfixDecoder(settings, registry, counters, context, dataSets);
    }

    /**
     * Decodes one datagram of {@code len} bytes at {@code off}, from {@code exporter},
     * received at {@code nowMillis}; every flow record goes to {@code listener}.
     */
    public void decode(byte[] b, int off, int len, InetAddress exporter, long nowMillis, FlowListener listener) {
        counters.datagrams++;
        if (len < 2) {
            counters.malformed++;
            return;
        }
        int version = u16(b, off);
        if (version != NETFLOW_V5 && version != NETFLOW_V9 && version != IPFIX) {
            counters.unknownVersion++;
            return;
        }
        ExporterState state = registry.exporter(exporter, nowMillis);
        if (state == null) {
            counters.exportersRejected++;
            return;
        }
        state.datagrams++;
        try {
            if (version == NETFLOW_V9) {
                v9.decode(b, off, len, state, nowMillis, listener);
            } else if (version == IPFIX) {
                ipfix.decode(b, off, len, state, nowMillis, listener);
            } else {
                v5.decode(b, off, len, state, nowMillis, listener);
            }
        } catch (RuntimeException e) {
            // Last-resort guard: a decoder bug must not take the task down. The fuzz tests
            // assert this counter stays 0.
            counters.internalErrors++;
            lastInternalError = e;
        }
    }

    public DecoderCounters counters() {
        return counters;
    }

    /** The last exception the guard in {@link #decode} caught, for logging; null if none. */
    public RuntimeException lastInternalError() {
        return lastInternalError;
    }

    /** Forgets expired templates and idle exporters; call now and then (e.g. once a minute). */
    public void expire(long nowMillis) {
        registry.expire(nowMillis);
    }

    public List<ExporterState> exporters() {
        return registry.all();
    }

    /**
     * How many bytes the datagram starting at {@code off} occupies, for files that hold several
     * datagrams back to back; -1 when no datagram starts there. NetFlow v9 headers carry no
     * length, so a v9 datagram ends where a flowset id from the reserved range 2-255 (the next
     * header's version field) or the end of the input appears.
     */
    public static int datagramLength(byte[] b, int off, int len) {
        if (len < 4) {
            return -1;
        }
        int version = u16(b, off);
        if (version == NETFLOW_V5) {
            return NetFlowV5Decoder.datagramLength(b, off, len);
        }
        if (version == IPFIX) {
            int length = u16(b, off + 2);
            return length < IpfixDecoder.HEADER_LENGTH || length > len ? -1 : length;
        }
        if (version == NETFLOW_V9) {
            if (len < NetFlowV9Decoder.HEADER_LENGTH) {
                return -1;
            }
            int pos = off + NetFlowV9Decoder.HEADER_LENGTH;
            int end = off + len;
            while (end - pos >= 4) {
                int setId = u16(b, pos);
                int setLength = u16(b, pos + 2);
                if (setId > 1 && setId < 256) {
                    break;
                }
                if (setLength < 4 || setLength > end - pos) {
                    return len;
                }
                pos += setLength;
            }
            return end - pos < 4 ? len : pos - off;
        }
        return -1;
    }
}
