package org.bwnetflow.connect.filter;

import java.util.Arrays;
import org.bwnetflow.connect.model.FlowField;

/**
 * One pass over FlowMessage protobuf bytes that keeps only the fields a filter reads, in the preallocated slots
 * of {@link RawSlots}. Like {@code FlowMessageCodec.decode}: the last occurrence of a field wins, list occurrences
 * add up (packed or not), unknown fields and fields of the wrong wire type are skipped. Nothing is allocated per
 * flow; not thread-safe.
 *
 * <p>Each tag of one or two bytes (field numbers below 2048, the whole FlowMessage) indexes a table of what to do
 * with the field, so the field number, the wire type and whether the filter reads it are one array load. Skipped
 * fields are never decoded: a varint is skipped by finding its last byte, a length-delimited field by reading its
 * length.
 */
final class RawFlowScan {

    // what to do with a field: the table's low 4 bits (the slot or list index above them)
    static final int SKIP_VARINT = 0;
    static final int SKIP_FIXED64 = 1;
    static final int SKIP_LENGTH = 2;
    static final int SKIP_FIXED32 = 3;
    static final int MALFORMED = 4;
    static final int UINT32 = 5;
    static final int UINT64 = 6;
    static final int ENUM = 7;
    static final int BOOL = 8;
    static final int ADDRESS = 9;
    static final int TEXT = 10;
    /** A list value written as a varint of its own (unpacked). */
    static final int LIST = 11;
    static final int LIST_PACKED = 12;

    private static final int OPERATION = 0xF;
    private static final int SLOT_SHIFT = 4;
    private static final int TAG_BITS = 14;
    private static final long IPV4_MAPPED_LOW = AddressBits.IPV4_LOW;

    /** Per tag of up to two bytes (field number and wire type): an operation and its slot. */
    private final char[] actions = new char[1 << TAG_BITS];
    private final long[] values;
    /** For each list: the values asked about and the slot each sets. */
    private final long[][] listValues;
    private final int[][] listHits;

    RawFlowScan(RawSlots slots) {
        for (int tag = 0; tag < actions.length; tag++) {
            actions[tag] = (char) skip(tag);
        }
        for (FlowField field : slots.fields()) {
            int kind = RawSlots.kind(field);
            int slot = slots.slot(field) << SLOT_SHIFT;
            int tag = field.number() << 3;
            if (kind == LIST) {
                actions[tag] = (char) (LIST | slot);
                actions[tag | 2] = (char) (LIST_PACKED | slot);
            } else {
                actions[kind == ADDRESS || kind == TEXT ? tag | 2 : tag] = (char) (kind | slot);
            }
        }
        values = new long[slots.size()];
        listValues = slots.listValues();
        listHits = slots.listHits();
    }

    /** How a field the filter does not read is skipped, by its wire type; field number 0 and groups are malformed. */
    private static int skip(int tag) {
        if (tag >>> 3 == 0) {
            return MALFORMED;
        }
        switch (tag & 7) {
            case 0:
                return SKIP_VARINT;
            case 1:
                return SKIP_FIXED64;
            case 2:
                return SKIP_LENGTH;
            case 5:
                return SKIP_FIXED32;
            default:
                return MALFORMED; // groups (3, 4) and the undefined wire types 6 and 7
        }
    }

    /** The slots of the last message scanned. */
    long[] values() {
        return values;
    }

    /** Reads the fields of one message; false when the bytes are no FlowMessage (then the slots mean nothing). */
    boolean scan(byte[] bytes, int offset, int length) {
        Arrays.fill(values, 0);
        int end = offset + length;
        int position = offset;
        // compared unsigned: -1 (malformed) ends the loop like any position past the end; only the end is well-formed
        while (Integer.compareUnsigned(position, end) < 0) {
            long word = RawWords.littleEndian(bytes, position);
            int action;
            if ((word & 0x80) == 0) {
                action = actions[(int) word & 0x7F];
                position++;
            } else if ((word & 0x8000) == 0) {
                // a second byte past the end makes a tag of garbage, but then the position is past the end too
                action = actions[(int) (word & 0x7F | word >>> 1 & 0x3F80)];
                position += 2;
            } else {
                int next = RawWords.varintEnd(bytes, position);
                if (next < 0 || next > end) {
                    return false;
                }
                action = longTagAction((int) RawWords.varintValue(bytes, position, next));
                position = next;
            }
            position = act(action, bytes, position, end);
        }
        return position == end;
    }

    /** A tag of three bytes or more: over-long, or a field number the FlowMessage does not have. */
    private int longTagAction(int tag) {
        return tag >>> TAG_BITS == 0 ? actions[tag] : skip(tag);
    }

    /** Skips or reads one field's value; the position after it (possibly past the end), or -1. */
    private int act(int action, byte[] bytes, int position, int end) {
        switch (action & OPERATION) {
            case SKIP_VARINT:
                return RawWords.varintEnd(bytes, position);
            case SKIP_FIXED64:
                return position + 8;
            case SKIP_LENGTH:
                return delimitedEnd(bytes, position, end);
            case SKIP_FIXED32:
                return position + 4;
            case MALFORMED:
                return -1;
            default:
                return read(action & OPERATION, action >>> SLOT_SHIFT, bytes, position, end);
        }
    }

    /** Reads a field the filter needs into its slot; the position after it, or -1. */
    private int read(int operation, int slot, byte[] bytes, int position, int end) {
        if (operation == ADDRESS || operation == TEXT || operation == LIST_PACKED) {
            int start = RawWords.varintEnd(bytes, position);
            int next = contentsEnd(bytes, position, start, end);
            if (next < 0) {
                return -1;
            }
            if (operation == ADDRESS) {
                address(slot, bytes, start, next - start);
            } else if (operation == TEXT) {
                values[slot] = (long) start << 32 | (next - start);
            } else {
                return packed(slot, bytes, start, next);
            }
            return next;
        }
        int next = RawWords.varintEnd(bytes, position);
        if (Integer.compareUnsigned(next, end) > 0) {
            return -1;
        }
        long value = RawWords.varintValue(bytes, position, next);
        switch (operation) {
            case UINT32 -> values[slot] = value & 0xFFFF_FFFFL;
            case UINT64 -> values[slot] = value;
            case ENUM -> values[slot] = (int) value;
            case BOOL -> values[slot] = value != 0 ? 1 : 0;
            default -> check(slot, value & 0xFFFF_FFFFL);
        }
        return next;
    }

    /** Where a length-delimited field ends after checking that its length fits; -1 otherwise. */
    private static int delimitedEnd(byte[] bytes, int position, int end) {
        return contentsEnd(bytes, position, RawWords.varintEnd(bytes, position), end);
    }

    /** The same, given where the length varint ends ({@code start}, where the contents start). */
    private static int contentsEnd(byte[] bytes, int position, int start, int end) {
        if (Integer.compareUnsigned(start, end) > 0) {
            return -1;
        }
        long length = start == position + 1 ? bytes[position] : RawWords.varintValue(bytes, position, start);
        return Long.compareUnsigned(length, end - start) <= 0 ? start + (int) length : -1;
    }

    /** A 4-byte address goes to IPv4's place in the 128-bit space; any other length but 16 counts as {@code ::}. */
    private void address(int slot, byte[] bytes, int start, int length) {
        if (length == 16) {
            values[slot] = RawWords.bigEndianLong(bytes, start);
            values[slot + 1] = RawWords.bigEndianLong(bytes, start + 8);
        } else if (length == 4) {
            values[slot + 1] = IPV4_MAPPED_LOW | (RawWords.bigEndianInt(bytes, start) & 0xFFFF_FFFFL);
            values[slot] = 0;
        } else {
            values[slot] = 0;
            values[slot + 1] = 0;
        }
    }

    /** The values of a packed list; {@code end}, or -1 when a value is cut short. */
    private int packed(int list, byte[] bytes, int position, int end) {
        while (position < end) {
            int next = RawWords.varintEnd(bytes, position);
            if (Integer.compareUnsigned(next, end) > 0) {
                return -1;
            }
            check(list, RawWords.varintValue(bytes, position, next) & 0xFFFF_FFFFL);
            position = next;
        }
        return end;
    }

    private void check(int list, long value) {
        long[] asked = listValues[list];
        int[] hits = listHits[list];
        for (int i = 0; i < asked.length; i++) {
            if (asked[i] == value) {
                values[hits[i]] = 1;
            }
        }
    }
}
