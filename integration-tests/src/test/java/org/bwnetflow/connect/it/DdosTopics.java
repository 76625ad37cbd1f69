package org.bwnetflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/**
 * The DDoS sink's topics as its integration tests use them: floods written straight into a customer topic, and the
 * JSON records of the audit and attacks topics read back.
 */
final class DdosTopics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DdosTopics() {
    }

    /**
     * A flood of {@code seconds} seconds at {@code target} into the topic {@code <topicPrefix><cid>}: 200 flows a
     * second of 500 UDP/53 packets of 500 bytes (400 Mbit/s, 100,000 packets/s), each with the time it is sent.
     */
    static void produceFlood(String topicPrefix, long cid, String target, int seconds) throws Exception {
        produce(topicPrefix, cid, target, 20, 500, seconds * 10, () -> true);
    }

    /**
     * A customer's normal traffic at {@code target} until {@code going} says no more: 10 flows a second of 10 packets
     * (400 kbit/s). It keeps the sink's input busy, as a customer's topic is: an idle one is polled only as often as
     * the worker commits offsets.
     */
    static void produceNormal(String topicPrefix, long cid, String target, BooleanSupplier going) throws Exception {
        produce(topicPrefix, cid, target, 1, 10, Integer.MAX_VALUE, going);
    }

    /** {@code flowsPerTenth} flows of {@code packets} packets every 100 ms, {@code tenths} times or while going. */
    private static void produce(String topicPrefix, long cid, String target, int flowsPerTenth, int packets, int tenths,
                                BooleanSupplier going) throws Exception {
        byte[] address = InetAddress.getByName(target).getAddress();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                LocalStack.broker().bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int tenth = 0; tenth < tenths && going.getAsBoolean(); tenth++) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < flowsPerTenth; i++) {
                    Struct flow = FlowMessageSchema.newFlow();
                    Flows.setBytes(flow, FlowField.SRC_ADDR, address.length == 4 ? new byte[] {(byte) 198, 51, 100, (byte) i}
                            : InetAddress.getByName("2001:db8:ffff::" + (i + 1)).getAddress());
                    Flows.setBytes(flow, FlowField.DST_ADDR, address);
                    Flows.setNumber(flow, FlowField.PROTO, 17);
                    Flows.setNumber(flow, FlowField.DST_PORT, 53);
                    Flows.setNumber(flow, FlowField.PACKETS, packets);
                    Flows.setNumber(flow, FlowField.BYTES, 500L * packets);
                    Flows.setNumber(flow, FlowField.TIME_FLOW_END, now / 1000);
                    Flows.setNumber(flow, FlowField.CID, cid);
                    producer.send(new ProducerRecord<>(topicPrefix + cid, null, now, null, FlowMessageCodec.encode(flow)));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Every record of a topic (JSON values), read until {@code quietSeconds} pass without a new one. */
    static List<JsonNode> records(String topic, int quietSeconds) throws Exception {
        List<JsonNode> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                LocalStack.broker().bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "ddos-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < quietSeconds * 1000L) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(JSON.readTree(record.value()));
                    quietSince = System.currentTimeMillis();
                }
            }
        }
        return values;
    }

    /**
     * Every record a topic holds now (JSON values), read to its end offsets without a consumer group: for a test that
     * knows the records it looks for are written (e.g. the audit's withdrawal, written before the speaker is told).
     */
    static List<JsonNode> recordsSoFar(String topic) throws Exception {
        List<JsonNode> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                LocalStack.broker().bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end + " within 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(JSON.readTree(record.value()));
                }
            }
        }
        return values;
    }

    /** The records about one target (audit or attacks topic). */
    static List<JsonNode> about(List<JsonNode> records, String target) {
        return records.stream().filter(r -> target.equals(r.path("target").asText())).toList();
    }

    /** The audit's actions for a target, in order. */
    static List<String> actions(List<JsonNode> audit, String target) {
        return about(audit, target).stream().map(r -> r.path("action").asText()).toList();
    }

    /** When the audit recorded an action for a target (its first such record). */
    static long time(List<JsonNode> audit, String target, String action) {
        return about(audit, target).stream().filter(r -> action.equals(r.path("action").asText()))
                .mapToLong(r -> r.path("time_ms").asLong()).findFirst().orElseThrow();
    }

    /** The reason of the audit's first record for a target, null without one. */
    static String reason(List<JsonNode> audit, String target) {
        return about(audit, target).stream().map(r -> r.path("reason").asText()).findFirst().orElse(null);
    }

    /** The attack events of a target without the updates (which a restarted task may repeat): start, end. */
    static List<String> events(List<JsonNode> attacks, String target) {
        return about(attacks, target).stream().map(r -> r.path("event").asText()).filter(e -> !"update".equals(e)).toList();
    }
}
