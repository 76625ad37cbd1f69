package org.bwnetflow.connect.filter;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.WireType;

/**
 * The parsed filter: an immutable tree of boolean operators over conditions on single FlowMessage
 * fields. Every keyword of the language is reduced to these few nodes when parsed ({@code src port 53}
 * is {@code SrcPort = 53}, {@code port 53} is {@code SrcPort = 53 or DstPort = 53}), so each evaluator
 * and the SQL translation handle only them. {@code toString()} writes the filter language, which parses
 * back to an equal node.
 */
public sealed interface FilterNode {

    /** Matches every flow: the empty filter, {@code any}, {@code all}. */
    record MatchAll() implements FilterNode {
        @Override
        public String toString() {
            return "any";
        }
    }

    /** The operand does not match. */
    record Not(FilterNode operand) implements FilterNode {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public String toString() {
            return "not " + grouped(operand, false);
        }
    }

    /** Every operand matches (two or more). */
    record And(List<FilterNode> operands) implements FilterNode {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("and takes two or more operands");
            }
        }

        @Override
        public String toString() {
            return operands.stream().map(operand -> grouped(operand, true)).collect(Collectors.joining(" and "));
        }
    }

    /** At least one operand matches (two or more). */
    record Or(List<FilterNode> operands) implements FilterNode {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("or takes two or more operands");
            }
        }

        @Override
        public String toString() {
            return operands.stream().map(FilterNode::toString).collect(Collectors.joining(" or "));
        }
    }

    /**
     * A number field (uint32, uint64, enum, bool as 0/1; absent is 0) compared with a value: uint64
     * fields compare unsigned, the others as the signed numbers Connect carries them as.
     */
    record NumberComparison(FlowField field, Comparison comparison, long value) implements FilterNode {
        public NumberComparison {
            Objects.requireNonNull(comparison, "comparison");
            if (!isNumber(field.wireType())) {
                throw new IllegalArgumentException(field.fieldName() + " is not a number field");
            }
        }

        /** Whether a flow's value of the field satisfies the comparison. */
        public boolean test(long flowValue) {
            int order = field.wireType() == WireType.UINT64 ? Long.compareUnsigned(flowValue, value) : Long.compare(flowValue, value);
            return comparison.holds(order);
        }

        @Override
        public String toString() {
            return field.fieldName() + " " + comparison.symbol() + " " + value;
        }
    }

    /**
     * An address field in a prefix, in the 128-bit space of {@link org.bwnetflow.connect.model.table.AddressHalves}
     * (IPv4 a.b.c.d/n is ::ffff:a.b.c.d/(96+n)); a single address has length 128. A flow whose field is no 4- or
     * 16-byte address counts as {@code ::}, as the raw flows table stores it.
     */
    record AddressPrefix(FlowField field, long high, long low, int length) implements FilterNode {
        public AddressPrefix {
            if (field.wireType() != WireType.BYTES) {
                throw new IllegalArgumentException(field.fieldName() + " is not an address field");
            }
            if (length < 0 || length > 128) {
                throw new IllegalArgumentException("prefix length " + length + " is not 0-128");
            }
            high &= AddressBits.highMask(length);
            low &= AddressBits.lowMask(length);
        }

        /** Whether an address, as its two halves, lies in the prefix. */
        public boolean contains(long addressHigh, long addressLow) {
            return ((addressHigh ^ high) & AddressBits.highMask(length)) == 0 && ((addressLow ^ low) & AddressBits.lowMask(length)) == 0;
        }

        @Override
        public String toString() {
            return field.fieldName() + " = " + AddressBits.text(high, low, length);
        }
    }

    /** A text field equals a value exactly (absent is ""). */
    record TextEquals(FlowField field, String value) implements FilterNode {
        public TextEquals {
            Objects.requireNonNull(value, "value");
            if (field.wireType() != WireType.STRING) {
                throw new IllegalArgumentException(field.fieldName() + " is not a text field");
            }
        }

        @Override
        public String toString() {
            return field.fieldName() + " = " + Tokens.quoted(value);
        }
    }

    /** A list field (AS path, communities) holds the value at least once (absent is the empty list). */
    record ListContains(FlowField field, long value) implements FilterNode {
        public ListContains {
            if (field.wireType() != WireType.UINT32_LIST) {
                throw new IllegalArgumentException(field.fieldName() + " is not a list field");
            }
        }

        @Override
        public String toString() {
            return field.fieldName() + " contains " + value;
        }
    }

    /** Whether comparisons of numbers apply to a field of this type. */
    private static boolean isNumber(WireType type) {
        return type == WireType.UINT32 || type == WireType.UINT64 || type == WireType.ENUM || type == WireType.BOOL;
    }

    /** An operand written so that it parses back as one operand of {@code and} (or of {@code not}). */
    private static String grouped(FilterNode operand, boolean insideAnd) {
        boolean needsParentheses = operand instanceof Or || (!insideAnd && operand instanceof And);
        return needsParentheses ? "(" + operand + ")" : operand.toString();
    }
}
