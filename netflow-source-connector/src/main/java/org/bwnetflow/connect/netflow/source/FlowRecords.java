package org.bwnetflow.connect.netflow.source;

import java.util.List;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.FlowClock;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.FlowListener;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.source.offsets.OffsetJournal;
import org.bwnetflow.connect.netflow.source.offsets.OffsetWrite;

/**
 * Datagrams into SourceRecords: decodes one datagram and appends a record per flow, each with
 * the partition and offset the journal gives it, counting flows whose time is skewed. The
 * per-flow work of the source task, apart from receiving (and what the benchmarks measure).
 */
public final class FlowRecords {

    private final NetFlowDecoder decoder;
    private final OffsetJournal journal;
    private final String topic;
    private final boolean keyByExporter;
    private final Function<DecodedFlow, Struct> structMapper;
    private final ClockSkewCount clockSkew;
    private final FlowListener toRecord = this::add;
    private List<SourceRecord> out;

    /** With the default clock tolerance ({@link FlowClock#DEFAULT_TOLERANCE_MILLIS}). */
    public FlowRecords(NetFlowDecoder decoder, OffsetJournal journal, String topic, boolean keyByExporter) {
        this(decoder, journal, topic, keyByExporter, new ClockSkewCount(new FlowClock(FlowClock.DEFAULT_TOLERANCE_MILLIS)),
                FlowStructMapper::toStruct);
    }

    /** @param structMapper decoded flow to FlowMessage Struct (tests replace it to provoke failures) */
    FlowRecords(NetFlowDecoder decoder, OffsetJournal journal, String topic, boolean keyByExporter,
            ClockSkewCount clockSkew, Function<DecodedFlow, Struct> structMapper) {
        this.decoder = decoder;
        this.journal = journal;
        this.topic = topic;
        this.keyByExporter = keyByExporter;
        this.clockSkew = clockSkew;
        this.structMapper = structMapper;
    }

    /** Decodes one datagram; its flows' records go to the end of {@code records}. */
    public void decode(Datagram datagram, List<SourceRecord> records) {
        out = records;
        try {
            decoder.decode(datagram.data(), 0, datagram.data().length, datagram.sender(), datagram.receivedMillis(),
                    toRecord);
        } finally {
            out = null;
        }
    }

    private void add(DecodedFlow flow) {
        clockSkew.count(flow);
        OffsetWrite offset = journal.offsetFor(flow);
        String key = keyByExporter ? flow.domain().exporter().addressText() : null;
        out.add(new SourceRecord(offset.partition(), offset.offset(), topic, null,
                keyByExporter ? Schema.STRING_SCHEMA : null, key,
                FlowMessageSchema.SCHEMA, structMapper.apply(flow), flow.timeReceivedMillis()));
    }
}
