package org.bwnetflow.connect.flowctl.top;

import java.util.function.ToLongFunction;

/** What the top lists are ordered by, switched with the keys b, p and f. */
public enum SortKey {
    BYTES('b', Volume::bytes),
    PACKETS('p', Volume::packets),
    FLOWS('f', Volume::flows);

    private final char key;
    private final ToLongFunction<Volume> measure;

    SortKey(char key, ToLongFunction<Volume> measure) {
        this.key = key;
        this.measure = measure;
    }

    public char key() {
        return key;
    }

    public long of(Volume volume) {
        return measure.applyAsLong(volume);
    }
}
