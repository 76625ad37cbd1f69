package org.bwnetflow.connect.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bwnetflow.connect.model.WireType;

/**
 * Compiles a filter tree into a {@link RawProgram} and the slot plan it reads. A node is compiled with the two
 * places to go on (when it holds, when it does not), so {@code not} swaps them and {@code and}/{@code or} chain
 * their operands; the operands of {@code and} and {@code or} run in the filter's order.
 */
final class RawCompiler {

    private final RawSlots slots = new RawSlots();
    private final RawProgram.Builder program = new RawProgram.Builder();

    static RawFlowMatcher compile(FilterNode root) {
        RawCompiler compiler = new RawCompiler();
        int entry = compiler.node(root, RawProgram.ACCEPT, RawProgram.REJECT);
        return new RawFlowMatcher(new RawFlowScan(compiler.slots), compiler.program.build(entry));
    }

    /** The instruction (or verdict) where evaluating the node starts. */
    private int node(FilterNode node, int whenTrue, int whenFalse) {
        if (node instanceof FilterNode.MatchAll) {
            return whenTrue;
        }
        if (node instanceof FilterNode.Not not) {
            return node(not.operand(), whenFalse, whenTrue);
        }
        if (node instanceof FilterNode.And and) {
            return chain(and.operands(), true, whenTrue, whenFalse);
        }
        if (node instanceof FilterNode.Or or) {
            return chain(or.operands(), false, whenTrue, whenFalse);
        }
        if (node instanceof FilterNode.NumberComparison number) {
            return number(number, whenTrue, whenFalse);
        }
        if (node instanceof FilterNode.AddressPrefix prefix) {
            long[] operands = {prefix.high(), prefix.low(), AddressBits.highMask(prefix.length()), AddressBits.lowMask(prefix.length())};
            return program.add(RawProgram.PREFIX, slots.valueSlot(prefix.field()), operands, null, whenTrue, whenFalse);
        }
        if (node instanceof FilterNode.TextEquals text) {
            byte[] utf8 = text.value().getBytes(StandardCharsets.UTF_8);
            return program.add(RawProgram.TEXT, slots.valueSlot(text.field()), new long[0], utf8, whenTrue, whenFalse);
        }
        FilterNode.ListContains contains = (FilterNode.ListContains) node;
        return program.add(RawProgram.HIT, slots.listHit(contains.field(), contains.value()), new long[0], null, whenTrue, whenFalse);
    }

    /** Operands of {@code and} (each going on to the next when it holds) or of {@code or} (when it does not), last first. */
    private int chain(List<FilterNode> operands, boolean all, int whenTrue, int whenFalse) {
        int next = all ? whenTrue : whenFalse;
        for (int i = operands.size() - 1; i >= 0; i--) {
            next = all ? node(operands.get(i), next, whenFalse) : node(operands.get(i), whenTrue, next);
        }
        return next;
    }

    /**
     * A comparison as a range of signed longs: uint64 values and the bound have their sign bit flipped, which
     * orders them unsigned. {@code !=} is {@code =} with the targets swapped; a range that is empty or everything
     * needs no instruction.
     */
    private int number(FilterNode.NumberComparison number, int whenTrue, int whenFalse) {
        long flip = number.field().wireType() == WireType.UINT64 ? Long.MIN_VALUE : 0;
        long value = number.value() ^ flip;
        long lowest = Long.MIN_VALUE;
        long highest = Long.MAX_VALUE;
        switch (number.comparison()) {
            case EQ, NE -> {
                lowest = value;
                highest = value;
            }
            case LT -> {
                if (value == Long.MIN_VALUE) {
                    return whenFalse;
                }
                highest = value - 1;
            }
            case LE -> highest = value;
            case GT -> {
                if (value == Long.MAX_VALUE) {
                    return whenFalse;
                }
                lowest = value + 1;
            }
            default -> lowest = value;
        }
        if (lowest == Long.MIN_VALUE && highest == Long.MAX_VALUE) {
            return whenTrue;
        }
        boolean equal = number.comparison() != Comparison.NE;
        return program.add(RawProgram.RANGE, slots.valueSlot(number.field()), new long[] {flip, lowest, highest}, null,
                equal ? whenTrue : whenFalse, equal ? whenFalse : whenTrue);
    }
}
