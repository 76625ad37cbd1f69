package org.bwnetflow.connect.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.netflow.testing.CodecRun;

/** Counts a topic's flows by exporter (SamplerAddress) without keeping them: for topics too large to hold. */
final class FlowCounter implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> byExporter = new HashMap<>();

    FlowCounter(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-count-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
    }

    /** Reads until {@code expected} flows of {@code exporters} were counted, or nothing new came for {@code quiet}. */
    Map<String, Long> countUntil(long expected, List<String> exporters, Duration quiet, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long lastProgress = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - lastProgress < quiet.toMillis()
                && total(exporters) < expected) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                String exporter = CodecRun.text(Flows.bytes(FlowMessageCodec.decode(record.value()),
                        FlowField.SAMPLER_ADDRESS));
                byExporter.merge(exporter, 1L, Long::sum);
                lastProgress = System.currentTimeMillis();
            }
        }
        return Map.copyOf(byExporter);
    }

    long total(List<String> exporters) {
        return exporters.stream().mapToLong(e -> byExporter.getOrDefault(e, 0L)).sum();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
