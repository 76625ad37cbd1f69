package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.List;

/** Builds {@code and}/{@code or} nodes flat (no {@code and} directly inside an {@code and}), so that toString parses back equal. */
final class Nodes {

    private Nodes() {
    }

    static FilterNode and(List<FilterNode> operands) {
        List<FilterNode> flat = new ArrayList<>();
        for (FilterNode operand : operands) {
            if (operand instanceof FilterNode.And and) {
                flat.addAll(and.operands());
            } else {
                flat.add(operand);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new FilterNode.And(flat);
    }

    static FilterNode or(List<FilterNode> operands) {
        List<FilterNode> flat = new ArrayList<>();
        for (FilterNode operand : operands) {
            if (operand instanceof FilterNode.Or or) {
                flat.addAll(or.operands());
            } else {
                flat.add(operand);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new FilterNode.Or(flat);
    }
}
