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

    /** The template of the data set being read, and whether it has decoded a flow yet. */
    private StoredTemplate setTemplate;
    private boolean setProven;

    /** Records of the current datagram, for sequence tracking and the counters. */
    int flows;
    int flowRecords;
    int optionsRecords;

    DataSetReader(DecoderSettings settings, DecoderCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    void startDatagram() {
        flows = 0;
        flowRecords = 0;
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
        StoredTemplate stored = context.domain.template(templateId, context.receivedMillis, settings.templateExpiryMillis());
        if (stored == null) {
            counters.templateMisses++;
            return;
        }
        Template template = stored.template;
        int min = template.minRecordLength();
        if (min == 0) {
            counters.malformed++; // a template of zero-length fields describes nothing we could read
            return;
        }
        int pos = off;
        setTemplate = stored;
        setProven = false;
        while (end - pos >= min) {
            int next = template.isOptions() ? readOptions(template, b, pos, end, context)
                    : readFlow(template, b, pos, end, context, listener);
            if (next == RecordReader.NO_RECORD) {
                // Only a record with variable-length fields can overrun after passing the minimum.
                if (!ByteReader.allZero(b, pos, end)) {
                    counters.malformed++;
                }
                break;
            }
            pos = next;
        }
    }

    private int readOptions(Template template, byte[] b, int pos, int end, DatagramContext context) {
        options.reset();
        int next = RecordReader.readOptions(template, b, pos, end, options);
        if (next != RecordReader.NO_RECORD) {
            if (!context.domain.applyOptions(options)) {
                counters.optionsRejected++;
            }
            optionsRecords++;
        }
        return next;
    }

    private int readFlow(Template template, byte[] b, int pos, int end, DatagramContext context, FlowListener listener) {
        flow.reset();
        int next = RecordReader.readFlow(template, b, pos, end, flow);
        if (next != RecordReader.NO_RECORD) {
            flowRecords++;
            if (flowRecords == 1) {
                context.provenDomain();
            }
            context.finish(flow);
            counters.timeFieldsUnusualLength += flow.unusualTimeFields;
            if (!setProven) {
                // before the first record is built, so the state to save is known when it is
                context.domain.decodedFlows(setTemplate);
                setProven = true;
            }
            emit(flow, listener);
        }
        return next;
    }

    /** One flow per record; an RFC 5103 biflow record gives two, its forward and reverse halves. */
    void emit(DecodedFlow decoded, FlowListener listener) {
        boolean biflow = decoded.isBiflow();
        if (!biflow || !decoded.isForwardEmpty()) {
            deliver(decoded, listener);
        }
        if (biflow && !decoded.isReverseEmpty()) {
            decoded.turnAround();
            deliver(decoded, listener);
            counters.reverseFlows++;
        }
    }

    private void deliver(DecodedFlow decoded, FlowListener listener) {
        flows++;
        try {
            listener.onFlow(decoded);
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
    }

    /** The reusable flow instance; v5 decoding fills it directly. */
    DecodedFlow flow() {
        return flow;
    }
}
