package org.bwnetflow.connect.bmp.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.bwnetflow.connect.bmp.rib.MalformedRibRecordException;
import org.bwnetflow.connect.bmp.rib.RibCodec;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the RIB topic once, beginning to end, when a task starts: the keys whose last record is a
 * route (not a tombstone), of the routers this task may serve (the allowlist: another BMP
 * connector may write other routers to the same topic). No consumer group, nothing committed.
 */
final class RibTopicReader implements KnownRoutes {

    private static final Logger log = LoggerFactory.getLogger(RibTopicReader.class);

    private final java.util.function.Supplier<Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final Predicate<InetAddress> routers;
    private final Duration timeout;
    private long unreadable;

    RibTopicReader(java.util.function.Supplier<Consumer<byte[], byte[]>> consumers, String topic,
            Predicate<InetAddress> routers, Duration timeout) {
        this.consumers = consumers;
        this.topic = topic;
        this.routers = routers;
        this.timeout = timeout;
    }

    /** A reader with a KafkaConsumer of the connector's RIB settings. */
    static RibTopicReader of(BmpSourceConfig config) {
        Map<String, Object> settings = config.ribConsumerConfig();
        settings.remove("group.id");
        settings.put("enable.auto.commit", false);
        // Else a broker with auto.create.topics.enable (Kafka's default) creates the topic for this metadata request with
        // its defaults (not compacted) before Connect's topic creation could make it compacted.
        settings.put("allow.auto.create.topics", false);
        settings.putIfAbsent("client.id", "bmp-source-rib-reader-" + config.topic());
        return new RibTopicReader(() -> new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), config.topic(), config.allowedRouters(),
                Duration.ofMillis(config.ribLoadTimeoutMs()));
    }

    @Override
    public Map<InetAddress, Set<RouteKey>> load() {
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                log.info("RIB topic {} does not exist yet: no routes to restore", topic);
                return Map.of();
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return read(consumer, partitions);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ConnectException("cannot read the RIB topic " + topic + " to learn the routes earlier tasks wrote ("
                    + BmpSourceConfig.RIB_BOOTSTRAP_SERVERS + ", " + BmpSourceConfig.RIB_CONSUMER_PREFIX + "*): " + e, e);
        }
    }

    private Map<InetAddress, Set<RouteKey>> read(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Set<RouteKey> live = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new ConnectException("reading the RIB topic " + topic + " to its end took longer than "
                        + BmpSourceConfig.RIB_LOAD_TIMEOUT_MS + " (" + timeout.toMillis() + " ms)");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                apply(record, live);
            }
        }
        if (unreadable > 0) {
            log.warn("RIB topic {}: {} records with keys that are no RouteKey were ignored", topic, unreadable);
        }
        return byRouter(live);
    }

    private void apply(ConsumerRecord<byte[], byte[]> record, Set<RouteKey> live) {
        if (record.key() == null) {
            return;
        }
        RouteKey key;
        try {
            key = RibCodec.decodeKey(record.key());
        } catch (MalformedRibRecordException e) {
            unreadable++;
            return;
        }
        if (record.value() == null) {
            live.remove(key);
        } else {
            live.add(key);
        }
    }

    private Map<InetAddress, Set<RouteKey>> byRouter(Set<RouteKey> live) {
        Map<InetAddress, Set<RouteKey>> known = new HashMap<>();
        for (RouteKey key : live) {
            InetAddress router;
            try {
                router = InetAddress.getByAddress(key.router());
            } catch (UnknownHostException e) {
                unreadable++;
                continue; // not 4 or 16 bytes: no router of ours
            }
            if (routers.test(router)) {
                known.computeIfAbsent(router, r -> new HashSet<>()).add(key);
            }
        }
        return known;
    }

    private static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
