package org.bwnetflow.connect.filter;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;

/**
 * A field's value in a flow Struct with the proto3 default for absent and null values, also for Structs of
 * another schema (a reduced flow) that lack the field.
 */
final class StructValuesReader {

    private static final byte[] NO_BYTES = new byte[0];

    private StructValuesReader() {
    }

    static Object value(Struct flow, FlowField field) {
        Schema schema = flow.schema();
        Object value;
        if (FlowMessageSchema.isFlowSchema(schema)) {
            value = flow.get(FlowMessageSchema.field(field));
        } else {
            Field own = schema.field(field.fieldName());
            value = own == null ? null : flow.get(own);
        }
        return value == null ? field.wireType().defaultValue() : value;
    }

    /** A number field as the long the filter compares: bool is 1 or 0, enums sign-extended. */
    static long number(Struct flow, FlowField field) {
        Object value = value(flow, field);
        return value instanceof Boolean bool ? (bool ? 1 : 0) : ((Number) value).longValue();
    }

    static String text(Struct flow, FlowField field) {
        return (String) value(flow, field);
    }

    /** An address field's bytes (Connect allows byte[] and ByteBuffer). */
    static byte[] bytes(Struct flow, FlowField field) {
        Object value = value(flow, field);
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        return value instanceof byte[] bytes ? bytes : NO_BYTES;
    }

    static List<?> list(Struct flow, FlowField field) {
        return (List<?>) value(flow, field);
    }
}
