package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u16;
import static org.bwnetflow.connect.netflow.decode.ByteReader.u32;

/**
 * IPFIX (RFC 7011): message header, template and options-template sets (enterprise fields,
 * variable-length fields, withdrawals), data sets.
 */
final class IpfixDecoder {

    static final int HEADER_LENGTH = 16;
    private static final int TEMPLATE_SET = 2;
    private static final int OPTIONS_TEMPLATE_SET = 3;
    private static final int FIRST_DATA_SET = 256;
    private static final int ENTERPRISE_BIT = 0x8000;

    private final ExporterRegistry registry;
    private final DecoderCounters counters;
    private final DatagramContext context;
    private final DataSetReader dataSets;

    IpfixDecoder(ExporterRegistry registry, DecoderCounters counters,
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
        int messageLength = u16(b, off + 2);
        if (messageLength < HEADER_LENGTH) {
            counters.malformed++;
            return;
        }
        if (messageLength > len) {
            counters.malformed++; // truncated in transit: keep the sets that did arrive
            messageLength = len;
        }
        long exportSecs = u32(b, off + 4);
        long sequence = u32(b, off + 8);
        long domainId = u32(b, off + 12);
        DomainState domain = registry.domain(exporter, NetFlowDecoder.IPFIX, domainId, nowMillis);
        if (domain == null) {
            return;
        }
        registry.budget.pin(exporter, domain);
        counters.sequenceGap(exporter, domain.checkSequence(sequence));
        context.start(DecodedFlow.TYPE_IPFIX, exporter, domain, nowMillis, sequence, exportSecs * 1000,
                DatagramContext.NO_UPTIME);

        int end = off + messageLength;
        int pos = off + HEADER_LENGTH;
        dataSets.startDatagram();
        while (end - pos >= 4) {
            int setId = u16(b, pos);
            int setLength = u16(b, pos + 2);
            if (setLength < 4 || setLength > end - pos) {
                counters.malformed++;
                break;
            }
            int body = pos + 4;
            int setEnd = pos + setLength;
            if (setId == TEMPLATE_SET) {
                readTemplates(b, body, setEnd, domain, nowMillis, false);
            } else if (setId == OPTIONS_TEMPLATE_SET) {
                readTemplates(b, body, setEnd, domain, nowMillis, true);
            } else if (setId >= FIRST_DATA_SET) {
                dataSets.readSet(setId, b, body, setEnd, context, listener);
            } else {
                counters.malformed++; // set ids 0, 1 and 4-255 are not used by IPFIX
            }
            pos = setEnd;
        }
        // IPFIX counts data records, not messages; records of unknown templates count too, but we
        // cannot know how many there were, so a template miss may show up as a gap as well.
        domain.expectNext(sequence + dataSets.flowRecords + dataSets.optionsRecords);
        dataSets.finishDatagram(exporter);
    }

    private void readTemplates(byte[] b, int pos, int end, DomainState domain, long nowMillis, boolean options) {
        while (end - pos >= 4 && pos >= 0) {
            pos = readTemplate(b, pos, end, domain, nowMillis, options);
        }
    }

    /** One template record; the position after it, or -1 when the rest of the set is unusable (counted). */
    private int readTemplate(byte[] b, int pos, int end, DomainState domain, long nowMillis, boolean options) {
        int templateId = u16(b, pos);
        int fieldCount = u16(b, pos + 2);
        if (fieldCount == 0) {
            withdraw(templateId, options, b, pos, end, domain);
            return pos + 4;
        }
        int headerLength = options ? 6 : 4;
        int room = end - pos - headerLength;
        int scopeCount = options && room >= 0 ? u16(b, pos + 4) : 0;
        if (!isPlausible(templateId, fieldCount, scopeCount, options, room)) {
            counters.malformed++; // cannot even fit without enterprise numbers: allocate nothing
            return -1;
        }
        int[] types = new int[fieldCount];
        long[] enterprises = new long[fieldCount];
        int[] lengths = new int[fieldCount];
        int next = readFields(b, pos + headerLength, end, types, enterprises, lengths);
        if (next < 0) {
            counters.malformed++;
            return -1;
        }
        counters.templatesReceived++;
        if (!domain.putTemplate(new Template(templateId, options, scopeCount, types, enterprises, lengths), nowMillis)) {
            counters.templatesRejected++;
        }
        return next;
    }

    private static boolean isPlausible(int templateId, int fieldCount, int scopeCount, boolean options, int room) {
        return room >= 0 && templateId >= FIRST_DATA_SET && fieldCount <= Template.MAX_FIELDS && fieldCount * 4 <= room
                && (!options || scopeCount > 0 && scopeCount <= fieldCount);
    }

    /** Field specifiers (type, length, and an enterprise number when the type's top bit says so); -1 if truncated. */
    private static int readFields(byte[] b, int pos, int end, int[] types, long[] enterprises, int[] lengths) {
        for (int i = 0; i < types.length; i++) {
            if (end - pos < 4) {
                return -1;
            }
            int type = u16(b, pos);
            lengths[i] = u16(b, pos + 2);
            pos += 4;
            types[i] = type & ~ENTERPRISE_BIT;
            if ((type & ENTERPRISE_BIT) != 0) {
                if (end - pos < 4) {
                    return -1;
                }
                enterprises[i] = u32(b, pos);
                pos += 4;
            }
        }
        return pos;
    }

    /**
     * A template withdrawal (RFC 7011 section 8.1): one template by its id, or with the set's
     * own id (2 in a template set, 3 in an options template set) all templates of that kind.
     */
    private void withdraw(int templateId, boolean options, byte[] b, int pos, int end, DomainState domain) {
        if (templateId >= FIRST_DATA_SET) {
            domain.removeTemplate(templateId);
            counters.templatesWithdrawn++;
        } else if (templateId == (options ? OPTIONS_TEMPLATE_SET : TEMPLATE_SET)) {
            domain.removeAllTemplates(options);
            counters.templatesWithdrawn++;
        } else if (templateId != 0 || !ByteReader.allZero(b, pos, end)) {
            counters.malformed++; // padding is zeros; anything else is not a withdrawal
        }
    }
}
