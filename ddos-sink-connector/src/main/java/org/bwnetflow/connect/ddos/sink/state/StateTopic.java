package org.bwnetflow.connect.ddos.sink.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A compacted topic used as the task's durable key-value state (detector baselines, open attacks, the routes
 * held): read once from beginning to end when the task starts (the last value of each key wins, a tombstone
 * deletes it), then written to. No consumer group, nothing committed. {@link #put} and {@link #delete} return
 * once the broker acknowledged the record (acks=all, idempotent producer); {@link #putLater} leaves the
 * acknowledgement to the next {@link #flush}, for the many records of a periodic snapshot.
 */
public final class StateTopic implements AutoCloseable {

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Duration timeout;
    private final List<Future<RecordMetadata>> unacknowledged = new java.util.ArrayList<>();

    public StateTopic(String topic, Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> consumers,
                      Duration timeout) {
        this.topic = topic;
        this.producer = producer;
        this.consumers = consumers;
        this.timeout = timeout;
    }

    public String topic() {
        return topic;
    }

    /** Every key's last value; empty when the topic does not exist yet. */
    public Map<String, byte[]> load() {
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return Map.of();
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<String, byte[]> state = new HashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new ConnectException("reading the state topic " + topic + " to its end took longer than "
                            + timeout.toMillis() + " ms");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        state.remove(key);
                    } else {
                        state.put(key, record.value());
                    }
                }
            }
            return state;
        } catch (KafkaException e) {
            // no cause: a JAAS config that does not parse is quoted in it
            throw new ConnectException("cannot read the state topic " + topic + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    /** Writes a value and waits for the broker's acknowledgement. */
    public void put(String key, byte[] value) {
        await(send(key, value), key);
    }

    /** Deletes a key (a tombstone) and waits for the broker's acknowledgement. */
    public void delete(String key) {
        await(send(key, null), key);
    }

    /** Writes a value acknowledged by the next {@link #flush}. */
    public void putLater(String key, byte[] value) {
        unacknowledged.add(send(key, value));
    }

    /** Deletes a key, acknowledged by the next {@link #flush}. */
    public void deleteLater(String key) {
        unacknowledged.add(send(key, null));
    }

    /** Waits until every record written so far is acknowledged. */
    public void flush() {
        producer.flush();
        for (Future<RecordMetadata> future : unacknowledged) {
            await(future, "(snapshot)");
        }
        unacknowledged.clear();
    }

    private Future<RecordMetadata> send(String key, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    private void await(Future<RecordMetadata> future, String key) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while writing " + key + " to the state topic " + topic);
        } catch (ExecutionException e) {
            throw new ConnectException("the state topic " + topic + " did not take " + key + ": "
                    + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new ConnectException("the state topic " + topic + " did not acknowledge " + key + " within "
                    + timeout.toMillis() + " ms");
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

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
