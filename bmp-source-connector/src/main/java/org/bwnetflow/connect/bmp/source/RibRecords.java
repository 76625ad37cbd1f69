package org.bwnetflow.connect.bmp.source;

import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.bmp.rib.RibCodec;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.bwnetflow.connect.bmp.source.rib.RibWriter;
import org.bwnetflow.connect.bmp.source.rib.RouterRib;
import org.bwnetflow.connect.bmp.source.rib.TombstoneCause;

/**
 * The RIB's changes as records of the RIB topic: key RibCodec's RouteKey bytes, value its Route
 * bytes or null (a tombstone), timestamped now. Source partition: the router; offset: its
 * session's epoch and message count (what the router had sent when the record was made).
 */
final class RibRecords implements RibWriter {

    static final String PARTITION_ROUTER = "router";
    static final String OFFSET_EPOCH = "epoch";
    static final String OFFSET_MESSAGES = "messages";

    private final String topic;
    private final RecordQueue queue;
    private final LongSupplier clock;

    RibRecords(String topic, RecordQueue queue, LongSupplier clock) {
        this.topic = topic;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void announce(RouterRib router, RouteKey key, Route route) {
        queue.add(record(router, key, RibCodec.encodeRoute(route)));
    }

    @Override
    public void tombstone(RouterRib router, RouteKey key, TombstoneCause cause) {
        queue.add(record(router, key, null));
    }

    private SourceRecord record(RouterRib router, RouteKey key, byte[] value) {
        return new SourceRecord(Map.of(PARTITION_ROUTER, router.name()),
                Map.of(OFFSET_EPOCH, router.epoch(), OFFSET_MESSAGES, router.messages()), topic, null,
                Schema.BYTES_SCHEMA, RibCodec.encodeKey(key), Schema.OPTIONAL_BYTES_SCHEMA, value, clock.getAsLong());
    }
}
