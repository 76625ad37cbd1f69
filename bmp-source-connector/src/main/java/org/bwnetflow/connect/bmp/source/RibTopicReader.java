package org.bwnetflow.connect.bmp.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.bwnetflow.connect.bmp.source.rib.RouteKeys;
import org.bwnetflow.connect.model.config.KafkaClientSecurity;
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
    /** The allowlist's answer by router: asked once per router, not per record. */
    private final Map<InetAddress, Boolean> allowed = new HashMap<>();

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
    public Map<InetAddress, RouteKeys> load() {
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                log.info("RIB topic {} does not exist yet: no routes to restore", topic);
                return Map.of();
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return read(consumer, partitions);
        } catch (org.apache.kafka.common.KafkaException e) {
            // no cause: the task's failure trace is shown by REST, and a JAAS config that does not parse is quoted in it
            throw new ConnectException("cannot read the RIB topic " + topic + " to learn the routes earlier tasks wrote ("
                    + BmpSourceConfig.RIB_BOOTSTRAP_SERVERS + ", " + KafkaClientSecurity.constructionFailure(e,
                            BmpSourceConfig.RIB_CLIENT_PREFIX) + ")");
        }
    }

    private Map<InetAddress, RouteKeys> read(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<InetAddress, RouteKeys> known = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new ConnectException("reading the RIB topic " + topic + " to its end took longer than "
                        + BmpSourceConfig.RIB_LOAD_TIMEOUT_MS + " (" + timeout.toMillis() + " ms)");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                apply(record, known);
            }
        }
        if (unreadable > 0) {
            log.warn("RIB topic {}: {} records with keys that are no RouteKey were ignored", topic, unreadable);
        }
        known.values().removeIf(keys -> keys.size() == 0); // routers whose every route has its tombstone
        return known;
    }

    /**
     * Applies one record to its router's keys at once: each key is decoded, kept in the compact
     * store (or forgotten, for a tombstone) and dropped, so no more than a poll's records are objects.
     */
    private void apply(ConsumerRecord<byte[], byte[]> record, Map<InetAddress, RouteKeys> known) {
        if (record.key() == null) {
            return;
        }
        RouteKey key;
        InetAddress router;
        try {
            key = RibCodec.decodeKey(record.key());
            router = InetAddress.getByAddress(key.router());
        } catch (MalformedRibRecordException | UnknownHostException e) {
            unreadable++;
            return;
        }
        RouteKeys keys = known.get(router);
        if (keys == null) {
            if (!allowed.computeIfAbsent(router, routers::test)) {
                return; // another connector's router
            }
            keys = new RouteKeys();
            known.put(router, keys);
        }
        if (record.value() == null) {
            keys.remove(key);
        } else {
            keys.add(key);
        }
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
