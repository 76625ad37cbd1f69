package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u32;

/**
 * sFlow v5 (sflow.org/sflow_version_5.txt): the datagram header, then samples, each
 * {@code data_format, length, body}. Flow samples (compact 0:1 and expanded 0:3) become one flow
 * each, their records merged by {@link SFlowFlowRecords}; counter samples (0:2, 0:4) are counted;
 * other samples are skipped by their length.
 *
 * <p>The domain is (UDP sender, sub-agent id); the datagram's sequence number counts datagrams
 * of that sub-agent. Every flow's SamplerAddress is the agent address from the datagram, not the
 * UDP sender. sFlow carries no flow times: start, end and receive time are the receive time.
 *
 * <p>Every length and count is checked against the bytes left: a sample that does not fit
 * ends the datagram (counted as malformed), a flow sample whose records do not fit its length is
 * dropped (counted), so num_samples and num_records cannot drive more work than there are bytes.
 */
final class SFlowDecoder {

    static final int VERSION = 5;
    private static final int ADDRESS_IPV4 = 1;
    private static final int ADDRESS_IPV6 = 2;

    private static final int FLOW_SAMPLE = 1;
    private static final int COUNTER_SAMPLE = 2;
    private static final int FLOW_SAMPLE_EXPANDED = 3;
    private static final int COUNTER_SAMPLE_EXPANDED = 4;
    private static final int FLOW_SAMPLE_FIXED = 32;
    private static final int FLOW_SAMPLE_EXPANDED_FIXED = 44;

    /** Interface value 0x3FFFFFFF: not known. */
    private static final long IF_UNKNOWN = 0x3FFF_FFFFL;
    private static final int IF_FORMAT_SINGLE = 0;
    private static final int IF_FORMAT_DISCARDED = 1;
    /** ForwardingStatus "dropped" (RFC 7270 forwardingStatus, status bits 10, reason unknown). */
    static final int FORWARDING_DROPPED = 128;

    private final ExporterRegistry registry;
    private final DecoderCounters counters;
    private final DatagramContext context;
    private final DataSetReader dataSets;
    private final DecodedFlow flow;
    private final SFlowFlowRecords records;

    /** The last agent address that was not its sender's: reused while the agent stays the same. */
    private byte[] lastAgent = new byte[0];
    private byte[] agent;
    private int samplesInDatagram;

    SFlowDecoder(ExporterRegistry registry, DecoderCounters counters, DatagramContext context, DataSetReader dataSets,
            boolean ipLength) {
        this.registry = registry;
        this.counters = counters;
        this.context = context;
        this.dataSets = dataSets;
        this.flow = dataSets.flow();
        this.records = new SFlowFlowRecords(counters, ipLength);
    }

    /** Bytes of the header up to and including num_samples, or -1 when it is incomplete or not sFlow v5. */
    static int headerLength(byte[] b, int off, int len) {
        if (len < 8 || u32(b, off) != VERSION) {
            return -1;
        }
        long addressType = u32(b, off + 4);
        int addressLength = addressType == ADDRESS_IPV4 ? 4 : addressType == ADDRESS_IPV6 ? 16 : -1;
        if (addressLength < 0) {
            return -1;
        }
        int length = 8 + addressLength + 16;
        return len < length ? -1 : length;
    }

    /** The sub-agent id, or {@link DatagramKey#NONE} when the header is incomplete. */
    static long subAgentId(byte[] b, int off, int len) {
        int header = headerLength(b, off, len);
        return header < 0 ? DatagramKey.NONE : u32(b, off + header - 16);
    }

    /** Bytes of the datagram at {@code off}: its header and the samples it counts; -1 if they do not fit. */
    static int datagramLength(byte[] b, int off, int len) {
        int header = headerLength(b, off, len);
        if (header < 0) {
            return -1;
        }
        long samples = u32(b, off + header - 4);
        int pos = off + header;
        int end = off + len;
        for (long i = 0; i < samples; i++) {
            if (end - pos < 8 || u32(b, pos + 4) > end - pos - 8) {
                return -1;
            }
            pos += 8 + (int) u32(b, pos + 4);
        }
        return pos - off;
    }

    void decode(byte[] b, int off, int len, ExporterState exporter, long nowMillis, FlowListener listener) {
        int header = headerLength(b, off, len);
        if (header < 0) {
            counters.malformed++; // a truncated header, or an agent address of unknown type
            return;
        }
        int fields = off + header - 16;
        long subAgent = u32(b, fields);
        long sequence = u32(b, fields + 4);
        long samples = u32(b, fields + 12);
        DomainState domain = registry.domain(exporter, NetFlowDecoder.SFLOW_V5, subAgent, nowMillis);
        if (domain == null) {
            return;
        }
        registry.budget.pin(exporter, domain);
        counters.sequenceGap(exporter, domain.checkSequence(sequence));
        domain.expectNext(sequence + 1);
        // No flow times in sFlow (and the uptime is the agent's, not a flow's): everything is the receive time.
        context.start(DecodedFlow.TYPE_SFLOW_5, exporter, domain, nowMillis, sequence, nowMillis,
                DatagramContext.NO_UPTIME);
        agent = agentAddress(b, off + 8, header - 24, exporter);
        samplesInDatagram = 0;
        dataSets.startDatagram();
        int pos = off + header;
        int end = off + len;
        for (long i = 0; i < samples; i++) {
            if (end - pos < 8 || u32(b, pos + 4) > end - pos - 8) {
                counters.malformed++; // truncated: the sample's length runs past the datagram
                break;
            }
            int bodyEnd = pos + 8 + (int) u32(b, pos + 4);
            sample(u32(b, pos), b, pos + 8, bodyEnd, listener);
            pos = bodyEnd;
        }
        dataSets.finishDatagram(exporter);
    }

    /** The agent address as flows carry it: the sender's bytes when equal, else one array per new agent. */
    private byte[] agentAddress(byte[] b, int pos, int length, ExporterState exporter) {
        byte[] sender = exporter.addressBytes();
        if (sameBytes(sender, b, pos, length)) {
            return sender;
        }
        if (!sameBytes(lastAgent, b, pos, length)) {
            lastAgent = new byte[length];
            System.arraycopy(b, pos, lastAgent, 0, length);
        }
        return lastAgent;
    }

    private static boolean sameBytes(byte[] known, byte[] b, int pos, int length) {
        if (known.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known[i] != b[pos + i]) {
                return false;
            }
        }
        return true;
    }

    private void sample(long format, byte[] b, int pos, int end, FlowListener listener) {
        if (format == FLOW_SAMPLE || format == FLOW_SAMPLE_EXPANDED) {
            flowSample(format == FLOW_SAMPLE_EXPANDED, b, pos, end, listener);
        } else if (format == COUNTER_SAMPLE || format == COUNTER_SAMPLE_EXPANDED) {
            // Interface counters (and their ifSpeed) are not decoded: DecodedFlow has no field they could feed.
            counters.sflowCounterSamples++;
        } else {
            counters.sflowUnknownSamples++; // other enterprises' samples, or formats of later versions
        }
    }

    private void flowSample(boolean expanded, byte[] b, int pos, int end, FlowListener listener) {
        if (end - pos < (expanded ? FLOW_SAMPLE_EXPANDED_FIXED : FLOW_SAMPLE_FIXED)) {
            counters.malformed++;
            return;
        }
        flow.reset();
        // sequence (4), source id (4, expanded: type 4 + index 4), sampling rate, pool, drops
        int rate = pos + (expanded ? 12 : 8);
        flow.recordSamplingRate = u32(b, rate);
        int interfaces = rate + 12;
        int recordCount;
        if (expanded) {
            flow.inIf = u32(b, interfaces) == IF_FORMAT_SINGLE ? u32(b, interfaces + 4) : 0;
            outputInterface(u32(b, interfaces + 8), u32(b, interfaces + 12));
            recordCount = interfaces + 16;
        } else {
            long input = u32(b, interfaces);
            flow.inIf = input >>> 30 == IF_FORMAT_SINGLE && (input & IF_UNKNOWN) != IF_UNKNOWN ? input : 0;
            long output = u32(b, interfaces + 4);
            outputInterface(output >>> 30, output & IF_UNKNOWN);
            recordCount = interfaces + 8;
        }
        if (!records.read(b, recordCount + 4, end, u32(b, recordCount), flow)) {
            return; // counted: the sample's records do not fit its length
        }
        counters.sflowSamples++;
        if (++samplesInDatagram == 1) {
            context.provenDomain();
        }
        context.finish(flow);
        flow.exporterAddress = agent;
        dataSets.emit(flow, listener);
    }

    /** OutIf for a single interface; a discarded packet is ForwardingStatus "dropped"; several interfaces: none. */
    private void outputInterface(long format, long value) {
        if (format == IF_FORMAT_SINGLE && value != IF_UNKNOWN) {
            flow.outIf = value;
        } else if (format == IF_FORMAT_DISCARDED) {
            flow.forwardingStatus = FORWARDING_DROPPED;
        }
    }
}
