package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.model.FlowField;

/** Where each field a filter reads is kept while scanning a message: the slot plan of a {@link RawFlowScan}. */
final class RawSlots {

    private final Map<FlowField, Integer> slots = new LinkedHashMap<>();
    private final Map<FlowField, List<long[]>> listChecks = new LinkedHashMap<>();
    private int numberSlots;
    private int textSlots;
    private int hitCount;

    /** The number slot of a number field (an address takes this slot and the next). */
    int numberSlot(FlowField field) {
        return slots.computeIfAbsent(field, f -> {
            int slot = numberSlots;
            numberSlots += kind(f) == RawFlowScan.ADDRESS ? 2 : 1;
            return slot;
        });
    }

    int textSlot(FlowField field) {
        return slots.computeIfAbsent(field, f -> textSlots++);
    }

    /** A new hit: set when the list field holds the value. */
    int listHit(FlowField field, long value) {
        if (!slots.containsKey(field)) {
            slots.put(field, listChecks.size());
            listChecks.put(field, new ArrayList<>());
        }
        int hit = hitCount++;
        listChecks.get(field).add(new long[] {value, hit});
        return hit;
    }

    List<FlowField> fields() {
        return new ArrayList<>(slots.keySet());
    }

    int slot(FlowField field) {
        return slots.get(field);
    }

    int kind(FlowField field) {
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

    int numberSlots() {
        return numberSlots;
    }

    int textSlots() {
        return textSlots;
    }

    int hitCount() {
        return hitCount;
    }

    long[][] listValues() {
        return listChecks.values().stream().map(checks -> checks.stream().mapToLong(check -> check[0]).toArray()).toArray(long[][]::new);
    }

    int[][] listHits() {
        return listChecks.values().stream().map(checks -> checks.stream().mapToInt(check -> (int) check[1]).toArray())
                .toArray(int[][]::new);
    }
}
