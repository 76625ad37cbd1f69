package org.bwnetflow.connect.netflow.decode;

/**
 * Reads the data sets of a datagram (NetFlow v9 flowset id &gt;= 256, IPFIX set id &gt;= 256)
 * with their templates: flows go to the listener, options records into the domain's state.
 * Keeps the datagram's totals so each decoder counts them once.
 */
final class DataSetReader {

    private final DecodedFlow flow = new DecodedFlow();
    private final OptionsRecord options = new OptionsRecord();
    private final DecoderSettings settings;
    private final DecoderCounters counters;

    /** Records of the current datagram, for sequence tracking and the counters. */
    int flows;
    int optionsRecords;

    DataSetReader(DecoderSettings settings, DecoderCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    void startDatagram() {
        flows = 0;
        optionsRecords = 0;
    }

    void finishDatagram(ExporterState exporter) {
        counters.flows += flows;
        counters.optionsRecords += optionsRecords;
        exporter.flows += flows;
    }

    /**
     * Reads the set of template {@code templateId} in {@code [off, end)}; an unknown template is
     * a counted miss, and trailing bytes shorter than a record are padding.
     */
    void readSet(int templateId, byte[] b, int off, int end, DatagramContext context, FlowListener listener) {
        Template template = context.domain.template(templateId, context.receivedMillis, settings.templateExpiryMillis());
        if (template == null) {
            counters.templateMisses++;
            return;
        }
        int min = template.minRecordLength();
        if (min == 0) {
            counters.malformed++; // a template of zero-length fields describes nothing we could read
            return;
        }
        int pos = off;
        while (end - pos >= min) {
            int next;
            if (template.isOptions()) {
                options.reset();
                next = RecordReader.readOptions(template, b, pos, end, options);
                if (next != RecordReader.NO_RECORD) {
                    if (!context.domain.applyOptions(options, settings)) {
                        counters.optionsRejected++;
                    }
                    optionsRecords++;
                }
            } else {
                flow.reset();
                next = RecordReader.readFlow(template, b, pos, end, flow);
                if (next != RecordReader.NO_RECORD) {
                    context.finish(flow);
                    flows++;
                    listener.onFlow(flow);
                }
            }
            if (next == RecordReader.NO_RECORD) {
                // Only a record with variable-length fields can overrun after passing the minimum.
                if (!ByteReader.allZero(b, pos, end)) {
                    counters.malformed++;
                }
                return;
            }
            pos = next;
        }
    }

    /** The reusable flow instance; v5 decoding fills it directly. */
    DecodedFlow flow() {
        return flow;
    }
}
