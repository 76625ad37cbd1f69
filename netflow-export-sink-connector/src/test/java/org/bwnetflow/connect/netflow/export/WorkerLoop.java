package org.bwnetflow.connect.netflow.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.bwnetflow.connect.model.testing.FakeSinkContext;

/**
 * Delivers records to a sink task as Kafka Connect's WorkerSinkTask does around failures: a
 * put that throws RetriableException gets the same batch again, after the timeout the task
 * asked for; the worker commits meanwhile when its commit interval passes (here: before every
 * retry and after every third batch) and commits only the offsets preCommit returns; a preCommit
 * that throws makes it seek back to the last committed offsets, so what follows is delivered again.
 */
final class WorkerLoop {

    private final SinkTask task;
    private final FakeSinkContext context;
    private final Map<TopicPartition, List<SinkRecord>> partitions = new LinkedHashMap<>();
    /** Next offset to fetch, next offset after the last batch put without error, and committed. */
    private final Map<TopicPartition, Long> fetched = new HashMap<>();
    private final Map<TopicPartition, Long> delivered = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final int maxRetries;
    private final Map<Integer, Runnable> beforeBatch = new HashMap<>();
    private int retriedPuts;
    private int rewinds;

    /** @param records each partition's records in offset order, offsets from 0 */
    WorkerLoop(SinkTask task, FakeSinkContext context, List<SinkRecord> records, int maxRetries) {
        this.task = task;
        this.context = context;
        this.maxRetries = maxRetries;
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            partitions.computeIfAbsent(tp, k -> new ArrayList<>()).add(record);
            fetched.put(tp, 0L);
            delivered.put(tp, 0L);
            committed.put(tp, 0L);
        }
    }

    /** Runs {@code action} before the batch number {@code batch} (from 1) is delivered. */
    WorkerLoop beforeBatch(int batch, Runnable action) {
        beforeBatch.put(batch, action);
        return this;
    }

    /** Delivers every record in batches of up to {@code batchSize}, then commits until all are committed. */
    void run(int batchSize) {
        int batches = 0;
        while (true) {
            List<SinkRecord> batch = nextBatch(batchSize);
            if (batch.isEmpty()) {
                break;
            }
            beforeBatch.getOrDefault(batches + 1, () -> { }).run();
            deliver(batch);
            if (++batches % 3 == 0) {
                commit();
            }
        }
        for (int i = 0; i <= maxRetries && !allCommitted(); i++) {
            deliver(List.of());
            commit();
        }
    }

    Map<TopicPartition, Long> committed() {
        return committed;
    }

    int retriedPuts() {
        return retriedPuts;
    }

    int rewinds() {
        return rewinds;
    }

    private List<SinkRecord> nextBatch(int batchSize) {
        List<SinkRecord> batch = new ArrayList<>();
        boolean added = true;
        while (batch.size() < batchSize && added) {
            added = false;
            for (Map.Entry<TopicPartition, List<SinkRecord>> partition : partitions.entrySet()) {
                long next = fetched.get(partition.getKey());
                // Runs of a few records per partition, as a consumer's fetches interleave them.
                for (int i = 0; i < 7 && next < partition.getValue().size() && batch.size() < batchSize; i++) {
                    batch.add(partition.getValue().get((int) next++));
                    added = true;
                }
                fetched.put(partition.getKey(), next);
            }
        }
        return batch;
    }

    private void deliver(List<SinkRecord> batch) {
        for (int attempt = 0; ; attempt++) {
            try {
                task.put(new ArrayList<>(batch));
                batch.forEach(r -> delivered.merge(new TopicPartition(r.topic(), r.kafkaPartition()),
                        r.kafkaOffset() + 1, Math::max));
                return;
            } catch (RetriableException e) {
                retriedPuts++;
                if (attempt >= maxRetries) {
                    throw new AssertionError("still failing after " + maxRetries + " retries", e);
                }
                commit();
                sleep(Math.min(context.timeout(), 200));
            }
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        delivered.forEach((tp, offset) -> current.put(tp, new OffsetAndMetadata(offset)));
        try {
            task.preCommit(new HashMap<>(current)).forEach((tp, offset) -> {
                if (offset.offset() <= delivered.get(tp)) {
                    committed.put(tp, offset.offset());
                }
            });
        } catch (RuntimeException e) {
            rewinds++;
            fetched.putAll(committed);
            delivered.putAll(committed);
        }
    }

    private boolean allCommitted() {
        return partitions.entrySet().stream().allMatch(p -> committed.get(p.getKey()) == p.getValue().size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
