package org.bwnetflow.connect.netflow.decode;

/**
 * Walks the records of one data set (NetFlow v9 flowset id &gt;= 256, IPFIX set id &gt;= 256)
 * with its template: flows go to the listener, options records into the domain's state.
 */
final class DataSetReader {

    private final DecodedFlow flow = new DecodedFlow();
    private final OptionsRecord options = new OptionsRecord();
    private final DecoderSettings settings;

    /** Results of the last {@link #read}: kept in fields so reading allocates nothing. */
    int flows;
    int optionsRecords;
    boolean truncated;

    DataSetReader(DecoderSettings settings) {
        this.settings = settings;
    }

    /** Reads the records in {@code [off, end)}; trailing bytes shorter than a record are padding. */
    void read(Template template, byte[] b, int off, int end, DatagramContext context, FlowListener listener) {
        flows = 0;
        optionsRecords = 0;
        truncated = false;
        int min = template.minRecordLength();
        if (min == 0) {
            truncated = true; // a template of zero-length fields describes nothing we could read
            return;
        }
        int pos = off;
        while (end - pos >= min) {
            int next;
            if (template.isOptions()) {
                options.reset();
                next = RecordReader.readOptions(template, b, pos, end, options);
                if (next != RecordReader.NO_RECORD) {
                    context.domain.applyOptions(options, settings.maxInterfacesPerDomain());
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
                // Only a variable-length record can overrun after passing the minimum length.
                truncated = !template.hasVariableLengthFields() || !ByteReader.allZero(b, pos, end);
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
