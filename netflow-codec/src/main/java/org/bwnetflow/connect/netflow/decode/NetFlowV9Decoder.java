package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u16;
import static org.bwnetflow.connect.netflow.decode.ByteReader.u32;

/** NetFlow v9 (RFC 3954): header, template and options-template flowsets, data flowsets. */
final class NetFlowV9Decoder {

    static final int HEADER_LENGTH = 20;
    private static final int TEMPLATE_FLOWSET = 0;
    private static final int OPTIONS_TEMPLATE_FLOWSET = 1;
    private static final int FIRST_DATA_FLOWSET = 256;

    private final ExporterRegistry registry;
    private final DecoderCounters counters;
    private final DatagramContext context;
    private final DataSetReader dataSets;

    NetFlowV9Decoder(ExporterRegistry registry, DecoderCounters counters,
            DatagramContext context, DataSetReader dataSets) {
        this.registry = registry;
        this.counters = counters;
        this.context = context;
        this.dataSets = dataSets;
    }

    void decode(byte[] b, int off, int len, ExporterState exporter, long nowMillis, FlowListener listener) {
        if (len < HEADER_LENGTH) {
            counters.malformed++;
            return;
        }
        long sysUptime = u32(b, off + 4);
        long unixSecs = u32(b, off + 8);
        long sequence = u32(b, off + 12);
        long sourceId = u32(b, off + 16);
        DomainState domain = registry.domain(exporter, NetFlowDecoder.NETFLOW_V9, sourceId, nowMillis);
        if (domain == null) {
            return;
        }
        registry.budget.pin(exporter, domain);
        counters.sequenceGap(exporter, domain.checkSequence(sequence));
        domain.expectNext(sequence + 1);
        context.start(DecodedFlow.TYPE_NETFLOW_V9, exporter, domain, nowMillis, sequence, unixSecs * 1000, sysUptime);

        int end = off + len;
        int pos = off + HEADER_LENGTH;
        dataSets.startDatagram();
        while (end - pos >= 4) {
            int setId = u16(b, pos);
            int setLength = u16(b, pos + 2);
            if (setLength < 4 || setLength > end - pos) {
                counters.malformed++;
                break; // without a trustworthy length there is no next flowset to find
            }
            int body = pos + 4;
            int setEnd = pos + setLength;
            if (setId == TEMPLATE_FLOWSET) {
                readTemplates(b, body, setEnd, domain, nowMillis);
            } else if (setId == OPTIONS_TEMPLATE_FLOWSET) {
                readOptionsTemplates(b, body, setEnd, domain, nowMillis);
            } else if (setId >= FIRST_DATA_FLOWSET) {
                dataSets.readSet(setId, b, body, setEnd, context, listener);
            } else {
                counters.malformed++; // flowset ids 2-255 are reserved
            }
            pos = setEnd;
        }
        dataSets.finishDatagram(exporter);
    }

    private void readTemplates(byte[] b, int pos, int end, DomainState domain, long nowMillis) {
        while (end - pos >= 4) {
            int templateId = u16(b, pos);
            int fieldCount = u16(b, pos + 2);
            pos += 4;
            if (templateId < FIRST_DATA_FLOWSET || fieldCount > Template.MAX_FIELDS || fieldCount * 4 > end - pos) {
                if (templateId != 0 || fieldCount != 0 || !ByteReader.allZero(b, pos, end)) {
                    counters.malformed++;
                }
                return;
            }
            int[] types = new int[fieldCount];
            int[] lengths = new int[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                types[i] = u16(b, pos);
                lengths[i] = u16(b, pos + 2);
                pos += 4;
            }
            store(new Template(templateId, false, 0, types, new long[fieldCount], lengths), domain, nowMillis);
        }
    }

    private void readOptionsTemplates(byte[] b, int pos, int end, DomainState domain, long nowMillis) {
        while (end - pos >= 6) {
            int templateId = u16(b, pos);
            int scopeLength = u16(b, pos + 2);
            int optionLength = u16(b, pos + 4);
            pos += 6;
            if (templateId < FIRST_DATA_FLOWSET || scopeLength % 4 != 0 || optionLength % 4 != 0
                    || scopeLength + optionLength > end - pos) {
                if (templateId != 0 || !ByteReader.allZero(b, pos, end)) {
                    counters.malformed++;
                }
                return;
            }
            int scopeCount = scopeLength / 4;
            if (scopeCount + optionLength / 4 > Template.MAX_FIELDS) {
                counters.malformed++;
                return;
            }
            int fieldCount = scopeCount + optionLength / 4;
            int[] types = new int[fieldCount];
            int[] lengths = new int[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                int type = u16(b, pos);
                // Scope types (System, Interface, ...) are their own numbering in v9.
                types[i] = i < scopeCount ? InformationElements.V9_SCOPE_OFFSET + type : type;
                lengths[i] = u16(b, pos + 2);
                pos += 4;
            }
            store(new Template(templateId, true, scopeCount, types, new long[fieldCount], lengths), domain, nowMillis);
            // The rest of an options-template flowset is padding to a 4-byte boundary.
            if (end - pos < 4 || ByteReader.allZero(b, pos, end)) {
                return;
            }
        }
    }

    private void store(Template template, DomainState domain, long nowMillis) {
        counters.templatesReceived++;
        if (!domain.putTemplate(template, nowMillis)) {
            counters.templatesRejected++;
        }
    }
}
