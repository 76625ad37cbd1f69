package org.bwnetflow.connect.filter;

import java.util.Arrays;
import org.bwnetflow.connect.model.FlowField;

/**
 * One pass over FlowMessage protobuf bytes that keeps only the fields a filter reads, in preallocated
 * primitive slots: numbers as longs, addresses as two longs (the halves of
 * {@link org.bwnetflow.connect.model.table.AddressHalves}), texts as offset and length into the bytes, and for
 * list fields whether each value the filter asks about occurred. Like {@code FlowMessageCodec.decode}: the last
 * occurrence of a field wins, list occurrences add up (packed or not), unknown fields and fields of the wrong
 * wire type are skipped. Nothing is allocated per flow; not thread-safe.
 */
final class RawFlowScan {

    static final int UINT32 = 0;
    static final int UINT64 = 1;
    static final int ENUM = 2;
    static final int BOOL = 3;
    static final int ADDRESS = 4;
    static final int TEXT = 5;
    static final int LIST = 6;

    private static final int NONE = -1;
    private static final int HIGH_BASE = 1000;
    private static final long IPV4_MAPPED_LOW = AddressBits.IPV4_LOW;

    /** Per field number: NONE, or the kind in the upper 16 bits and the slot (lists: the list's index) below. */
    private final int[] actionLow = new int[64];
    private final int[] actionHigh = new int[128];

    final long[] numbers;
    final int[] textStart;
    final int[] textLength;
    final boolean[] hits;
    byte[] bytes;

    /** For each list: the values asked about and the hit each sets. */
    private final long[][] listValues;
    private final int[][] listHits;


    RawFlowScan(RawSlots slots) {
        Arrays.fill(actionLow, NONE);
        Arrays.fill(actionHigh, NONE);
        for (FlowField field : slots.fields()) {
            int action = slots.kind(field) << 16 | slots.slot(field);
            if (field.number() < actionLow.length) {
                actionLow[field.number()] = action;
            } else {
                actionHigh[field.number() - HIGH_BASE] = action;
            }
        }
        numbers = new long[slots.numberSlots()];
        textStart = new int[slots.textSlots()];
        textLength = new int[slots.textSlots()];
        hits = new boolean[slots.hitCount()];
        listValues = slots.listValues();
        listHits = slots.listHits();
    }

    /** Reads the fields of one message; false when the bytes are no FlowMessage (then the slots mean nothing). */
    boolean scan(byte[] message, int offset, int length) {
        Arrays.fill(numbers, 0);
        Arrays.fill(textLength, 0);
        Arrays.fill(hits, false);
        bytes = message;
        // positions in locals, helpers return the next position or -1 (malformed): the loop stays in registers
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int tag;
            int first = message[position];
            if (first >= 0) {
                tag = first;
                position++;
            } else if (position + 1 < end && message[position + 1] >= 0) {
                tag = (first & 0x7F) | message[position + 1] << 7; // field numbers 16-2047: two bytes
                position += 2;
            } else {
                int next = varintEnd(message, position, end);
                if (next < 0) {
                    return false;
                }
                tag = (int) varintValue(message, position, next);
                position = next;
            }
            int number = tag >>> 3;
            int wire = tag & 7;
            int action = number < actionLow.length ? actionLow[number]
                    : number >= HIGH_BASE && number - HIGH_BASE < actionHigh.length ? actionHigh[number - HIGH_BASE] : NONE;
            if (number == 0) {
                return false;
            }
            position = action != NONE && fits(action >>> 16, wire)
                    ? read(action >>> 16, action & 0xFFFF, wire, position, end) : skip(message, wire, position, end);
            if (position < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean fits(int kind, int wire) {
        return kind == LIST ? wire == 0 || wire == 2 : (kind == ADDRESS || kind == TEXT) == (wire == 2) && (wire == 0 || wire == 2);
    }

    /** Reads a field the filter needs; the next position, or -1. */
    private int read(int kind, int slot, int wire, int position, int end) {
        if (kind == ADDRESS || kind == TEXT || (kind == LIST && wire == 2)) {
            int start = lengthEnd(bytes, position, end);
            if (start < 0) {
                return -1;
            }
            int length = (int) varintValue(bytes, position, start);
            if (kind == ADDRESS) {
                address(slot, start, length);
            } else if (kind == TEXT) {
                textStart[slot] = start;
                textLength[slot] = length;
            } else {
                return packed(slot, start, start + length);
            }
            return start + length;
        }
        int next = varintEnd(bytes, position, end);
        if (next < 0) {
            return -1;
        }
        long value = varintValue(bytes, position, next);
        switch (kind) {
            case UINT32 -> numbers[slot] = value & 0xFFFF_FFFFL;
            case UINT64 -> numbers[slot] = value;
            case ENUM -> numbers[slot] = (int) value;
            case BOOL -> numbers[slot] = value != 0 ? 1 : 0;
            default -> check(slot, value & 0xFFFF_FFFFL);
        }
        return next;
    }

    private void address(int slot, int at, int length) {
        if (length == 16) {
            numbers[slot] = longAt(at);
            numbers[slot + 1] = longAt(at + 8);
        } else if (length == 4) {
            numbers[slot] = 0;
            numbers[slot + 1] = IPV4_MAPPED_LOW | (intAt(at) & 0xFFFF_FFFFL);
        } else {
            numbers[slot] = 0;
            numbers[slot + 1] = 0;
        }
    }

    /** The values of a packed list; {@code end}, or -1 when a value is cut short. */
    private int packed(int list, int position, int end) {
        while (position < end) {
            int next = varintEnd(bytes, position, end);
            if (next < 0) {
                return -1;
            }
            check(list, varintValue(bytes, position, next) & 0xFFFF_FFFFL);
            position = next;
        }
        return end;
    }

    private void check(int list, long value) {
        long[] values = listValues[list];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                hits[listHits[list][i]] = true;
            }
        }
    }

    /** Skips a field the filter does not need; the next position, or -1. */
    private static int skip(byte[] bytes, int wire, int position, int end) {
        switch (wire) {
            case 0:
                return varintEnd(bytes, position, end);
            case 1:
                return end - position >= 8 ? position + 8 : -1;
            case 2:
                int start = lengthEnd(bytes, position, end);
                return start < 0 ? -1 : start + (int) varintValue(bytes, position, start);
            case 5:
                return end - position >= 4 ? position + 4 : -1;
            default:
                return -1; // groups (3, 4) and the undefined wire types 6 and 7
        }
    }

    /** Where the contents of a length-delimited field start, after checking that its length fits; -1 otherwise. */
    private static int lengthEnd(byte[] bytes, int position, int end) {
        int start = varintEnd(bytes, position, end);
        if (start < 0) {
            return -1;
        }
        long length = varintValue(bytes, position, start);
        return length < 0 || length > end - start ? -1 : start;
    }

    /** Where the varint at {@code position} ends (at most 10 bytes), or -1. */
    private static int varintEnd(byte[] bytes, int position, int end) {
        int limit = Math.min(end, position + 10);
        for (int i = position; i < limit; i++) {
            if (bytes[i] >= 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The value of the varint in {@code bytes[from, to)}. */
    private static long varintValue(byte[] bytes, int from, int to) {
        long value = 0;
        int shift = 0;
        for (int i = from; i < to; i++) {
            value |= (long) (bytes[i] & 0x7F) << shift;
            shift += 7;
        }
        return value;
    }

    private long longAt(int at) {
        return (long) intAt(at) << 32 | (intAt(at + 4) & 0xFFFF_FFFFL);
    }

    private int intAt(int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF);
    }
}
