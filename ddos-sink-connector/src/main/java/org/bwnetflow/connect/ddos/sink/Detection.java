package org.bwnetflow.connect.ddos.sink;

import org.apache.kafka.connect.data.Struct;

/** Every customer's detection, as the task drives it: flows in, attack events out (to the task's listener). */
public interface Detection {

    /** One flow of customer {@code cid}, with its record's timestamp. */
    void accept(long cid, Struct flow, long recordTimestampMillis);

    /** Writes what changed since the last call (baselines) to the state topic, without waiting. */
    void saveChanged();

    /** Customers with a detector. */
    int customers();
}
