package org.bwnetflow.connect.enrich.routes;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A read-only {@code List<Long>} over a route's AS path or communities, as a flow's repeated
 * fields carry them: one small object per flow instead of a copy with a boxed number per AS.
 */
public final class LongArrayView extends AbstractList<Long> implements RandomAccess {

    private final long[] values;

    private LongArrayView(long[] values) {
        this.values = values;
    }

    /** The values as a list (not copied: the array must not change). */
    public static LongArrayView of(long[] values) {
        return new LongArrayView(values);
    }

    @Override
    public Long get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }
}
