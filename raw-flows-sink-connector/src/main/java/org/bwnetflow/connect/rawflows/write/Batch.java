package org.bwnetflow.connect.rawflows.write;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.bwnetflow.connect.rawflows.encode.LineBuffer;

/**
 * One write request in the making: the lines of a run of records and, per partition, the offset
 * after the last record it covers (written or skipped). Once QuestDB took the lines, those offsets
 * may be committed: batches are written one after the other, so every earlier record is written too.
 * Where each line came from is kept for a line QuestDB refuses.
 */
public final class Batch {

    private final LineBuffer lines;
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private TopicPartition[] lineTopics = new TopicPartition[1024];
    private long[] lineOffsets = new long[1024];
    private long startedNanos;
    private int records;

    public Batch(int initialBytes) {
        lines = new LineBuffer(initialBytes);
    }

    /** Where the encoder appends; call {@link #covered} for each record, whether it became a line or not. */
    public LineBuffer lines() {
        return lines;
    }

    /**
     * The record at {@code offset} of {@code partition} is in the batch: its line was appended last ({@code hasLine}),
     * or it was skipped.
     */
    public void covered(TopicPartition partition, long offset, boolean hasLine, long nowNanos) {
        if (records++ == 0) {
            startedNanos = nowNanos;
        }
        nextOffsets.put(partition, offset + 1);
        if (hasLine) {
            int line = lines.lines() - 1;
            if (line >= lineOffsets.length) {
                lineTopics = java.util.Arrays.copyOf(lineTopics, lineOffsets.length * 2);
                lineOffsets = java.util.Arrays.copyOf(lineOffsets, lineOffsets.length * 2);
            }
            lineTopics[line] = partition;
            lineOffsets[line] = offset;
        }
    }

    /** Cuts out a line QuestDB refused; returns its record as topic-partition@offset. */
    public String removeLine(int line) {
        String where = lineTopics[line] + "@" + lineOffsets[line];
        lines.removeLine(line);
        int remaining = lines.lines() - line;
        System.arraycopy(lineTopics, line + 1, lineTopics, line, remaining);
        System.arraycopy(lineOffsets, line + 1, lineOffsets, line, remaining);
        return where;
    }

    public boolean isEmpty() {
        return records == 0;
    }

    /** Records covered (lines and skipped ones). */
    public int records() {
        return records;
    }

    public int bytes() {
        return lines.size();
    }

    /** When the first record came in; meaningful only when not {@link #isEmpty()}. */
    public long startedNanos() {
        return startedNanos;
    }

    /** The offsets that may be committed once the batch is written. */
    public Map<TopicPartition, Long> nextOffsets() {
        return nextOffsets;
    }

    public void clear() {
        lines.clear();
        nextOffsets.clear();
        records = 0;
    }
}
