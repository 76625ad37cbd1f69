package org.bwnetflow.connect.it;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_END;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Continuous traffic in compressed event time, produced into per-customer topics ({@code <prefix><cid>}) until
 * stopped: a steady rate of flows whose record timestamps advance by a fixed step per flow (so that a real second
 * carries {@code eventSecondsPerSecond} event seconds whatever the producer's pace), TimeFlowEnd a few event seconds
 * before the record's timestamp (within the detectors' clock tolerance), every twentieth record sent after the next.
 * Half the flows go round robin to two servers per customer whose rate follows the hour of day and varies from flow to
 * flow; the others to random hosts of the customer (IPv4 and IPv6) from random sources, one in fifty heavy enough for
 * a baseline of its own. During a {@link Flood} every third flow is one of the flood's.
 */
final class CompressedFlows {

    static final long[] CIDS = {1000, 1001, 1100};

    /** A flood of {@code bitsPerSecond} at a host of customer {@code cid}, between two event times (ms). */
    record Flood(long cid, String target, long fromMillis, long toMillis, double bitsPerSecond) {
        boolean covers(long eventMillis) {
            return eventMillis >= fromMillis && eventMillis < toMillis;
        }
    }

    private static final double SERVER_BITS_PER_SECOND = 50e6;
    /** Over a 10 s window about 40 Mbit/s: above the floor / multiple that gives a target a baseline. */
    private static final long HEAVY_FLOW_BYTES = 50_000_000;
    private static final int SERVERS_PER_CUSTOMER = 2;
    private static final int MAX_CLOCK_LAG_MILLIS = 3_000;

    private final String topicPrefix;
    private final int perSecond;
    private final long eventMillisPerFlow;
    private final long eventStartMillis;
    private final List<Flood> floods;
    private final CustomerHosts hosts;
    private final long seed;
    private final List<Long> serverCids = new ArrayList<>();
    private final List<byte[]> serverAddresses = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile long sent;
    private volatile long eventMillis;

    CompressedFlows(String topicPrefix, int perSecond, int eventSecondsPerSecond, long eventStartMillis,
                    List<Flood> floods, CustomerHosts hosts, long seed) {
        this.topicPrefix = topicPrefix;
        this.perSecond = perSecond;
        this.eventMillisPerFlow = 1000L * eventSecondsPerSecond / perSecond;
        this.eventStartMillis = eventStartMillis;
        this.eventMillis = eventStartMillis;
        this.floods = floods;
        this.hosts = hosts;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        for (long cid : CIDS) {
            for (int i = 0; i < SERVERS_PER_CUSTOMER; i++) {
                serverCids.add(cid);
                serverAddresses.add(hosts.randomHost(cid, random, false));
            }
        }
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
                long time = eventStartMillis + i * eventMillisPerFlow;
                ProducerRecord<byte[], byte[]> record = next(i, time, random);
                if (held == null && random.nextInt(20) == 0) {
                    held = record;
                } else {
                    producer.send(record);
                    if (held != null) {
                        producer.send(held);
                        held = null;
                    }
                }
                sent = i + 1;
                eventMillis = time;
                long due = start + TimeUnit.SECONDS.toNanos(i + 1) / perSecond;
                LockSupport.parkNanos(due - System.nanoTime());
            }
            if (held != null) {
                producer.send(held);
            }
            producer.flush();
        }
    }

    private ProducerRecord<byte[], byte[]> next(long i, long time, SplittableRandom random) {
        Flood flood = floods.stream().filter(f -> f.covers(time)).findFirst().orElse(null);
        Struct flow;
        long cid;
        if (flood != null && i % 3 == 2) {
            cid = flood.cid();
            // One flow in three: each carries three flows' share of the flood's bits.
            double bytes = flood.bitsPerSecond() / 8 * 3 * eventMillisPerFlow / 1000;
            flow = flow(cid, randomSource(random), address(flood.target()), 17, 53, (long) bytes, (long) bytes / 1000);
        } else if (i % 2 == 0) {
            int server = (int) (i / 2 % serverCids.size());
            cid = serverCids.get(server);
            double seconds = 2.0 * serverCids.size() * eventMillisPerFlow / 1000; // event time between two of its flows
            double bytes = serverBitsPerSecond(time) / 8 * seconds * (0.8 + 0.4 * random.nextDouble());
            flow = flow(cid, randomSource(random), serverAddresses.get(server), 6, 443, (long) bytes, (long) bytes / 1200);
        } else {
            cid = CIDS[random.nextInt(CIDS.length)];
            boolean heavy = random.nextInt(50) == 0;
            long bytes = heavy ? HEAVY_FLOW_BYTES : 500 + random.nextInt(200_000);
            flow = flow(cid, randomSource(random), hosts.randomHost(cid, random, random.nextInt(4) == 0), 6, 80,
                    bytes, Math.max(1, bytes / 1250));
        }
        Flows.setNumber(flow, TIME_FLOW_END, (time - random.nextInt(MAX_CLOCK_LAG_MILLIS)) / 1000);
        byte[] key = {(byte) random.nextInt(8)};
        return new ProducerRecord<>(topicPrefix + cid, null, time, key, FlowMessageCodec.encode(flow));
    }

    /** The servers' rate: 30 to 70 Mbit/s over the day. */
    private static double serverBitsPerSecond(long eventMillis) {
        double hour = eventMillis / 3_600_000.0 % 24;
        return SERVER_BITS_PER_SECOND * (1 + 0.4 * Math.sin(2 * Math.PI * hour / 24));
    }

    private static Struct flow(long cid, byte[] source, byte[] target, int proto, int port, long bytes, long packets) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, CID, cid);
        Flows.setNumber(flow, FLOW_DIRECTION, 0);
        Flows.setBytes(flow, SRC_ADDR, source);
        Flows.setBytes(flow, DST_ADDR, target);
        Flows.setNumber(flow, PROTO, proto);
        Flows.setNumber(flow, DST_PORT, port);
        Flows.setNumber(flow, BYTES, bytes);
        Flows.setNumber(flow, PACKETS, Math.max(1, packets));
        return flow;
    }

    /** A source somewhere in 100.64.0.0/10 (shared address space: nobody's customer). */
    private static byte[] randomSource(SplittableRandom random) {
        int bits = 100 << 24 | 64 << 16 | random.nextInt(1 << 22);
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    private static byte[] address(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    long sent() {
        return sent;
    }

    /** The record timestamp of the last flow sent. */
    long eventMillis() {
        return eventMillis;
    }
}
