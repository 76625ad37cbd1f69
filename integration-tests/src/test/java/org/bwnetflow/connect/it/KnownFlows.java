package org.bwnetflow.connect.it;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.ETYPE;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.NORMALIZED;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.PROTO_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_END;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/**
 * Enriched flows with known totals, produced straight into per-customer topics
 * ({@code <prefix><cid>}) at a steady rate with the current time as flow end: the ground truth
 * of the exactly-once tests. Already normalized, so the sink adds Bytes and Packets as they are.
 */
final class KnownFlows {

    static final int[] CIDS = {1000, 1200, 1300};

    private final String topicPrefix;
    private final int count;
    private final int perSecond;
    private final long seed;
    private final Map<Long, long[]> truth = new TreeMap<>();

    KnownFlows(String topicPrefix, int count, int perSecond, long seed) {
        this.topicPrefix = topicPrefix;
        this.count = count;
        this.perSecond = perSecond;
        this.seed = seed;
    }

    /**
     * Sends every flow (acks=all, idempotent producer) and waits until all are acknowledged; fails if one was
     * not, so that the truth never counts a flow that is not in Kafka.
     */
    void produce(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // One request in flight per broker: the tests produce right after creating their topics, and with several, a
        // first batch refused with NOT_LEADER_OR_FOLLOWER (the broker had not yet applied the new partition) can be
        // overtaken by the next one; its retries then fail with OUT_OF_ORDER_SEQUENCE_NUMBER until delivery.timeout.ms
        // drops it (KAFKA-14359, KAFKA-15591). That lost one flow of FlowctlTailIT's 600 after 120 s.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Callback remember = (metadata, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        };
        SplittableRandom random = new SplittableRandom(seed);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                long cid = CIDS[random.nextInt(CIDS.length)];
                Struct flow = flow(random, cid);
                byte[] key = new byte[] {(byte) random.nextInt(8)};
                producer.send(new ProducerRecord<>(topicPrefix + cid, key, FlowMessageCodec.encode(flow)), remember);
                long[] totals = truth.computeIfAbsent(cid, c -> new long[3]);
                totals[0] += Flows.number(flow, BYTES);
                totals[1] += Flows.number(flow, PACKETS);
                totals[2]++;
                long due = start + TimeUnit.SECONDS.toNanos(i + 1) / perSecond;
                LockSupport.parkNanos(due - System.nanoTime());
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("a flow of the truth was not acknowledged by the broker", failed.get());
        }
    }

    private static Struct flow(SplittableRandom random, long cid) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, CID, cid);
        Flows.setNumber(flow, FLOW_DIRECTION, random.nextInt(2));
        Flows.setNumber(flow, BYTES, 40 + random.nextInt(1_000_000));
        Flows.setNumber(flow, PACKETS, 1 + random.nextInt(1_000));
        Flows.setNumber(flow, PROTO, 6);
        Flows.setText(flow, PROTO_NAME, "TCP");
        Flows.setNumber(flow, SRC_PORT, random.nextBoolean() ? 443 : 32_768 + random.nextInt(20_000));
        Flows.setNumber(flow, DST_PORT, random.nextBoolean() ? 22 : 32_768 + random.nextInt(20_000));
        Flows.setNumber(flow, ETYPE, 0x0800);
        Flows.setEnum(flow, NORMALIZED, 1);
        Flows.setNumber(flow, TIME_FLOW_END, System.currentTimeMillis() / 1000);
        return flow;
    }

    /** Bytes, packets and flows per customer, of everything produced. */
    Map<Long, long[]> truth() {
        return truth;
    }
}
