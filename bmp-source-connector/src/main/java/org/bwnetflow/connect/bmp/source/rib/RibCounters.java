package org.bwnetflow.connect.bmp.source.rib;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the RIB did, for the task's metrics: written by the station's thread, read by JMX. */
public final class RibCounters {

    public final LongAdder announced = new LongAdder();
    public final LongAdder withdrawn = new LongAdder();
    public final LongAdder endOfRibs = new LongAdder();
    public final LongAdder restoredRoutes = new LongAdder();
    public final LongAdder pendingTombstones = new LongAdder();
    private final Map<TombstoneCause, LongAdder> tombstones = new EnumMap<>(TombstoneCause.class);

    public RibCounters() {
        for (TombstoneCause cause : TombstoneCause.values()) {
            tombstones.put(cause, new LongAdder());
        }
    }

    public LongAdder tombstones(TombstoneCause cause) {
        return tombstones.get(cause);
    }
}
