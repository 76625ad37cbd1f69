package org.bwnetflow.connect.rawflows.encode;

import java.util.Arrays;

/**
 * Line protocol text as bytes, grown as needed and reused from batch to batch: the sink's only
 * per-flow allocation is none. Knows where each line starts, so that a line QuestDB refused can be
 * cut out of a batch, and a half-written line dropped again.
 */
public final class LineBuffer {

    private static final byte[] MIN_VALUE = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
        System.arraycopy(source, offset, bytes, size, length);
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

    /** A number in decimal. */
    void putLong(long value) {
        if (value == Long.MIN_VALUE) {
            put(MIN_VALUE);
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int digits = digits(value);
        int end = size + digits;
        for (int i = end - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
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
