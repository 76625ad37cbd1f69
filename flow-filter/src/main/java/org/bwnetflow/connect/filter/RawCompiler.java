package org.bwnetflow.connect.filter;

import java.util.List;

/** Compiles a filter tree into {@link RawNode}s and the slot plan they read. */
final class RawCompiler {

    private final RawSlots slots = new RawSlots();

    static RawFlowMatcher compile(FilterNode root) {
        RawCompiler compiler = new RawCompiler();
        RawNode node = compiler.node(root);
        return new RawFlowMatcher(new RawFlowScan(compiler.slots), node);
    }

    private RawNode node(FilterNode node) {
        if (node instanceof FilterNode.MatchAll) {
            return new RawNode.All();
        }
        if (node instanceof FilterNode.Not not) {
            return new RawNode.Not(node(not.operand()));
        }
        if (node instanceof FilterNode.And and) {
            return new RawNode.And(nodes(and.operands()));
        }
        if (node instanceof FilterNode.Or or) {
            return new RawNode.Or(nodes(or.operands()));
        }
        if (node instanceof FilterNode.NumberComparison number) {
            int slot = slots.numberSlot(number.field());
            return number.comparison() == Comparison.EQ ? new RawNode.NumberEquals(slot, number.value())
                    : new RawNode.NumberCompare(slot, number);
        }
        if (node instanceof FilterNode.AddressPrefix prefix) {
            return new RawNode.InPrefix(slots.numberSlot(prefix.field()), prefix.high(), prefix.low(),
                    AddressBits.highMask(prefix.length()), AddressBits.lowMask(prefix.length()));
        }
        if (node instanceof FilterNode.TextEquals text) {
            return new RawNode.TextEquals(slots.textSlot(text.field()), text.value());
        }
        FilterNode.ListContains contains = (FilterNode.ListContains) node;
        return new RawNode.ListHit(slots.listHit(contains.field(), contains.value()));
    }

    private RawNode[] nodes(List<FilterNode> operands) {
        RawNode[] nodes = new RawNode[operands.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = node(operands.get(i));
        }
        return nodes;
    }
}
