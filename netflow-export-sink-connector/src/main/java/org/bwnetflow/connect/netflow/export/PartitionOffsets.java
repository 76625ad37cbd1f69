package org.bwnetflow.connect.netflow.export;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Per partition, how far the task has taken records, and how far it may commit. A record is
 * taken once its flow is in a domain (waiting, on its way, or sent) or it was skipped or
 * reported as errant. Connect delivers a batch again after a RetriableException (and everything
 * after the last commit when a commit fails); offsets only grow within a partition, so a record
 * below the partition's taken offset is such a repeat and must not be taken twice. A partition
 * that is closed is forgotten: when it comes back, Connect starts it from the last commit.
 */
final class PartitionOffsets {

    /** Next offset after the last record taken, and the offset safe to commit (all before it sent). */
    private final Map<TopicPartition, Long> taken = new HashMap<>();
    private final Map<TopicPartition, Long> committable = new HashMap<>();
    /** The partition of the last record looked at: batches come in runs of one partition, so mostly no new key. */
    private TopicPartition last;

    /** True when the record was taken before: Connect delivers it again. */
    boolean isTaken(SinkRecord record) {
        Long next = taken.get(partitionOf(record));
        return next != null && record.kafkaOffset() < next;
    }

    void take(SinkRecord record) {
        taken.put(partitionOf(record), record.kafkaOffset() + 1);
    }

    /** Every flow taken so far has reached every collector: all taken records may be committed. */
    void allSent() {
        committable.putAll(taken);
    }

    /**
     * The offsets to commit of the partitions Connect asks about: what is safe, but never past
     * what Connect itself has seen delivered (a batch being retried was taken in part only).
     */
    Map<TopicPartition, OffsetAndMetadata> toCommit(Map<TopicPartition, OffsetAndMetadata> current) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        current.forEach((tp, delivered) -> {
            Long safe = committable.get(tp);
            if (safe != null) {
                offsets.put(tp, new OffsetAndMetadata(Math.min(safe, delivered.offset())));
            }
        });
        return offsets;
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            taken.remove(tp);
            committable.remove(tp);
        });
        last = null;
    }

    private TopicPartition partitionOf(SinkRecord record) {
        if (last == null || last.partition() != record.kafkaPartition() || !last.topic().equals(record.topic())) {
            last = new TopicPartition(record.topic(), record.kafkaPartition());
        }
        return last;
    }
}
