package org.bwnetflow.connect.it;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_END;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/**
 * Continuous traffic as a network sends it, produced into per-customer topics ({@code
 * <prefix><cid>}) until stopped: a steady rate, each flow ended up to {@code jitterMillis} before
 * it is sent (exporters report flows after they end), every twentieth record held back and sent
 * after the next (timestamps slightly out of order), remote addresses that rarely repeat, local
 * hosts whose share drifts. Keeps the ground truth: bytes per customer and window of the flows'
 * end time.
 */
final class ContinuousFlows {

    static final int[] CIDS = {1000, 1200, 1300};

    private final String topicPrefix;
    private final int perSecond;
    private final long jitterMillis;
    private final long windowMillis;
    private final long seed;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<Long, Map<Long, Long>> bytesByCidAndWindow = new TreeMap<>();
    private long sent;

    ContinuousFlows(String topicPrefix, int perSecond, long jitterMillis, long windowMillis, long seed) {
        this.topicPrefix = topicPrefix;
        this.perSecond = perSecond;
        this.jitterMillis = jitterMillis;
        this.windowMillis = windowMillis;
        this.seed = seed;
    }

    void stop() {
        stop.set(true);
    }

    /** Sends until {@link #stop}, then waits until every flow is acknowledged (acks=all, idempotent). */
    void produce(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        SplittableRandom random = new SplittableRandom(seed);
        long start = System.nanoTime();
        ProducerRecord<byte[], byte[]> held = null;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; !stop.get(); i++) {
                ProducerRecord<byte[], byte[]> record = next(random);
                if (held == null && random.nextInt(20) == 0) {
                    held = record;
                } else {
                    producer.send(record);
                    if (held != null) {
                        producer.send(held);
                        held = null;
                    }
                }
                long due = start + TimeUnit.SECONDS.toNanos(i + 1) / perSecond;
                LockSupport.parkNanos(due - System.nanoTime());
            }
            if (held != null) {
                producer.send(held);
            }
            producer.flush();
        }
    }

    private ProducerRecord<byte[], byte[]> next(SplittableRandom random) {
        long cid = CIDS[random.nextInt(CIDS.length)];
        long now = System.currentTimeMillis();
        long ended = now - random.nextLong(jitterMillis + 1);
        int host = (int) ((now / 7_000 + random.nextInt(6)) % 40);
        long bytes = 40 + random.nextInt(1_500);
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, CID, cid);
        Flows.setNumber(flow, FLOW_DIRECTION, 0);
        Flows.setNumber(flow, BYTES, bytes);
        Flows.setNumber(flow, PACKETS, 1 + bytes / 500);
        Flows.setBytes(flow, SRC_ADDR, new byte[] {(byte) 198, 51, (byte) random.nextInt(256), (byte) random.nextInt(256)});
        Flows.setBytes(flow, DST_ADDR, new byte[] {10, 0, 0, (byte) (1 + host)});
        Flows.setNumber(flow, TIME_FLOW_END, ended / 1000);
        long window = Math.floorDiv(ended / 1000 * 1000, windowMillis) * windowMillis;
        synchronized (this) {
            bytesByCidAndWindow.computeIfAbsent(cid, c -> new TreeMap<>()).merge(window, bytes, Long::sum);
            sent++;
        }
        byte[] key = {(byte) random.nextInt(8)};
        return new ProducerRecord<>(topicPrefix + cid, key, FlowMessageCodec.encode(flow));
    }

    /** Bytes per customer and window start; call after {@link #produce} returned. */
    synchronized Map<Long, Map<Long, Long>> truth() {
        return bytesByCidAndWindow;
    }

    synchronized long sent() {
        return sent;
    }
}
