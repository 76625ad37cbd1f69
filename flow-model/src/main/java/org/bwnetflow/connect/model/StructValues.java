package org.bwnetflow.connect.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Direct access to the value array of a {@link Struct} of the FlowMessage schema, indexed like
 * {@link FlowField#ordinal()}.
 *
 * <p>Why: {@code Struct.put} validates every value against its field schema and builds a
 * location string for the error message it almost never throws; for a flow that is ≈ 24 puts,
 * ≈ 1.7 KB of garbage and most of the time spent building the record. The values written here
 * are the flow model's own, of the schema's types by construction (tests check every mapped
 * Struct with {@code Struct.validate()}). When the JVM does not allow the access (a Connect
 * version that renamed the field, say), {@link #available()} is false and callers use
 * {@code put}/{@code get}.
 */
public final class StructValues {

    private static final VarHandle VALUES = find();

    private StructValues() {
    }

    private static VarHandle find() {
        try {
            return MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                    .findVarHandle(Struct.class, "values", Object[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether Structs' value arrays can be reached (they can on every JVM and Connect version tested). */
    public static boolean available() {
        return VALUES != null;
    }

    /**
     * The value array of a FlowMessage Struct (of exactly {@link FlowMessageSchema#SCHEMA}), to
     * read or to fill without validation; null when not available or another schema.
     */
    public static Object[] of(Struct flow) {
        return of(flow, FlowMessageSchema.SCHEMA);
    }

    /**
     * The value array of a Struct of exactly {@code schema}, indexed like its fields, to fill
     * without validation with values read from a FlowMessage Struct's value array into fields of
     * the same field schemas (a reduced flow's); null when not available or another schema.
     */
    public static Object[] of(Struct struct, Schema schema) {
        if (VALUES == null || struct.schema() != schema) {
            return null;
        }
        return (Object[]) VALUES.get(struct);
    }
}
