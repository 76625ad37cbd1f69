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

    private int position;
    private int end;
    private boolean broken;

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
        position = offset;
        end = offset + length;
        broken = false;
        while (position < end && !broken) {
            int tag = (int) varint();
            int number = tag >>> 3;
            if (number == 0) {
                return false;
            }
            int action = number < actionLow.length ? actionLow[number]
                    : number >= HIGH_BASE && number - HIGH_BASE < actionHigh.length ? actionHigh[number - HIGH_BASE] : NONE;
            if (action == NONE || !fits(action >>> 16, tag & 7)) {
                skip(tag & 7);
            } else {
                read(action >>> 16, action & 0xFFFF, tag & 7);
            }
        }
        return !broken && position == end;
    }

    private static boolean fits(int kind, int wire) {
        return kind == LIST ? wire == 0 || wire == 2 : (kind == ADDRESS || kind == TEXT) == (wire == 2) && (wire == 0 || wire == 2);
    }

    private void read(int kind, int slot, int wire) {
        switch (kind) {
            case UINT32 -> numbers[slot] = varint() & 0xFFFF_FFFFL;
            case UINT64 -> numbers[slot] = varint();
            case ENUM -> numbers[slot] = (int) varint();
            case BOOL -> numbers[slot] = varint() != 0 ? 1 : 0;
            case ADDRESS -> address(slot, length());
            case TEXT -> {
                int length = length();
                textStart[slot] = position;
                textLength[slot] = length;
                position += length;
            }
            default -> list(slot, wire);
        }
    }

    private void address(int slot, int length) {
        if (length == 16) {
            numbers[slot] = longAt(position);
            numbers[slot + 1] = longAt(position + 8);
        } else if (length == 4) {
            numbers[slot] = 0;
            numbers[slot + 1] = IPV4_MAPPED_LOW | (intAt(position) & 0xFFFF_FFFFL);
        } else {
            numbers[slot] = 0;
            numbers[slot + 1] = 0;
        }
        position += length;
    }

    private void list(int list, int wire) {
        if (wire == 0) {
            check(list, varint() & 0xFFFF_FFFFL);
            return;
        }
        int length = length();
        int outerEnd = end;
        end = position + length;
        while (position < end && !broken) {
            check(list, varint() & 0xFFFF_FFFFL);
        }
        end = outerEnd;
    }

    private void check(int list, long value) {
        long[] values = listValues[list];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                hits[listHits[list][i]] = true;
            }
        }
    }

    private void skip(int wire) {
        switch (wire) {
            case 0 -> varint();
            case 1 -> advance(8);
            case 2 -> {
                int length = length(); // before position is read: length() moves it past the length
                position += length;
            }
            case 5 -> advance(4);
            default -> broken = true; // groups (3, 4) and the undefined wire types 6 and 7
        }
    }

    private void advance(int count) {
        if (end - position < count) {
            broken = true;
            position = end;
        } else {
            position += count;
        }
    }

    /** A length-delimited field's length, checked against what is left; 0 when broken. */
    private int length() {
        long length = varint();
        if (length < 0 || length > end - position) {
            broken = true;
            position = end;
            return 0;
        }
        return (int) length;
    }

    private long varint() {
        long result = 0;
        for (int shift = 0; shift < 64 && position < end; shift += 7) {
            byte b = bytes[position++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        broken = true;
        position = end;
        return 0;
    }

    private long longAt(int at) {
        return (long) intAt(at) << 32 | (intAt(at + 4) & 0xFFFF_FFFFL);
    }

    private int intAt(int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF);
    }
}
