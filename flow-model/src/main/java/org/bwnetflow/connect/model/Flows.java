package org.bwnetflow.connect.model;

import org.apache.kafka.connect.data.Struct;

/**
 * Typed reads of a flow Struct that honour the proto3 defaults.
 *
 * <p>Flows are sparse: only fields with a value are set. {@link Struct#get(String)} returns a
 * field's default when it is unset, but the typed getters ({@code getInt64}, {@code getString},
 * ...) return null. Read flows through these helpers (or {@code get}) and never see a null.
 */
public final class Flows {

    private Flows() {
    }

    /** A uint32/uint64 field (Connect INT64), 0 when unset. */
    public static long number(Struct flow, FlowField field) {
        return ((Number) flow.get(FlowMessageSchema.field(field))).longValue();
    }

    /** An enum field (Connect INT32), 0 when unset. */
    public static int enumValue(Struct flow, FlowField field) {
        return ((Number) flow.get(FlowMessageSchema.field(field))).intValue();
    }

    /** A string field, "" when unset. */
    public static String text(Struct flow, FlowField field) {
        return (String) flow.get(FlowMessageSchema.field(field));
    }

    /** A bytes field (addresses), empty when unset; do not modify the array. */
    public static byte[] bytes(Struct flow, FlowField field) {
        return (byte[]) flow.get(FlowMessageSchema.field(field));
    }
}
