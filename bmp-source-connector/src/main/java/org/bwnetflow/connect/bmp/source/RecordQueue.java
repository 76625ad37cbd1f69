package org.bwnetflow.connect.bmp.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Records between the station's thread and poll(). Its capacity is where the station stops reading
 * sockets ({@link #full()}), not where records are refused: a record of the RIB must never be
 * dropped, a tombstone least of all, so the queue takes what one read completed even beyond it.
 */
final class RecordQueue {

    private final LinkedBlockingQueue<SourceRecord> records = new LinkedBlockingQueue<>();
    private final int capacity;

    RecordQueue(int capacity) {
        this.capacity = capacity;
    }

    void add(SourceRecord record) {
        records.add(record);
    }

    boolean full() {
        return records.size() >= capacity;
    }

    int size() {
        return records.size();
    }

    /** Up to {@code max} records, waiting up to {@code timeoutMillis} for the first; null when none came. */
    List<SourceRecord> take(int max, long timeoutMillis) throws InterruptedException {
        SourceRecord first = records.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(max, records.size() + 1));
        batch.add(first);
        records.drainTo(batch, max - 1);
        return batch;
    }
}
