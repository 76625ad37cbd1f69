package org.bwnetflow.connect.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** Ingest health records to and from {@code ingest_health.proto} bytes (field number = schema index + 1). */
public final class IngestHealthCodec {

    private static final List<Field> FIELDS = IngestHealth.SCHEMA.fields();

    private IngestHealthCodec() {
    }

    public static byte[] encode(Struct health) {
        ProtobufWriter out = ProtobufWriter.get();
        for (Field field : FIELDS) {
            Object value = health.get(field.name());
            if (value == null) {
                continue;
            }
            if (field.schema().type() == Schema.Type.STRING) {
                out.stringField(IngestHealth.number(field), (String) value);
            } else {
                out.varintField(IngestHealth.number(field), ((Number) value).longValue());
            }
        }
        return out.toByteArray();
    }

    /** Decodes the bytes; fields it does not know are skipped, fields not sent are 0 or "". */
    public static Struct decode(byte[] bytes) {
        Struct health = IngestHealth.newRecord(0, 0, "", 0, "");
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int index = WireFormat.getTagFieldNumber(tag) - 1;
                Field field = index < FIELDS.size() ? FIELDS.get(index) : null;
                boolean text = field != null && field.schema().type() == Schema.Type.STRING;
                int expected = text ? WireFormat.WIRETYPE_LENGTH_DELIMITED : WireFormat.WIRETYPE_VARINT;
                if (field == null || WireFormat.getTagWireType(tag) != expected) {
                    in.skipField(tag);
                } else if (text) {
                    health.put(field, in.readString());
                } else if (field.schema().type() == Schema.Type.INT32) {
                    health.put(field, in.readUInt32());
                } else {
                    health.put(field, in.readUInt64());
                }
            }
            return health;
        } catch (IOException e) {
            throw new DataException("not an IngestHealth record (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }
}
