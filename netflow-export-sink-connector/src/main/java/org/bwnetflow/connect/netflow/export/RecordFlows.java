package org.bwnetflow.connect.netflow.export;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.IngestHealth;

/**
 * The FlowMessage of a sink record, as the Influx sink reads it: a FlowMessage Struct
 * (FlowMessageConverter) or raw FlowMessage bytes (ByteArrayConverter). The sources' ingest
 * health records are no flows and no error either; anything else is a DataException saying
 * why, for {@link org.bwnetflow.connect.model.sink.NonFlowRecords}.
 */
final class RecordFlows {

    private RecordFlows() {
    }

    /** @return the flow, or null for an ingest health record */
    static Struct flowOf(SinkRecord record) {
        Object value = record.value();
        if (value instanceof Struct struct && FlowMessageSchema.isFlowSchema(struct.schema())) {
            return struct;
        }
        if (IngestHealth.isHealth(value) || value instanceof byte[] && markedIngestHealth(record)) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return FlowMessageCodec.decode(bytes);
        }
        throw new DataException("it needs FlowMessage records (FlowMessageConverter, or raw FlowMessage bytes), got "
                + (value == null ? "a tombstone" : value.getClass().getName()));
    }

    private static boolean markedIngestHealth(SinkRecord record) {
        Header kind = record.headers() == null ? null : record.headers().lastWithName(FlowMessageConverter.RECORD_HEADER);
        return kind != null && FlowMessageConverter.marksIngestHealth(kind.value());
    }

}
