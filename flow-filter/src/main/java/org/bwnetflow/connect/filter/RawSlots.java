package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.model.FlowField;

/**
 * Where each field a filter reads is kept while scanning a message: the slot plan of a {@link RawFlowScan}. All
 * values share one {@code long[]}, so one fill clears them: a number takes a slot, an address two (the halves of
 * {@link org.bwnetflow.connect.model.table.AddressHalves}), a text one (its start in the upper half, its length in
 * the lower), and each value a filter asks a list about one (1 when the list holds it).
 */
final class RawSlots {

    /** Number, address and text fields: their first slot; list fields: the list's index. */
    private final Map<FlowField, Integer> slots = new LinkedHashMap<>();
    private final Map<FlowField, List<long[]>> listChecks = new LinkedHashMap<>();
    private int size;

    /** The slot of a number, address or text field (an address takes this slot and the next). */
    int valueSlot(FlowField field) {
        return slots.computeIfAbsent(field, f -> {
            int slot = size;
            size += kind(f) == RawFlowScan.ADDRESS ? 2 : 1;
            return slot;
        });
    }

    /** A new slot set to 1 when the list field holds the value. */
    int listHit(FlowField field, long value) {
        if (!slots.containsKey(field)) {
            slots.put(field, listChecks.size());
            listChecks.put(field, new ArrayList<>());
        }
        int hit = size++;
        listChecks.get(field).add(new long[] {value, hit});
        return hit;
    }

    List<FlowField> fields() {
        return new ArrayList<>(slots.keySet());
    }

    int slot(FlowField field) {
        return slots.get(field);
    }

    /** How the scan reads the field: one of the read operations of {@link RawFlowScan}. */
    static int kind(FlowField field) {
        switch (field.wireType()) {
            case UINT32:
                return RawFlowScan.UINT32;
            case UINT64:
                return RawFlowScan.UINT64;
            case ENUM:
                return RawFlowScan.ENUM;
            case BOOL:
                return RawFlowScan.BOOL;
            case BYTES:
                return RawFlowScan.ADDRESS;
            case STRING:
                return RawFlowScan.TEXT;
            default:
                return RawFlowScan.LIST;
        }
    }

    /** The number of slots. */
    int size() {
        return size;
    }

    long[][] listValues() {
        return listChecks.values().stream().map(checks -> checks.stream().mapToLong(check -> check[0]).toArray()).toArray(long[][]::new);
    }

    int[][] listHits() {
        return listChecks.values().stream().map(checks -> checks.stream().mapToInt(check -> (int) check[1]).toArray())
                .toArray(int[][]::new);
    }
}
