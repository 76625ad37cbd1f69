package org.bwnetflow.connect.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bwnetflow.connect.bmp.rib.RibCodec;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/**
 * The RIB topic as a consumer of it sees it: every record from the beginning, folded into the
 * routes it describes now (a tombstone removes its key), with the tombstones counted per key.
 */
final class RibTopic implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Map<RouteKey, Route> routes = new LinkedHashMap<>();
    private final Map<RouteKey, Integer> tombstones = new HashMap<>();
    private int records;

    RibTopic(Map<String, Object> clientConfig, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(clientConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads what was added since the last call, up to the topic's current end; the routes as they are now. */
    Map<RouteKey, Route> read() {
        if (consumer.assignment().isEmpty()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return routes;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long deadline = System.currentTimeMillis() + 30_000;
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                records++;
                RouteKey key = RibCodec.decodeKey(record.key());
                if (record.value() == null) {
                    routes.remove(key);
                    tombstones.merge(key, 1, Integer::sum);
                } else {
                    routes.put(key, RibCodec.decodeRoute(record.value()));
                }
            }
        }
        return routes;
    }

    /** Tombstones read for a key so far. */
    int tombstones(RouteKey key) {
        return tombstones.getOrDefault(key, 0);
    }

    int records() {
        return records;
    }

    /** Writes routes as the BMP source connector does (for tests of the transform alone). */
    static void write(Map<String, Object> clientConfig, String topic, Map<RouteKey, Route> routes) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clientConfig, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            routes.forEach((key, route) -> producer.send(new ProducerRecord<>(topic, RibCodec.encodeKey(key),
                    route == null ? null : RibCodec.encodeRoute(route))));
            producer.flush();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
