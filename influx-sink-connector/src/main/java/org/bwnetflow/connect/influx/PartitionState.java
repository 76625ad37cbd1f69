package org.bwnetflow.connect.influx;

import java.util.OptionalLong;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.influx.aggregate.WindowAggregates;
import org.bwnetflow.connect.influx.health.PendingHealth;
import org.bwnetflow.connect.influx.window.PartitionWindows;

/**
 * What the task keeps of one Kafka partition: its flow windows and its unwritten ingest health
 * points. A partition may carry both; its commit offset is the lower of what each allows.
 */
final class PartitionState {

    private final PartitionWindows<WindowAggregates> windows;
    private final PendingHealth health = new PendingHealth();

    PartitionState(PartitionWindows<WindowAggregates> windows) {
        this.windows = windows;
    }

    PartitionWindows<WindowAggregates> windows() {
        return windows;
    }

    PendingHealth health() {
        return health;
    }

    /**
     * Keeps a health record's point until it is written; the windows pass over its offset.
     *
     * @return false for a redelivered record
     */
    boolean addHealth(long offset, Point point) {
        windows.passOver(offset);
        return health.add(offset, point);
    }

    /** The offset to commit: past written windows and written health points, never past an unwritten one. */
    OptionalLong commitOffset() {
        return windows.commitOffset(health.commitLimit().orElse(Long.MAX_VALUE));
    }
}
