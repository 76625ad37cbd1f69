package org.bwnetflow.connect.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Struct ⇄ FlowMessage protobuf bytes, driven by {@link FlowField}.
 *
 * <p>Written against protobuf's wire format directly rather than through generated message
 * classes: no intermediate message object per flow, and fields at their default are left
 * out exactly as proto3 does.
 */
public final class FlowMessageCodec {

    private static final FlowField[] FIELDS = FlowField.all();

    private FlowMessageCodec() {
    }

    /** Encodes a flow Struct. Fields the Struct's schema lacks are written as absent. */
    public static byte[] encode(Struct flow) {
        Object[] values = valuesOf(flow);
        try {
            ProtobufWriter out = ProtobufWriter.get();
            for (int i = 0; i < FIELDS.length; i++) {
                if (values[i] != null) {
                    writeField(out, FIELDS[i], values[i]);
                }
            }
            return out.toByteArray();
        } catch (ClassCastException e) {
            throw new DataException("cannot encode flow as FlowMessage: " + e.getMessage(), e);
        }
    }

    /** Decodes FlowMessage bytes; unknown field numbers and mismatched wire types are skipped. */
    public static Struct decode(byte[] bytes) {
        Struct flow = FlowMessageSchema.newFlow();
        Object[] values = StructValues.of(flow);
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    return flow;
                }
                FlowField field = FlowField.byNumber(WireFormat.getTagFieldNumber(tag));
                if (field == null || WireFormat.getTagWireType(tag) != expectedWireType(field.wireType())) {
                    in.skipField(tag);
                    continue;
                }
                Object value = readValue(in, field.wireType());
                if (values != null) {
                    values[field.ordinal()] = value; // read as the schema's type: no validation needed
                } else {
                    flow.put(FlowMessageSchema.field(field), value);
                }
            }
        } catch (IOException e) {
            throw new DataException("not a FlowMessage (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    /** The Struct's own value array for our schema (nulls are defaults); a copy in FlowField order otherwise. */
    private static Object[] valuesOf(Struct flow) {
        Object[] own = StructValues.of(flow);
        if (own != null) {
            return own;
        }
        Object[] values = new Object[FIELDS.length];
        Schema schema = flow.schema();
        boolean ours = FlowMessageSchema.isFlowSchema(schema);
        for (int i = 0; i < FIELDS.length; i++) {
            Field field = ours ? schema.fields().get(i) : schema.field(FIELDS[i].fieldName());
            values[i] = field == null ? null : flow.get(field);
        }
        return values;
    }

    private static int expectedWireType(WireType type) {
        switch (type) {
            case BYTES:
            case STRING:
                return WireFormat.WIRETYPE_LENGTH_DELIMITED;
            default:
                return WireFormat.WIRETYPE_VARINT;
        }
    }

    private static Object readValue(CodedInputStream in, WireType type) throws IOException {
        switch (type) {
            case UINT32:
                return Integer.toUnsignedLong(in.readUInt32());
            case UINT64:
                return in.readUInt64();
            case ENUM:
                return in.readEnum();
            case BOOL:
                return in.readBool();
            case STRING:
                return in.readStringRequireUtf8();
            case BYTES:
                return in.readByteArray();
            default:
                throw new IllegalStateException("unhandled wire type " + type);
        }
    }

    /** One field, unless it has its default value (proto3 writes no defaults). */
    private static void writeField(ProtobufWriter out, FlowField field, Object value) {
        if (isDefault(field.wireType(), value)) {
            return;
        }
        int number = field.number();
        switch (field.wireType()) {
            case UINT32 -> out.varintField(number, ((Number) value).longValue() & 0xFFFF_FFFFL);
            case UINT64 -> out.varintField(number, ((Number) value).longValue());
            case ENUM -> out.varintField(number, ((Number) value).intValue()); // negative: sign-extended, as protobuf does
            case BOOL -> out.varintField(number, 1);
            case STRING -> out.stringField(number, (String) value);
            case BYTES -> out.bytesField(number, bytesOf(value));
            default -> throw new IllegalStateException("unhandled wire type " + field.wireType());
        }
    }

    private static boolean isDefault(WireType type, Object value) {
        if (value == null) {
            return true;
        }
        switch (type) {
            case UINT32:
            case UINT64:
            case ENUM:
                return ((Number) value).longValue() == 0L;
            case BOOL:
                return !((Boolean) value);
            case STRING:
                return ((String) value).isEmpty();
            case BYTES:
                return value instanceof ByteBuffer ? !((ByteBuffer) value).hasRemaining() : ((byte[]) value).length == 0;
            default:
                throw new IllegalStateException("unhandled wire type " + type);
        }
    }

    /** Connect allows BYTES values as byte[] or ByteBuffer. */
    private static byte[] bytesOf(Object value) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        throw new ClassCastException("BYTES field holds a " + value.getClass().getName());
    }
}
