package org.bwnetflow.connect.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Record values as raw FlowMessage protobuf bytes, as bwNetFlow and goflow consumers read them.
 *
 * <p>No schema registry: the schema is the fixed FlowMessage schema. Null values (tombstones)
 * pass through as null.
 */
public class FlowMessageConverter implements Converter, Versioned {

    public static final String OVERVIEW_DOC = "Converts flow records to and from raw FlowMessage protobuf bytes "
            + "(bwNetFlow/goflow field numbers), without a schema registry: the record value is the message itself, "
            + "so bwNetFlow and goflow consumers read it unchanged. Reduced flows (ReduceFields) are written with "
            + "their kept fields only; the NetFlow source's ingest health records are written as IngestHealth messages "
            + "under the header bwnetflow-record: ingest-health and read back by that header. Tombstones pass as "
            + "null. It has no configuration keys.";

    /** Header naming the message of a record that is not a FlowMessage. */
    public static final String RECORD_HEADER = "bwnetflow-record";
    public static final String INGEST_HEALTH = "ingest-health";

    private static final ConfigDef CONFIG_DEF = new ConfigDef();
    private static final byte[] INGEST_HEALTH_BYTES = INGEST_HEALTH.getBytes(StandardCharsets.UTF_8);

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the wire format is fixed by the FlowMessage contract.
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Struct)) {
            throw new DataException("FlowMessageConverter expects a FlowMessage Struct on topic " + topic
                    + ", got " + value.getClass().getName());
        }
        return FlowMessageCodec.encode((Struct) value);
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        if (IngestHealth.isHealth(value)) {
            headers.remove(RECORD_HEADER).add(RECORD_HEADER, INGEST_HEALTH_BYTES);
            return IngestHealthCodec.encode((Struct) value);
        }
        return fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        Header kind = headers == null ? null : headers.lastHeader(RECORD_HEADER);
        if (value != null && kind != null && marksIngestHealth(kind.value())) {
            return new SchemaAndValue(IngestHealth.SCHEMA, IngestHealthCodec.decode(value));
        }
        return toConnectData(topic, value);
    }

    /**
     * True when a {@value #RECORD_HEADER} header's value says ingest health: raw bytes as Kafka
     * holds them, or a string as a Connect header converter may have made them.
     */
    public static boolean marksIngestHealth(Object headerValue) {
        String kind = headerValue instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : headerValue == null ? null : headerValue.toString();
        return INGEST_HEALTH.equals(kind);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        return new SchemaAndValue(FlowMessageSchema.SCHEMA, FlowMessageCodec.decode(value));
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
