package org.bwnetflow.connect.influx.health;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.model.IngestHealthCodec;

/**
 * Tells ingest health records from flows: a value {@link FlowMessageConverter} made an
 * {@link IngestHealth} struct, or raw bytes (ByteArrayConverter) whose record carries the
 * converter's {@value FlowMessageConverter#RECORD_HEADER} header; raw bytes without it are flows.
 */
public final class HealthRecords {

    private HealthRecords() {
    }

    /**
     * The record's ingest health, or null when it is none.
     *
     * @throws org.apache.kafka.connect.errors.DataException when marked as health but not decodable
     */
    public static Struct healthOf(SinkRecord record) {
        Object value = record.value();
        if (IngestHealth.isHealth(value)) {
            return (Struct) value;
        }
        if (value instanceof byte[] bytes) {
            Header kind = record.headers().lastWithName(FlowMessageConverter.RECORD_HEADER);
            if (kind != null && FlowMessageConverter.marksIngestHealth(kind.value())) {
                return IngestHealthCodec.decode(bytes);
            }
        }
        return null;
    }
}
