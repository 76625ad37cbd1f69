package org.bwnetflow.connect.flowctl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer offsets a command keeps in its own output, in the same commit as the rows (the
 * SQLite database, the CSV directory's progress file), so that a run after a crash at any moment
 * resumes exactly after the last row that was kept: each partition assigned is sought to the
 * output's next offset. Partitions the output has never seen start as the consumer group (or
 * {@code whenUnknown}) says. Kafka's committed offsets are only a mirror, kept up to date after each
 * commit of the output when a {@code --group} was named (for lag monitoring, and as the start of a
 * new output).
 */
public final class OutputOffsets implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(OutputOffsets.class);

    private final org.apache.kafka.clients.consumer.Consumer<?, ?> consumer;
    private final Map<TopicPartition, Long> next;
    private final boolean mirrorToGroup;
    private final RateLimitedLog mirrorFailures = new RateLimitedLog(60_000);
    private Consumer<Collection<TopicPartition>> whenUnknown = partitions -> { };
    private Runnable beforeRevocation = () -> { };
    /** Where partitions the output had no offset for started this run, until the output commits them. */
    private final Map<TopicPartition, Long> starts = new HashMap<>();

    /**
     * @param stored        the output's next offset per partition, as it was committed last
     * @param mirrorToGroup whether to commit the offsets to the consumer group too (a named --group)
     */
    public OutputOffsets(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Map<TopicPartition, Long> stored,
                         boolean mirrorToGroup) {
        this.consumer = consumer;
        this.next = new HashMap<>(stored);
        this.mirrorToGroup = mirrorToGroup;
    }

    /** What to do with assigned partitions the output has no offset for (e.g. seek them to a time). */
    public OutputOffsets whenUnknown(Consumer<Collection<TopicPartition>> action) {
        this.whenUnknown = action;
        return this;
    }

    /** What to do before partitions go (commit what the output holds, so that nothing is pending). */
    public OutputOffsets beforeRevocation(Runnable action) {
        this.beforeRevocation = action;
        return this;
    }

    /** The output committed rows up to these next offsets; mirrored to the group when named. */
    public void committed(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        next.putAll(offsets);
        starts.keySet().removeAll(offsets.keySet());
        if (!mirrorToGroup) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> mirror = new HashMap<>();
        offsets.forEach((tp, offset) -> mirror.put(tp, new OffsetAndMetadata(offset)));
        try {
            consumer.commitSync(mirror);
        } catch (KafkaException e) { // e.g. a rebalance under way: the output holds the truth, the next commit mirrors it
            if (mirrorFailures.shouldLog()) {
                log.warn("cannot commit the offsets to the consumer group (they are kept in the output; {} more "
                        + "such failures not logged): {}", mirrorFailures.takeSuppressed(), e.toString());
            }
        }
    }

    /** The output's next offset of a partition, null when it has none. */
    public Long next(TopicPartition partition) {
        return next.get(partition);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        List<TopicPartition> unknown = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long offset = next.get(tp);
            if (offset == null) {
                unknown.add(tp);
            } else {
                consumer.seek(tp, offset);
            }
        }
        if (!unknown.isEmpty()) {
            whenUnknown.accept(unknown);
            // Kept with the output's next commit: a later run resumes there even when this run read nothing
            // of the partition (else a partition empty now would start at "latest" again and skip what came since).
            for (TopicPartition tp : unknown) {
                starts.put(tp, consumer.position(tp));
            }
        }
    }

    /**
     * Where this run started the partitions the output has no offset for: to be committed with the output's
     * next commit (as offsets of partitions nothing was written of), so that they are no longer unknown.
     */
    public Map<TopicPartition, Long> uncommittedStarts() {
        return Map.copyOf(starts);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            beforeRevocation.run();
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions); // the output's own commit is still right; the mirror may fail
    }
}
