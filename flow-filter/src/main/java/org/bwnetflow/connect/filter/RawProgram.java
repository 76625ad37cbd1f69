package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled filter as a flat branch program over the slots of a {@link RawFlowScan}: each instruction tests one
 * condition and names the instruction to go to when it holds and when it does not, or the verdict. {@code and},
 * {@code or} and {@code not} are only jumps, so evaluating is one loop over parallel arrays, without the
 * megamorphic calls of a tree of node objects, and it stops as early as the tree would.
 */
final class RawProgram {

    /** Jump targets that end the program. */
    static final int ACCEPT = -1;
    static final int REJECT = -2;

    /** {@code lowest <= (slot ^ flip) <= highest}, signed: every comparison of a number (flip turns unsigned into signed). */
    static final int RANGE = 0;
    /** The address in two slots lies in a prefix: {@code ((high ^ prefixHigh) & highMask) == 0} and the same for low. */
    static final int PREFIX = 1;
    /** The text in the slot (start and length in the bytes) equals the UTF-8 bytes. */
    static final int TEXT = 2;
    /** The slot is not 0: a list held a value. */
    static final int HIT = 3;

    private static final int OPERANDS = 4;

    private final int entry;
    private final int[] kinds;
    private final int[] slots;
    private final long[] operands;
    private final byte[][] texts;
    private final int[] onTrue;
    private final int[] onFalse;

    private RawProgram(Builder builder, int entry) {
        this.entry = entry;
        int size = builder.kinds.size();
        kinds = builder.kinds.stream().mapToInt(Integer::intValue).toArray();
        slots = builder.slots.stream().mapToInt(Integer::intValue).toArray();
        onTrue = builder.onTrue.stream().mapToInt(Integer::intValue).toArray();
        onFalse = builder.onFalse.stream().mapToInt(Integer::intValue).toArray();
        operands = builder.operands.stream().mapToLong(Long::longValue).toArray();
        texts = builder.texts.toArray(new byte[size][]);
    }

    /** Whether the flow whose slots these are (scanned from {@code bytes}) matches. */
    boolean matches(long[] values, byte[] bytes) {
        int next = entry;
        while (next >= 0) {
            next = holds(next, values, bytes) ? onTrue[next] : onFalse[next];
        }
        return next == ACCEPT;
    }

    private boolean holds(int instruction, long[] values, byte[] bytes) {
        int slot = slots[instruction];
        int at = instruction * OPERANDS;
        switch (kinds[instruction]) {
            case RANGE:
                long value = values[slot] ^ operands[at];
                return value >= operands[at + 1] && value <= operands[at + 2];
            case PREFIX:
                return ((values[slot] ^ operands[at]) & operands[at + 2]) == 0
                        && ((values[slot + 1] ^ operands[at + 1]) & operands[at + 3]) == 0;
            case TEXT:
                byte[] text = texts[instruction];
                int start = (int) (values[slot] >>> 32);
                // an absent text is (0, 0): it equals only "", which compares no bytes
                return (int) values[slot] == text.length && Arrays.equals(bytes, start, start + text.length, text, 0, text.length);
            default:
                return values[slot] != 0;
        }
    }

    /** Collects instructions; each {@code add} returns the new instruction's index, a jump target for later ones. */
    static final class Builder {

        private final List<Integer> kinds = new ArrayList<>();
        private final List<Integer> slots = new ArrayList<>();
        private final List<Long> operands = new ArrayList<>();
        private final List<byte[]> texts = new ArrayList<>();
        private final List<Integer> onTrue = new ArrayList<>();
        private final List<Integer> onFalse = new ArrayList<>();

        int add(int kind, int slot, long[] values, byte[] text, int whenTrue, int whenFalse) {
            kinds.add(kind);
            slots.add(slot);
            for (int i = 0; i < OPERANDS; i++) {
                operands.add(i < values.length ? values[i] : 0L);
            }
            texts.add(text);
            onTrue.add(whenTrue);
            onFalse.add(whenFalse);
            return kinds.size() - 1;
        }

        RawProgram build(int entry) {
            return new RawProgram(this, entry);
        }
    }
}
