package org.bwnetflow.connect.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads raw record values of a topic from the beginning (a dead letter queue, say); null for a tombstone. */
final class RawTopic implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;

    RawTopic(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** The values read until {@code count} came or the timeout passed. */
    List<byte[]> await(int count, Duration timeout) {
        List<byte[]> values = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (values.size() < count && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        }
        return values;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
