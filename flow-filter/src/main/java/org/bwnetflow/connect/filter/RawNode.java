package org.bwnetflow.connect.filter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A filter node compiled against the slots of a {@link RawFlowScan}. */
interface RawNode {

    boolean matches(RawFlowScan flow);

    /** Every flow. */
    final class All implements RawNode {
        @Override
        public boolean matches(RawFlowScan flow) {
            return true;
        }
    }

    record Not(RawNode operand) implements RawNode {
        @Override
        public boolean matches(RawFlowScan flow) {
            return !operand.matches(flow);
        }
    }

    record And(RawNode[] operands) implements RawNode {
        @Override
        public boolean matches(RawFlowScan flow) {
            for (RawNode operand : operands) {
                if (!operand.matches(flow)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(RawNode[] operands) implements RawNode {
        @Override
        public boolean matches(RawFlowScan flow) {
            for (RawNode operand : operands) {
                if (operand.matches(flow)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code =} is the common case and needs no order (signed or unsigned alike). */
    record NumberEquals(int slot, long value) implements RawNode {
        @Override
        public boolean matches(RawFlowScan flow) {
            return flow.numbers[slot] == value;
        }
    }

    record NumberCompare(int slot, FilterNode.NumberComparison comparison) implements RawNode {
        @Override
        public boolean matches(RawFlowScan flow) {
            return comparison.test(flow.numbers[slot]);
        }
    }

    record InPrefix(int slot, long high, long low, long highMask, long lowMask) implements RawNode {
        @Override
        public boolean matches(RawFlowScan flow) {
            return ((flow.numbers[slot] ^ high) & highMask) == 0 && ((flow.numbers[slot + 1] ^ low) & lowMask) == 0;
        }
    }

    /** Compares the message's UTF-8 bytes with the value's: no String per flow. */
    record TextEquals(int slot, byte[] utf8) implements RawNode {
        TextEquals(int slot, String value) {
            this(slot, value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean matches(RawFlowScan flow) {
            int start = flow.textStart[slot];
            // an absent text leaves the start of an earlier message: compare only when there are bytes
            return flow.textLength[slot] == utf8.length
                    && (utf8.length == 0 || Arrays.equals(flow.bytes, start, start + utf8.length, utf8, 0, utf8.length));
        }
    }

    record ListHit(int hit) implements RawNode {
        @Override
        public boolean matches(RawFlowScan flow) {
            return flow.hits[hit];
        }
    }
}
