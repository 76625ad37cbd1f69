package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u16;
import static org.bwnetflow.connect.netflow.decode.ByteReader.u32;
import static org.bwnetflow.connect.netflow.decode.ByteReader.u8;

/** NetFlow v5: a 24-byte header and fixed 48-byte records, no templates. */
final class NetFlowV5Decoder {

    static final int HEADER_LENGTH = 24;
    static final int RECORD_LENGTH = 48;

    private final ExporterRegistry registry;
    private final DecoderCounters counters;
    private final DatagramContext context;
    private final DataSetReader dataSets;
    private final DecodedFlow flow;

    NetFlowV5Decoder(ExporterRegistry registry, DecoderCounters counters, DatagramContext context,
            DataSetReader dataSets) {
        this.registry = registry;
        this.counters = counters;
        this.context = context;
        this.dataSets = dataSets;
        this.flow = dataSets.flow();
    }

    /** Bytes the datagram at {@code off} occupies according to its header, or -1 if it cannot be one. */
    static int datagramLength(byte[] b, int off, int len) {
        if (len < HEADER_LENGTH) {
            return -1;
        }
        int count = u16(b, off + 2);
        int length = HEADER_LENGTH + count * RECORD_LENGTH;
        return count == 0 || length > len ? -1 : length;
    }

    void decode(byte[] b, int off, int len, ExporterState exporter, long nowMillis, FlowListener listener) {
        int length = datagramLength(b, off, len);
        if (length < 0) {
            counters.malformed++; // a count that does not fit: nothing in the datagram can be trusted
            return;
        }
        int count = u16(b, off + 2);
        long sysUptime = u32(b, off + 4);
        long unixSecs = u32(b, off + 8);
        long unixNanos = u32(b, off + 12);
        long sequence = u32(b, off + 16);
        int engine = u16(b, off + 20);
        int sampling = u16(b, off + 22);
        DomainState domain = registry.domain(exporter, NetFlowDecoder.NETFLOW_V5, engine, nowMillis);
        if (domain == null) {
            return;
        }
        registry.budget.pin(exporter, domain);
        counters.sequenceGap(exporter, domain.checkSequence(sequence));
        domain.expectNext(sequence + count);
        context.start(DecodedFlow.TYPE_NETFLOW_V5, exporter, domain, nowMillis, sequence,
                unixSecs * 1000 + unixNanos / 1_000_000, sysUptime);
        // Two top bits: sampling mode; low 14 bits: the interval.
        context.headerSamplingRate = sampling & 0x3FFF;
        dataSets.startDatagram();
        if (count > 0) {
            context.provenDomain();
        }

        for (int i = 0; i < count; i++) {
            int r = off + HEADER_LENGTH + i * RECORD_LENGTH;
            flow.reset();
            System.arraycopy(b, r, flow.srcAddr, 0, 4);
            flow.srcAddrLength = 4;
            System.arraycopy(b, r + 4, flow.dstAddr, 0, 4);
            flow.dstAddrLength = 4;
            System.arraycopy(b, r + 8, flow.nextHop, 0, 4);
            flow.nextHopLength = 4;
            flow.inIf = u16(b, r + 12);
            flow.outIf = u16(b, r + 14);
            flow.raw(DecodedFlow.PACKET_DELTA, u32(b, r + 16));
            flow.raw(DecodedFlow.OCTET_DELTA, u32(b, r + 20));
            flow.raw(DecodedFlow.START_UPTIME, u32(b, r + 24));
            flow.raw(DecodedFlow.END_UPTIME, u32(b, r + 28));
            flow.srcPort = u16(b, r + 32);
            flow.dstPort = u16(b, r + 34);
            flow.tcpFlags = u8(b, r + 37);
            flow.proto = u8(b, r + 38);
            flow.ipTos = u8(b, r + 39);
            flow.srcAs = u16(b, r + 40);
            flow.dstAs = u16(b, r + 42);
            flow.srcNet = u8(b, r + 44);
            flow.dstNet = u8(b, r + 45);
            context.finish(flow);
            dataSets.emit(flow, listener);
        }
        dataSets.finishDatagram(exporter);
    }
}
