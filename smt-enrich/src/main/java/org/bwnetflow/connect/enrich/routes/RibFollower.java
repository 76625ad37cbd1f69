package org.bwnetflow.connect.enrich.routes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.MalformedRibRecordException;
import org.bwnetflow.connect.bmp.rib.RibCodec;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the RIB topic on a thread of its own: reads every partition from the beginning (no
 * consumer group, no committed offsets: the compacted topic is the state), applies each record to
 * a {@link RibState}, and once it has reached the ends the partitions had when it started,
 * publishes a {@link RoutesSnapshot} at most every publish interval while records keep coming.
 *
 * <p>One follower serves every task of a worker that asks for the same topic, tables and
 * cluster ({@link #acquire}): a full table is held once per worker, not once per task.
 */
public final class RibFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RibFollower.class);
    private static final Map<String, RibFollower> SHARED = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long TOPIC_RETRY_MS = 5_000;

    private final String key;
    private final String topic;
    private final Map<String, Object> consumerSettings;
    private final long publishIntervalMs;
    private final RibState state;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Thread thread;
    private final LongAdder recordsApplied = new LongAdder();
    private final LongAdder recordsMalformed = new LongAdder();
    private final LongAdder consumerErrors = new LongAdder();
    private final AtomicLong oldestUnpublishedMs = new AtomicLong();
    private volatile RoutesSnapshot snapshot = RoutesSnapshot.EMPTY;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closing;
    private int users;
    private boolean started;

    private RibFollower(String key, String topic, List<RibTable> tables, Map<String, Object> consumerSettings,
            long publishIntervalMs) {
        this.key = key;
        this.topic = topic;
        this.consumerSettings = consumerSettings;
        this.publishIntervalMs = publishIntervalMs;
        this.state = new RibState(tables);
        this.thread = new Thread(this::run, "bwnetflow-routes-" + topic);
        thread.setDaemon(true);
    }

    /**
     * The worker's follower of this topic, tables and cluster, started if it is the first user.
     * Every {@code acquire} is matched by a {@link #close}; the last one stops it.
     */
    public static RibFollower acquire(String topic, List<RibTable> tables, Map<String, Object> consumerSettings,
            long publishIntervalMs) {
        String key = topic + "|" + tables + "|" + consumerSettings.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + "|"
                + Integer.toHexString(consumerSettings.hashCode()) + "|" + publishIntervalMs;
        RibFollower follower = SHARED.compute(key, (k, existing) -> {
            RibFollower f = existing != null && !existing.closing ? existing
                    : new RibFollower(k, topic, tables, consumerSettings, publishIntervalMs);
            synchronized (f) {
                f.users++;
            }
            return f;
        });
        synchronized (follower) {
            if (!follower.started && !follower.closing) {
                follower.started = true;
                follower.thread.start();
            }
        }
        return follower;
    }

    /** Waits until the topic was read to the ends it had when the follower started; false on timeout. */
    public boolean awaitLoaded(long timeoutMs) throws InterruptedException {
        return loaded.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** The routes as last published (empty until the topic was read to its end). */
    public RoutesSnapshot snapshot() {
        return snapshot;
    }

    public long recordsApplied() {
        return recordsApplied.sum();
    }

    public long recordsMalformed() {
        return recordsMalformed.sum();
    }

    public long consumerErrors() {
        return consumerErrors.sum();
    }

    /** How long applied changes have waited for a snapshot: 0 when lookups see everything read. */
    public long stalenessMs() {
        long oldest = oldestUnpublishedMs.get();
        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }

    private void run() {
        Map<String, Object> settings = new HashMap<>(consumerSettings);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "bwnetflow-routes-" + topic);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // A broker with auto.create.topics.enable (Kafka's default) would create the RIB topic for our metadata request,
        // with the broker's defaults: not compacted. The BMP source (Connect's topic creation) makes it compacted.
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        KafkaConsumer<byte[], byte[]> kafka;
        try {
            kafka = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            // no stack trace, no cause: a JAAS config that does not parse is quoted in them
            log.error("Routes: the consumer of topic {} cannot be created: {}; flows pass without routes",
                    topic, RoutesConfig.constructionFailure(e));
            consumerErrors.increment();
            loaded.countDown();
            return;
        }
        try (kafka) {
            consumer = kafka;
            while (!closing) {
                try {
                    // after a failure the consumer goes on from where it was: re-reading from the beginning could
                    // miss tombstones compaction removed meanwhile
                    follow(kafka, kafka.assignment().isEmpty() ? assignAll(kafka) : new HashMap<>());
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** A failure of the consumer (broker gone, login refused): flows go on with the routes read so far; tried again. */
    private void failed(RuntimeException e) {
        if (closing) {
            return;
        }
        if (consumerErrors.sum() == 0) {
            log.warn("Routes: reading topic {} failed: {}; flows keep the routes read so far, retrying every {} ms", topic,
                    e.toString(), TOPIC_RETRY_MS);
        }
        consumerErrors.increment();
        loaded.countDown();
        sleep(TOPIC_RETRY_MS);
    }

    /** Assigns every partition of the topic from its beginning, waiting for the topic to exist; the ends to load. */
    private Map<TopicPartition, Long> assignAll(KafkaConsumer<byte[], byte[]> kafka) {
        boolean told = false;
        while (true) {
            List<PartitionInfo> infos;
            try {
                infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                infos = null;
                consumerErrors.increment();
            }
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo info : infos) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
                kafka.assign(partitions);
                kafka.seekToBeginning(partitions);
                return new HashMap<>(kafka.endOffsets(partitions));
            }
            if (!told) {
                // once: without BMP routers the topic may never come, and flows must not wait for it
                log.info("Routes: topic {} does not exist (or the cluster is unreachable); flows pass without routes until it "
                        + "does, checked every {} ms", topic, TOPIC_RETRY_MS);
                told = true;
                loaded.countDown();
            }
            sleep(TOPIC_RETRY_MS);
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, Long> ends) {
        long started = System.currentTimeMillis();
        long lastPublish = 0;
        long appliedUpTo = 0;
        boolean unpublished = false;
        boolean caughtUp = false;
        while (!closing) {
            ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (apply(record)) {
                    appliedUpTo = Math.max(appliedUpTo, record.timestamp());
                    if (!unpublished) {
                        oldestUnpublishedMs.compareAndSet(0, System.currentTimeMillis());
                        unpublished = true;
                    }
                }
            }
            if (!caughtUp) {
                ends.keySet().removeIf(p -> kafka.position(p) >= ends.get(p));
                if (!ends.isEmpty()) {
                    continue;
                }
                snapshot = state.publish(appliedUpTo);
                oldestUnpublishedMs.set(0);
                unpublished = false;
                lastPublish = System.currentTimeMillis();
                caughtUp = true;
                loaded.countDown();
                log.info("Routes: topic {} read to its end in {} ms: {} routes of {} routers, {} attribute sets, {} records "
                        + "malformed", topic, lastPublish - started, state.routes(), snapshot.routers().size(),
                        state.attributeSets(), recordsMalformed.sum());
                continue;
            }
            long now = System.currentTimeMillis();
            if (unpublished && now - lastPublish >= publishIntervalMs) {
                snapshot = state.publish(appliedUpTo);
                oldestUnpublishedMs.set(0);
                unpublished = false;
                lastPublish = now;
            }
        }
    }

    /** Applies a record; false (and counted) for one that is not a route. */
    private boolean apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            recordsMalformed.increment();
            return false;
        }
        try {
            RouteKey routeKey = RibCodec.decodeKey(record.key());
            Route route = record.value() == null ? null : RibCodec.decodeRoute(record.value());
            state.apply(routeKey, route);
            recordsApplied.increment();
            return true;
        } catch (MalformedRibRecordException | IllegalArgumentException e) {
            if (recordsMalformed.sum() == 0) {
                log.warn("Routes: a record of {} at partition {} offset {} is not a route ({}); such records are skipped "
                        + "and counted (routes-records-malformed)", topic, record.partition(), record.offset(), e.getMessage());
            }
            recordsMalformed.increment();
            return false;
        }
    }

    /** Routes held, for the table-size gauge. */
    public long routes() {
        return state.routes();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /** One user less; the last stops the thread and frees the tables. */
    @Override
    public void close() {
        boolean last;
        synchronized (this) {
            last = --users == 0;
            if (last) {
                closing = true;
            }
        }
        if (!last) {
            return;
        }
        SHARED.remove(key, this);
        KafkaConsumer<byte[], byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
