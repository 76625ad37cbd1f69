package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u16;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Decodes NetFlow v5, v9, IPFIX and sFlow v5 datagrams into {@link DecodedFlow}s, keeping template,
 * sampling and sequence state per exporter and domain.
 *
 * <p>Not thread-safe: one decoder per decoding thread. Nothing a datagram contains makes it
 * throw, loop without bound or keep more than {@link DecoderSettings#stateMaxBytes()} of state;
 * bad input is counted in {@link #counters()} and skipped. Exceptions of the listeners pass
 * through as {@link ListenerFailure}: they are their owner's bugs, not the decoder's.
 */
public final class NetFlowDecoder {

    public static final int NETFLOW_V5 = 5;
    public static final int NETFLOW_V9 = 9;
    public static final int IPFIX = 10;
    /**
     * sFlow v5. sFlow's version field is 32 bits wide, so this is not its value on the wire but
     * a number no 16-bit NetFlow/IPFIX version field can hold: dispatch, domain keys and offsets
     * never confuse the two (see {@link DatagramKey#version}).
     */
    public static final int SFLOW_V5 = 0x1_0005;

    private final DecoderSettings settings;
    private final DecoderCounters counters = new DecoderCounters();
    private final ExporterRegistry registry;
    private final NetFlowV5Decoder v5;
    private final NetFlowV9Decoder v9;
    private final IpfixDecoder ipfix;
    private final SFlowDecoder sflow;
    private RuntimeException lastInternalError;

    public NetFlowDecoder(DecoderSettings settings, StateListener stateListener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = new ExporterRegistry(settings, counters, Objects.requireNonNull(stateListener, "stateListener"));
        DatagramContext context = new DatagramContext(settings);
        DataSetReader dataSets = new DataSetReader(settings, counters);
        this.v5 = new NetFlowV5Decoder(registry, counters, context, dataSets);
        this.v9 = new NetFlowV9Decoder(registry, counters, context, dataSets);
        this.ipfix = new IpfixDecoder(registry, counters, context, dataSets);
        this.sflow = new SFlowDecoder(registry, counters, context, dataSets, settings.sflowIpLength());
    }

    /**
     * Decodes one datagram of {@code len} bytes at {@code off}, from {@code exporter},
     * received at {@code nowMillis}; every flow record goes to {@code listener}.
     */
    public void decode(byte[] b, int off, int len, InetAddress exporter, long nowMillis, FlowListener listener) {
        counters.datagrams++;
        int version = DatagramKey.version(b, off, len);
        if (version < 0) {
            counters.malformed++;
            return;
        }
        if (version != NETFLOW_V5 && version != NETFLOW_V9 && version != IPFIX && version != SFLOW_V5) {
            counters.unknownVersion++;
            return;
        }
        ExporterState state = registry.exporter(exporter, nowMillis);
        if (state == null) {
            return;
        }
        state.datagrams++;
        registry.budget.pin(state, null); // a new domain must not push out its own exporter
        try {
            decodeVersion(version, b, off, len, state, nowMillis, listener);
        } catch (ListenerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            // Last-resort guard around decoding only: a decoder bug must not take the task down.
            // The fuzz tests assert this counter stays 0.
            counters.internalErrors++;
            lastInternalError = e;
        } finally {
            registry.budget.unpin();
        }
    }

    private void decodeVersion(int version, byte[] b, int off, int len, ExporterState state, long nowMillis,
            FlowListener listener) {
        if (version == NETFLOW_V9) {
            v9.decode(b, off, len, state, nowMillis, listener);
        } else if (version == IPFIX) {
            ipfix.decode(b, off, len, state, nowMillis, listener);
        } else if (version == SFLOW_V5) {
            sflow.decode(b, off, len, state, nowMillis, listener);
        } else {
            v5.decode(b, off, len, state, nowMillis, listener);
        }
    }

    /** Whether the decoder keeps state for this exporter's domain (else it would start it empty). */
    public boolean knows(InetAddress exporter, int version, long domainId) {
        ExporterState state = registry.existingExporter(exporter);
        return state != null && state.domain(version, domainId) != null;
    }

    /**
     * Puts back a domain's saved state before its first datagram is decoded (restored entries
     * count as proven). Does nothing when the domain is already known. Returns the domain's
     * state, or null when the budget refused it.
     */
    public DomainState restore(InetAddress exporter, int version, long domainId, SavedDomain saved, long nowMillis) {
        ExporterState known = registry.existingExporter(exporter);
        DomainState existing = known == null ? null : known.domain(version, domainId);
        if (existing != null) {
            return existing;
        }
        ExporterState state = registry.exporter(exporter, nowMillis);
        if (state == null) {
            return null;
        }
        registry.budget.pin(state, null);
        DomainState domain = registry.domain(state, version, domainId, nowMillis);
        if (domain == null) {
            registry.budget.unpin();
            return null;
        }
        registry.budget.pin(state, domain);
        try {
            domain.restore(saved, nowMillis, settings.templateExpiryMillis());
        } finally {
            registry.budget.unpin();
        }
        return domain;
    }

    public DecoderCounters counters() {
        return counters;
    }

    /** The last exception the guard in {@link #decode} caught, for logging; null if none. */
    public RuntimeException lastInternalError() {
        return lastInternalError;
    }

    /** Bytes of state kept now, as charged to the budget (at most {@link DecoderSettings#stateMaxBytes()}). */
    public long stateBytes() {
        return registry.budget.usedBytes();
    }

    /**
     * The bytes all kept state should be charged, recomputed entry by entry: equals
     * {@link #stateBytes()} unless the budget's bookkeeping is broken (-1: an entry kept but not charged).
     */
    public long recountStateBytes() {
        return registry.recount();
    }

    /** Bytes of state that has decoded flows. */
    public long provenStateBytes() {
        return registry.budget.provenBytes();
    }

    public DecoderSettings settings() {
        return settings;
    }

    /** Forgets expired templates and idle exporters and domains; call now and then (e.g. every few seconds). */
    public void expire(long nowMillis) {
        registry.expire(nowMillis);
    }

    public List<ExporterState> exporters() {
        return registry.all();
    }

    public int exporterCount() {
        return registry.exporterCount();
    }

    /**
     * How many bytes the datagram starting at {@code off} occupies, for files that hold several
     * datagrams back to back; -1 when no datagram starts there. NetFlow v9 headers carry no
     * length, so a v9 datagram ends where a flowset id from the reserved range 2-255 (the next
     * header's version field) or the end of the input appears. sFlow headers carry no length
     * either: an sFlow datagram ends after the samples its header counts.
     */
    public static int datagramLength(byte[] b, int off, int len) {
        if (len < 4) {
            return -1;
        }
        int version = DatagramKey.version(b, off, len);
        if (version == SFLOW_V5) {
            return SFlowDecoder.datagramLength(b, off, len);
        }
        if (version == NETFLOW_V5) {
            return NetFlowV5Decoder.datagramLength(b, off, len);
        }
        if (version == IPFIX) {
            int length = u16(b, off + 2);
            return length < IpfixDecoder.HEADER_LENGTH || length > len ? -1 : length;
        }
        return version == NETFLOW_V9 ? v9DatagramLength(b, off, len) : -1;
    }

    private static int v9DatagramLength(byte[] b, int off, int len) {
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
}
