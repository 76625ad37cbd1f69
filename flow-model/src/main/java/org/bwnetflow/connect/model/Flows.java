package org.bwnetflow.connect.model;

import org.apache.kafka.connect.data.Struct;

/**
 * Typed reads and writes of a flow Struct: reads honour the proto3 defaults, writes fill the
 * field in place (through the value array of our own schema's Structs, else {@code put}).
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

    /**
     * What Bytes and Packets must be multiplied by to estimate the traffic: the sampling rate, or 1
     * when the flow is already Normalized or its rate is unknown (0).
     */
    public static long samplingFactor(Struct flow) {
        long rate = number(flow, FlowField.SAMPLING_RATE);
        return rate == 0 || enumValue(flow, FlowField.NORMALIZED) == 1 ? 1 : rate;
    }

    /**
     * Which address of the flow is the remote side: RemoteAddr when the enrichment set it (1 Src,
     * 2 Dst), else the border model for {@code flowDirection} (0 ingress: the source, 1 egress: the
     * destination); 0 when neither says.
     */
    public static int remoteSide(Struct flow, long flowDirection) {
        int remote = enumValue(flow, FlowField.REMOTE_ADDR);
        if (remote == 1 || remote == 2) {
            return remote;
        }
        return flowDirection == 0 ? 1 : flowDirection == 1 ? 2 : 0;
    }

    /** Sets a uint32/uint64 field. */
    public static void setNumber(Struct flow, FlowField field, long value) {
        set(flow, field, value);
    }

    /** Sets an enum field. */
    public static void setEnum(Struct flow, FlowField field, int value) {
        set(flow, field, value);
    }

    /** Sets a string field; null clears it. */
    public static void setText(Struct flow, FlowField field, String value) {
        set(flow, field, value);
    }

    /**
     * Sets a bytes field (addresses) to the given array, which the flow then holds; pass a new array
     * rather than modifying the one the flow had (it may be shared with other flows).
     */
    public static void setBytes(Struct flow, FlowField field, byte[] value) {
        set(flow, field, value);
    }

    private static void set(Struct flow, FlowField field, Object value) {
        Object[] values = StructValues.of(flow);
        if (values != null) {
            values[field.ordinal()] = value; // of the field's type by the setter's signature
        } else {
            flow.put(FlowMessageSchema.field(field), value);
        }
    }
}
