package org.bwnetflow.connect.netflow.decode;

/**
 * What the header of the datagram being decoded says, and how a record of it becomes a
 * complete flow (times, sampling rate, interface names). One instance per decoder, refilled
 * for each datagram.
 */
final class DatagramContext {

    /** sysUptime marker for protocols whose header has none (IPFIX). */
    static final long NO_UPTIME = -1;

    private final DecoderSettings settings;

    int type;
    ExporterState exporter;
    DomainState domain;
    long receivedMillis;
    long sequence;
    long exportMillis;
    long sysUptimeMillis;
    long headerSamplingRate;
    long samplingOverride;

    DatagramContext(DecoderSettings settings) {
        this.settings = settings;
    }

    void start(int type, ExporterState exporter, DomainState domain, long receivedMillis, long sequence,
            long exportMillis, long sysUptimeMillis) {
        this.type = type;
        this.exporter = exporter;
        this.domain = domain;
        this.receivedMillis = receivedMillis;
        this.sequence = sequence;
        this.exportMillis = exportMillis;
        this.sysUptimeMillis = sysUptimeMillis;
        this.headerSamplingRate = 0;
        Long override = settings.samplingRateOverrides().isEmpty() ? null
                : settings.samplingRateOverrides().get(exporter.address());
        this.samplingOverride = override == null ? 0 : override;
    }

    /** The datagram decoded its first flow: its domain and exporter are proven state. */
    void provenDomain() {
        exporter.registry().decodedFlows(domain);
    }

    /** Completes a record that has been read into {@code flow}. */
    void finish(DecodedFlow flow) {
        flow.type = type;
        flow.timeReceivedMillis = receivedMillis;
        flow.sequenceNum = sequence;
        flow.exporterAddress = exporter.addressBytes();
        flow.domain = domain;
        flow.resolveCounters();
        flow.resolveDerivedFields();
        resolveTimes(flow);
        flow.samplingRate = samplingRate(flow);
        if (domain.hasInterfaces()) {
            InterfaceInfo in = domain.interfaceForFlow(flow.inIf);
            if (in != null) {
                flow.srcIfName = in.name();
                flow.srcIfDesc = in.description();
            }
            InterfaceInfo out = domain.interfaceForFlow(flow.outIf);
            if (out != null) {
                flow.dstIfName = out.name();
                flow.dstIfDesc = out.description();
            }
        }
    }

    /** Operator override first, then what the record or its sampler announced, then the default. */
    private long samplingRate(DecodedFlow flow) {
        if (samplingOverride > 0) {
            return samplingOverride;
        }
        if (flow.recordSamplingRate > 0) {
            return flow.recordSamplingRate;
        }
        long announced = domain.samplingRate(flow);
        if (announced > 0) {
            return announced;
        }
        if (headerSamplingRate > 0) {
            return headerSamplingRate;
        }
        return settings.defaultSamplingRate();
    }

    private void resolveTimes(DecodedFlow flow) {
        long start = absoluteTime(flow, DecodedFlow.START_ABSOLUTE, DecodedFlow.START_UPTIME, DecodedFlow.START_DELTA);
        long end = absoluteTime(flow, DecodedFlow.END_ABSOLUTE, DecodedFlow.END_UPTIME, DecodedFlow.END_DELTA);
        if (start < 0 && end < 0) {
            start = end = exportMillis;
        } else if (start < 0) {
            start = end;
        } else if (end < 0) {
            end = start;
        }
        flow.timeFlowStartMillis = start;
        flow.timeFlowEndMillis = end;
    }

    /** Unix milliseconds of one flow boundary, or -1 when the record gives no usable time. */
    private long absoluteTime(DecodedFlow flow, int absolute, int uptime, int delta) {
        if (flow.has(absolute)) {
            return flow.raw[absolute];
        }
        if (flow.has(uptime)) {
            if (sysUptimeMillis != NO_UPTIME) {
                // v5/v9: the header's sysUptime and unix time are the same instant; signed
                // 32-bit difference survives the uptime counter wrapping.
                return exportMillis - (int) (sysUptimeMillis - flow.raw[uptime]);
            }
            long init = flow.has(DecodedFlow.SYSTEM_INIT) ? flow.raw[DecodedFlow.SYSTEM_INIT] : domain.systemInitMillis();
            return init > 0 ? sinceInit(init, flow.raw[uptime]) : -1;
        }
        if (flow.has(delta)) {
            return exportMillis - flow.raw[delta] / 1000;
        }
        return -1;
    }

    /**
     * IPFIX sysUpTime fields are unsigned milliseconds since system init, but exporters replaying
     * old packets (softflowd reading a capture) send times before init, wrapped around 2^32.
     * Of the two readings, the one nearer the export time is the flow's.
     */
    private long sinceInit(long initMillis, long uptime) {
        long unsigned = initMillis + uptime;
        long signed = initMillis + (int) uptime;
        return Math.abs(exportMillis - signed) < Math.abs(exportMillis - unsigned) ? signed : unsigned;
    }
}
