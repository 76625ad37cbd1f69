package org.bwnetflow.connect.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.flowctl.generate.FlowGenerator;
import org.bwnetflow.connect.flowctl.generate.GeneratedFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;

/**
 * Datagrams of flowctl's deterministic traffic (same seed, same bytes): one datagram with
 * the templates only, then {@link #DATAGRAMS} data datagrams of {@link #FLOWS_PER_DATAGRAM}
 * flows each, IPv4 and IPv6 mixed as the generator draws them (about 1 in 10 is IPv6).
 */
final class GeneratedTraffic {

    static final int FLOWS_PER_DATAGRAM = 24;
    /** Distinct data datagrams the benchmarks cycle through (a power of two). */
    static final int DATAGRAMS = 128;
    static final long SEED = 42;
    static final int EXPORTER_INDEX = 1;

    final List<byte[]> templates;
    final List<byte[]> data;

    private GeneratedTraffic(List<byte[]> templates, List<byte[]> data) {
        this.templates = templates;
        this.data = data;
    }

    static GeneratedTraffic netflowV9(long nowMillis) {
        return encode(new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, EXPORTER_INDEX, nowMillis - 86_400_000L),
                nowMillis);
    }

    static GeneratedTraffic ipfix(long nowMillis) {
        return encode(new FlowExportEncoder(FlowExportEncoder.Format.IPFIX, EXPORTER_INDEX, nowMillis - 86_400_000L),
                nowMillis);
    }

    private static GeneratedTraffic encode(FlowExportEncoder encoder, long nowMillis) {
        FlowGenerator generator = new FlowGenerator(SEED, EXPORTER_INDEX);
        List<byte[]> templates = List.of(encoder.encode(List.of(), true, nowMillis));
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < DATAGRAMS; i++) {
            data.add(encoder.encode(GeneratedFlow.at(flows(generator), nowMillis), false, nowMillis));
        }
        return new GeneratedTraffic(templates, data);
    }

    private static List<GeneratedFlow> flows(FlowGenerator generator) {
        List<GeneratedFlow> flows = new ArrayList<>(FLOWS_PER_DATAGRAM);
        for (int i = 0; i < FLOWS_PER_DATAGRAM; i++) {
            flows.add(generator.next());
        }
        return flows;
    }
}
