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
            InterfaceInfo in = domain.interfaceInfo(flow.inIf);
            if (in != null) {
                flow.srcIfName = in.name();
                flow.srcIfDesc = in.description();
            }
            InterfaceInfo out = domain.interfaceInfo(flow.outIf);
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
        long start = absoluteTime(flow, DecodedFlow.START_ABSOLUTE, flow.startAbsoluteMillis,
                DecodedFlow.START_UPTIME, flow.startUptime, DecodedFlow.START_DELTA, flow.startDeltaMicros);
        long end = absoluteTime(flow, DecodedFlow.END_ABSOLUTE, flow.endAbsoluteMillis,
                DecodedFlow.END_UPTIME, flow.endUptime, DecodedFlow.END_DELTA, flow.endDeltaMicros);
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
    private long absoluteTime(DecodedFlow flow, int absoluteBit, long absolute, int uptimeBit, long uptime,
            int deltaBit, long deltaMicros) {
        if (flow.has(absoluteBit)) {
            return absolute;
        }
        if (flow.has(uptimeBit)) {
            if (sysUptimeMillis != NO_UPTIME) {
                // v5/v9: the header's sysUptime and unix time are the same instant; signed
                // 32-bit difference survives the uptime counter wrapping.
                return exportMillis - (int) (sysUptimeMillis - uptime);
            }
            long init = flow.has(DecodedFlow.SYSTEM_INIT) ? flow.systemInitMillis : domain.systemInitMillis();
            return init > 0 ? init + uptime : -1;
        }
        if (flow.has(deltaBit)) {
            return exportMillis - deltaMicros / 1000;
        }
        return -1;
    }
}
