package org.bwnetflow.connect.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
                if (field == null || !wireTypeFits(field.wireType(), WireFormat.getTagWireType(tag))) {
                    in.skipField(tag);
                    continue;
                }
                Object value = field.wireType() == WireType.UINT32_LIST
                        ? readUint32s(in, tag, values != null ? values[field.ordinal()] : flow.getWithoutDefault(field.fieldName()))
                        : readValue(in, field.wireType());
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

    /** The wire type a field is written with; a repeated uint32 is read packed or not, as protobuf requires. */
    private static boolean wireTypeFits(WireType type, int wire) {
        switch (type) {
            case BYTES:
            case STRING:
                return wire == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            case UINT32_LIST:
                return wire == WireFormat.WIRETYPE_LENGTH_DELIMITED || wire == WireFormat.WIRETYPE_VARINT;
            default:
                return wire == WireFormat.WIRETYPE_VARINT;
        }
    }

    /** Values of a repeated uint32 appended to what earlier occurrences of the field gave. */
    @SuppressWarnings("unchecked")
    private static List<Long> readUint32s(CodedInputStream in, int tag, Object earlier) throws IOException {
        List<Long> values = earlier == null ? new ArrayList<>(8) : new ArrayList<>((List<Long>) earlier);
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
            values.add(Integer.toUnsignedLong(in.readUInt32()));
            return values;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (!in.isAtEnd()) {
            values.add(Integer.toUnsignedLong(in.readUInt32()));
        }
        in.popLimit(limit);
        return values;
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
            case UINT32_LIST -> out.packedUint32Field(number, (List<?>) value);
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
            case UINT32_LIST:
                return ((List<?>) value).isEmpty();
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
