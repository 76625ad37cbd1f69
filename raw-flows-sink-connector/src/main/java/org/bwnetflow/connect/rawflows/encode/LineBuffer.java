package org.bwnetflow.connect.rawflows.encode;

import java.util.Arrays;

/**
 * Line protocol text as bytes, grown as needed and reused from batch to batch: the sink's only
 * per-flow allocation is none. Knows where each line starts, so that a line QuestDB refused can be
 * cut out of a batch, and a half-written line dropped again.
 */
public final class LineBuffer {

    private static final byte[] MIN_VALUE = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final byte[] DIGIT_TENS = new byte[100];
    private static final byte[] DIGIT_ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private byte[] bytes;
    private int size;
    private int[] lineStarts = new int[1024];
    private int lines;

    public LineBuffer(int initialCapacity) {
        bytes = new byte[Math.max(64, initialCapacity)];
    }

    /** The bytes; valid up to {@link #size()}. */
    public byte[] array() {
        return bytes;
    }

    public int size() {
        return size;
    }

    public int lines() {
        return lines;
    }

    public boolean isEmpty() {
        return lines == 0;
    }

    /** Empties the buffer, keeping its memory. */
    public void clear() {
        size = 0;
        lines = 0;
    }

    /** Marks the start of a line; {@link #endLine()} or {@link #dropLine()} follows. */
    void beginLine() {
        if (lines == lineStarts.length) {
            lineStarts = Arrays.copyOf(lineStarts, lines * 2);
        }
        lineStarts[lines] = size;
    }

    /** The line begun last is complete. */
    void endLine() {
        lines++;
    }

    /** Forgets what was written since {@link #beginLine()}: the record turned out not to be a flow. */
    void dropLine() {
        size = lineStarts[lines];
    }

    /** Removes line {@code index} (from 0), e.g. the one QuestDB named in a refusal. */
    public void removeLine(int index) {
        if (index < 0 || index >= lines) {
            throw new IndexOutOfBoundsException("line " + index + " of " + lines);
        }
        int start = lineStarts[index];
        int end = index + 1 < lines ? lineStarts[index + 1] : size;
        int length = end - start;
        System.arraycopy(bytes, end, bytes, start, size - end);
        size -= length;
        for (int i = index + 1; i < lines; i++) {
            lineStarts[i - 1] = lineStarts[i] - length;
        }
        lines--;
    }

    /** The text of line {@code index} without its newline, for tests and messages. */
    public String line(int index) {
        int start = lineStarts[index];
        int end = index + 1 < lines ? lineStarts[index + 1] : size;
        return new String(bytes, start, end - start - 1, java.nio.charset.StandardCharsets.UTF_8);
    }

    void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    void put(byte[] source) {
        put(source, 0, source.length);
    }

    void put(byte[] source, int offset, int length) {
        ensure(length);
        if (length <= 16) {
            for (int i = 0; i < length; i++) { // column prefixes: shorter than what arraycopy's call pays off for
                bytes[size + i] = source[offset + i];
            }
        } else {
            System.arraycopy(source, offset, bytes, size, length);
        }
        size += length;
    }

    /**
     * A symbol value: the characters line protocol gives a meaning (space, comma, equals sign, backslash) and line
     * ends escaped with a backslash, as QuestDB's own clients write them; everything else as it is (valid UTF-8).
     */
    void putEscaped(byte[] source, int offset, int length) {
        ensure(length * 2);
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = source[i];
            if (b == ' ' || b == ',' || b == '=' || b == '\\' || b == '\n' || b == '\r') {
                bytes[size++] = '\\';
            }
            bytes[size++] = b;
        }
    }

    /** A number in decimal; two digits per step, as Long.toString does (22 numbers a row, most of them small). */
    void putLong(long value) {
        if (value >= 0 && value < 10) {
            ensure(1);
            bytes[size++] = (byte) ('0' + value);
            return;
        }
        if (value == Long.MIN_VALUE) {
            put(MIN_VALUE);
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int end = size + digits(value);
        int i = end;
        while (value >= 100) {
            int pair = (int) (value % 100);
            value /= 100;
            bytes[--i] = DIGIT_ONES[pair];
            bytes[--i] = DIGIT_TENS[pair];
        }
        if (value >= 10) {
            bytes[--i] = DIGIT_ONES[(int) value];
            bytes[--i] = DIGIT_TENS[(int) value];
        } else {
            bytes[--i] = (byte) ('0' + value);
        }
        size = end;
    }

    /** An unsigned byte in decimal (a part of a dotted IPv4 address). */
    void putUnsignedByte(int value) {
        int v = value & 0xff;
        ensure(3);
        if (v >= 100) {
            bytes[size++] = (byte) ('0' + v / 100);
            v %= 100;
            bytes[size++] = (byte) ('0' + v / 10);
            bytes[size++] = (byte) ('0' + v % 10);
        } else if (v >= 10) {
            bytes[size++] = (byte) ('0' + v / 10);
            bytes[size++] = (byte) ('0' + v % 10);
        } else {
            bytes[size++] = (byte) ('0' + v);
        }
    }

    private static int digits(long value) {
        long bound = 10;
        for (int digits = 1; digits < 19; digits++) {
            if (value < bound) {
                return digits;
            }
            bound *= 10;
        }
        return 19;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
