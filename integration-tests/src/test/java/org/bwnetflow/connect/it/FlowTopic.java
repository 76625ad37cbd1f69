package org.bwnetflow.connect.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowMessageCodec;

/** Reads a flow topic the way a bwNetFlow/goflow consumer does: raw FlowMessage protobuf values. */
public final class FlowTopic implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Struct> flows = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    public FlowTopic(String bootstrapServers, String topic) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), "it-" + UUID.randomUUID(), topic);
    }

    /** A consumer with the given client config (bootstrap, SASL login, ...) in consumer group {@code group}. */
    public FlowTopic(Map<String, Object> clientConfig, String group, String topic) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
    }

    /** Polls until at least {@code count} flows have been read in total, or the timeout passes. */
    public List<Struct> awaitFlows(int count, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (flows.size() < count && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                flows.add(FlowMessageCodec.decode(record.value()));
                keys.add(record.key());
            }
        }
        return new ArrayList<>(flows);
    }

    /** Keeps polling for a while and returns everything read: to show that nothing more arrives. */
    public List<Struct> settle(Duration quiet) {
        return awaitFlows(Integer.MAX_VALUE, quiet);
    }

    public List<String> keys() {
        return keys;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
