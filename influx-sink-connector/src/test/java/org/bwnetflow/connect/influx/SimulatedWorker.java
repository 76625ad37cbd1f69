package org.bwnetflow.connect.influx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.bwnetflow.connect.influx.testing.LineProtocolDatabase;
import org.bwnetflow.connect.influx.write.InfluxWriter;
import org.bwnetflow.connect.model.testing.RecordingPluginMetrics;

/**
 * Drives an {@link InfluxSinkTask} the way Connect's WorkerSinkTask does, over partitions kept in
 * memory (the "topic") and a {@link LineProtocolDatabase}: polls batches from each partition's
 * position, redelivers a batch after a RetriableException, skips paused partitions, commits what
 * {@code preCommit} returns (never past what was delivered), and can crash (the task is dropped,
 * nothing committed; a new one resumes from the committed offsets) or rebalance (commit, close,
 * open). The wall clock is the test's.
 */
final class SimulatedWorker {

    /** A record value the converter cannot read: Connect skips the record (errors.tolerance=all). */
    static final Object CONVERTER_FAILS = new Object();

    private final Map<String, String> props;
    private final LineProtocolDatabase database;
    private final AtomicLong clock;
    private final Map<TopicPartition, List<SinkRecord>> log = new TreeMap<>(
            (a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Map<TopicPartition, Long> position = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final List<SinkRecord> reported = new ArrayList<>();
    private Predicate<String> failingBucket = bucket -> false;
    private InfluxSinkTask task;
    private Context context;
    private List<SinkRecord> redelivery;
    private int retriableFailures;

    SimulatedWorker(Map<String, String> props, LineProtocolDatabase database, AtomicLong clock) {
        this.props = props;
        this.database = database;
        this.clock = clock;
    }

    /** Appends a record to its partition's log; its offset must be the next one. */
    void append(SinkRecord record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
        List<SinkRecord> records = log.computeIfAbsent(tp, t -> new ArrayList<>());
        if (record.kafkaOffset() != records.size()) {
            throw new IllegalArgumentException("offset " + record.kafkaOffset() + " is not the next of " + tp);
        }
        records.add(record);
    }

    /** Writes to a bucket for which the predicate holds fail with 404 (bucket not found). */
    void failBuckets(Predicate<String> failing) {
        this.failingBucket = failing;
    }

    /** Starts a task on every partition the log has, resuming at the committed offsets. */
    void start() {
        context = new Context();
        task = new InfluxSinkTask((settings, metrics) -> new InfluxWriter(settings, this::send, metrics), clock::get);
        task.initialize(context);
        task.start(props);
        paused.clear();
        redelivery = null;
        position.clear();
        log.keySet().forEach(tp -> position.put(tp, committed.getOrDefault(tp, 0L)));
        task.open(new ArrayList<>(log.keySet()));
    }

    private void send(String bucket, List<String> lines) {
        if (failingBucket.test(bucket)) {
            throw Failures.notFound(bucket);
        }
        database.write(bucket, lines);
    }

    /**
     * One poll: a batch of at most {@code maxPerPartition} records from each partition that is not
     * paused (or the batch that failed last time), put to the task.
     *
     * @return the records put (0 for an empty poll)
     */
    int poll(int maxPerPartition) {
        List<SinkRecord> batch = redelivery;
        if (batch == null) {
            batch = new ArrayList<>();
            for (Map.Entry<TopicPartition, List<SinkRecord>> partition : log.entrySet()) {
                TopicPartition tp = partition.getKey();
                if (paused.contains(tp)) {
                    continue;
                }
                List<SinkRecord> records = partition.getValue();
                long from = position.getOrDefault(tp, 0L);
                long to = Math.min(records.size(), from + maxPerPartition);
                batch.addAll(records.subList((int) from, (int) to));
            }
        }
        List<SinkRecord> delivered = new ArrayList<>();
        for (SinkRecord record : batch) {
            if (record.value() != CONVERTER_FAILS) {
                delivered.add(record); // else Connect skips it before the task sees it (errors.tolerance=all)
            }
        }
        try {
            task.put(delivered);
        } catch (RetriableException e) {
            retriableFailures++;
            redelivery = batch;
            return 0;
        }
        redelivery = null;
        for (SinkRecord record : batch) {
            position.put(new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset() + 1);
        }
        return batch.size();
    }

    /** Polls until every partition that is not paused is read to its end and a poll brought nothing. */
    void drain(int maxPerPartition) {
        while (poll(maxPerPartition) > 0 || redelivery != null) {
            clock.addAndGet(1);
        }
    }

    /** Commits what preCommit allows (as WorkerSinkTask: never past what was delivered). */
    void commit() {
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        position.forEach((tp, offset) -> current.put(tp, new OffsetAndMetadata(offset)));
        task.preCommit(current).forEach((tp, offset) -> {
            if (offset.offset() <= position.getOrDefault(tp, 0L)) {
                committed.put(tp, offset.offset());
            }
        });
    }

    /** kill -9: the task is gone without a commit; a new one resumes from the committed offsets. */
    void crash() {
        task = null;
        start();
    }

    /** A rebalance that gives the partitions back to a new task: commit, close, then open from the commits. */
    void rebalance() {
        commit();
        task.close(new ArrayList<>(log.keySet()));
        task.stop();
        start();
    }

    void stop() {
        if (task != null) {
            task.stop();
        }
    }

    InfluxSinkTask task() {
        return task;
    }

    RecordingPluginMetrics metrics() {
        return context.metrics;
    }

    Map<TopicPartition, Long> committed() {
        return committed;
    }

    long committed(TopicPartition tp) {
        return committed.getOrDefault(tp, 0L);
    }

    /** The log's record at an offset. */
    SinkRecord record(TopicPartition tp, long offset) {
        return log.get(tp).get((int) offset);
    }

    int size(TopicPartition tp) {
        List<SinkRecord> records = log.get(tp);
        return records == null ? 0 : records.size();
    }

    Set<TopicPartition> paused() {
        return paused;
    }

    List<SinkRecord> reported() {
        return reported;
    }

    int retriableFailures() {
        return retriableFailures;
    }

    /** What the worker gives the task: pause/resume, the dead letter queue, plugin metrics. */
    private final class Context implements SinkTaskContext {
        final RecordingPluginMetrics metrics = new RecordingPluginMetrics();

        @Override
        public Map<String, String> configs() {
            return props;
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
            throw new UnsupportedOperationException("the sink never rewinds");
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
            throw new UnsupportedOperationException("the sink never rewinds");
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return new HashSet<>(log.keySet());
        }

        @Override
        public void pause(TopicPartition... partitions) {
            paused.addAll(List.of(partitions));
        }

        @Override
        public void resume(TopicPartition... partitions) {
            List.of(partitions).forEach(paused::remove);
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return (record, error) -> {
                reported.add(record);
                return CompletableFuture.completedFuture(null);
            };
        }

        @Override
        public RecordingPluginMetrics pluginMetrics() {
            return metrics;
        }
    }
}
