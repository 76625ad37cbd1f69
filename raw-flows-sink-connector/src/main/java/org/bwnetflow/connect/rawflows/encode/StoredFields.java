package org.bwnetflow.connect.rawflows.encode;

import java.util.Arrays;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.WireType;
import org.bwnetflow.connect.model.table.FlowsColumn;

/**
 * The FlowMessage fields the raw flows table stores, read from protobuf bytes in place: numbers as
 * longs, addresses and texts as offset and length into the record's own array. No Struct, no
 * object per flow; one instance per task, reused for every record.
 *
 * <p>Reads as protobuf (and {@code FlowMessageCodec}) do: the last occurrence of a field wins,
 * unknown fields and fields of an unexpected wire type are skipped, uint32 values are cut to 32
 * bits. Bytes that are no protobuf (truncated, a varint of more than ten bytes, a group, a
 * string that is not UTF-8) make {@link #read} return false.
 */
final class StoredFields {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;

    /** Slot of each stored field by its number; -1 for a field the table does not store. */
    private static final int[] SLOT_BY_NUMBER;
    private static final FlowField[] FIELD_BY_SLOT;

    static {
        int highest = 0;
        FlowField[] stored = Arrays.stream(FlowsColumn.all()).map(FlowsColumn::field)
                .filter(f -> f != null).distinct().toArray(FlowField[]::new);
        for (FlowField field : stored) {
            highest = Math.max(highest, field.number());
        }
        SLOT_BY_NUMBER = new int[highest + 1];
        Arrays.fill(SLOT_BY_NUMBER, -1);
        for (int slot = 0; slot < stored.length; slot++) {
            SLOT_BY_NUMBER[stored[slot].number()] = slot;
        }
        FIELD_BY_SLOT = stored;
    }

    /** Per slot: how a varint is kept (the field's WireType, looked up once). */
    private static final int[] VARINT_KIND = new int[FIELD_BY_SLOT.length];
    private static final int NOT_VARINT = 0;
    private static final int RAW = 1;
    private static final int CUT_TO_32_BITS = 2;
    private static final int SIGNED_32_BITS = 3;
    private static final int BOOLEAN = 4;

    static {
        for (int slot = 0; slot < FIELD_BY_SLOT.length; slot++) {
            VARINT_KIND[slot] = switch (FIELD_BY_SLOT[slot].wireType()) {
                case UINT32 -> CUT_TO_32_BITS;
                case ENUM -> SIGNED_32_BITS;
                case BOOL -> BOOLEAN;
                case UINT64 -> RAW;
                default -> NOT_VARINT;
            };
        }
    }

    private final long[] values = new long[FIELD_BY_SLOT.length];
    /** For BYTES and STRING fields: the length at {@code values[slot]}'s offset; 0 when absent. */
    private final int[] lengths = new int[FIELD_BY_SLOT.length];
    private byte[] source;

    /** The slot {@link #number}, {@link #offset} and {@link #length} take for a stored field. */
    static int slotOf(FlowField field) {
        int slot = field.number() < SLOT_BY_NUMBER.length ? SLOT_BY_NUMBER[field.number()] : -1;
        if (slot < 0) {
            throw new IllegalArgumentException(field + " is not stored in the raw flows table");
        }
        return slot;
    }

    /** Reads a FlowMessage; false when the bytes are none. */
    boolean read(byte[] bytes) {
        Arrays.fill(values, 0);
        Arrays.fill(lengths, 0);
        source = bytes;
        int pos = 0;
        int end = bytes.length;
        try {
            while (pos < end) {
                long tag = varint(bytes, pos, end);
                long number = tag >>> 3;
                if (number == 0) {
                    return false;
                }
                int slot = number < SLOT_BY_NUMBER.length ? SLOT_BY_NUMBER[(int) number] : -1;
                pos = readValue(bytes, varintEnd, end, (int) (tag & 7), slot);
                if (pos < 0 || pos > end) {
                    return false;
                }
            }
            return true;
        } catch (MalformedVarint e) {
            return false;
        }
    }

    /** Reads one field's value at {@code pos} (kept when {@code slot} stores it); where it ends, -1 when malformed. */
    private int readValue(byte[] bytes, int pos, int end, int wire, int slot) throws MalformedVarint {
        switch (wire) {
            case WIRE_VARINT -> {
                long value = varint(bytes, pos, end);
                if (slot >= 0 && VARINT_KIND[slot] != NOT_VARINT) {
                    values[slot] = asStored(VARINT_KIND[slot], value);
                }
                return varintEnd;
            }
            case WIRE_LENGTH_DELIMITED -> {
                long length = varint(bytes, pos, end);
                int at = varintEnd;
                if (length < 0 || length > end - at) {
                    return -1;
                }
                return keepRange(bytes, at, (int) length, slot) ? at + (int) length : -1;
            }
            case WIRE_FIXED64 -> {
                return pos + 8;
            }
            case WIRE_FIXED32 -> {
                return pos + 4;
            }
            default -> {
                return -1; // groups (3, 4) and the undefined 6, 7: no FlowMessage has them
            }
        }
    }

    /** Keeps a BYTES or STRING field's place; false when a string is not UTF-8. */
    private boolean keepRange(byte[] bytes, int at, int length, int slot) {
        if (slot < 0 || VARINT_KIND[slot] != NOT_VARINT || FIELD_BY_SLOT[slot].wireType() == WireType.UINT32_LIST) {
            return true;
        }
        if (FIELD_BY_SLOT[slot].wireType() == WireType.STRING && !Utf8Check.isValid(bytes, at, length)) {
            return false;
        }
        values[slot] = at;
        lengths[slot] = length;
        return true;
    }

    /** What protobuf's reader makes of a varint for the field's type (FlowMessageCodec's values). */
    private static long asStored(int kind, long value) {
        return switch (kind) {
            case CUT_TO_32_BITS -> value & 0xffff_ffffL;
            case SIGNED_32_BITS -> (int) value;
            case BOOLEAN -> value != 0 ? 1 : 0;
            default -> value;
        };
    }

    /** A number field's value (0 when absent). */
    long number(int slot) {
        return values[slot];
    }

    /** Where a BYTES or STRING field's value starts in {@link #source()}. */
    int offset(int slot) {
        return (int) values[slot];
    }

    /** A BYTES or STRING field's length; 0 when absent or empty. */
    int length(int slot) {
        return lengths[slot];
    }

    /** The bytes the last {@link #read} read. */
    byte[] source() {
        return source;
    }

    /** Where the varint last read ended: a field instead of an allocation per varint. */
    private int varintEnd;

    private long varint(byte[] bytes, int pos, int end) throws MalformedVarint {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw MalformedVarint.INSTANCE;
            }
            byte b = bytes[pos++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                varintEnd = pos;
                return value;
            }
        }
        throw MalformedVarint.INSTANCE;
    }

    /** Thrown without a stack trace: hostile bytes must not cost more than good ones. */
    private static final class MalformedVarint extends Exception {
        private static final long serialVersionUID = 1L;
        static final MalformedVarint INSTANCE = new MalformedVarint();

        private MalformedVarint() {
            super("malformed varint", null, false, false);
        }
    }
}
