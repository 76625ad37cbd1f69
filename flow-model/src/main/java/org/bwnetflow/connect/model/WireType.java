package org.bwnetflow.connect.model;

import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The protobuf type of a FlowMessage field and the Connect type that carries it.
 *
 * <p>Connect has no unsigned types: uint32 travels as INT64 so values above 2^31 (interface
 * indexes such as 2147483651 are real) keep their value; uint64 travels as INT64 and values
 * above 2^63 appear negative, exactly as protobuf-java returns them.
 */
public enum WireType {
    UINT32(Schema.Type.INT64),
    UINT64(Schema.Type.INT64),
    BYTES(Schema.Type.BYTES),
    STRING(Schema.Type.STRING),
    BOOL(Schema.Type.BOOLEAN),
    ENUM(Schema.Type.INT32),
    /** repeated uint32, packed on the wire; each value an INT64 in a Connect array (AS paths, communities). */
    UINT32_LIST(Schema.Type.ARRAY);

    private final Schema.Type connectType;

    WireType(Schema.Type connectType) {
        this.connectType = connectType;
    }

    public Schema.Type connectType() {
        return connectType;
    }

    /** Every field is required with its proto3 default: Struct.get never returns null for a flow. */
    Schema schema(String doc) {
        SchemaBuilder builder = (this == UINT32_LIST ? SchemaBuilder.array(Schema.INT64_SCHEMA) : new SchemaBuilder(connectType))
                .defaultValue(defaultValue());
        if (doc != null) {
            builder.doc(doc);
        }
        return builder.build();
    }

    /** The proto3 default: what an absent field means on the wire. */
    public Object defaultValue() {
        switch (this) {
            case UINT32:
            case UINT64:
                return 0L;
            case ENUM:
                return 0;
            case BYTES:
                return new byte[0];
            case STRING:
                return "";
            case BOOL:
                return false;
            case UINT32_LIST:
                return List.of();
            default:
                throw new IllegalStateException("unhandled wire type " + this);
        }
    }
}
