package org.bwnetflow.connect.flowctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Kafka's MockConsumer: where assigned partitions resume, and what reaches the group. */
class OutputOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("flows-1000", 0);
    private static final TopicPartition P1 = new TopicPartition("flows-1000", 1);

    private final FailingCommits consumer = new FailingCommits();

    /** A MockConsumer whose commits fail on demand (as in a rebalance). */
    private static final class FailingCommits extends MockConsumer<byte[], byte[]> {
        boolean fail;

        FailingCommits() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (fail) {
                throw new CommitFailedException("the group has rebalanced");
            }
            super.commitSync(offsets);
        }
    }

    private void assign(OutputOffsets offsets) {
        consumer.subscribe(List.of("flows-1000"), offsets);
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.rebalance(List.of(P0, P1));
    }

    @Test
    void partitionsTheOutputKnowsResumeAtItsOffsetsTheOthersAreLeftToTheCaller() {
        List<TopicPartition> unknown = new ArrayList<>();
        OutputOffsets offsets = new OutputOffsets(consumer, Map.of(P0, 42L), false).whenUnknown(unknown::addAll);
        assign(offsets);
        assertThat(consumer.position(P0)).isEqualTo(42);
        assertThat(unknown).containsExactly(P1);
    }

    @Test
    void whereAnUnknownPartitionStartedIsKeptUntilTheOutputCommitsIt() {
        consumer.updateEndOffsets(Map.of(P1, 7L));
        OutputOffsets offsets = new OutputOffsets(consumer, Map.of(P0, 42L), false)
                .whenUnknown(unknown -> consumer.seekToEnd(unknown)); // as --from latest does
        assign(offsets);
        assertThat(offsets.uncommittedStarts()).as("a run that reads nothing of P1 still keeps where it started")
                .isEqualTo(Map.of(P1, 7L));
        offsets.committed(Map.of(P1, 9L));
        assertThat(offsets.uncommittedStarts()).isEmpty();
        assertThat(offsets.next(P1)).isEqualTo(9L);
    }

    @Test
    void commitsAreMirroredToANamedGroupOnlyAndAFailedMirrorChangesNothing() {
        OutputOffsets unnamed = new OutputOffsets(consumer, Map.of(), false);
        assign(unnamed);
        unnamed.committed(Map.of(P0, 5L));
        assertThat(consumer.committed(java.util.Set.of(P0)).get(P0)).as("a throwaway group").isNull();
        assertThat(unnamed.next(P0)).isEqualTo(5);

        OutputOffsets named = new OutputOffsets(consumer, Map.of(), true);
        named.committed(Map.of(P0, 7L, P1, 3L));
        assertThat(consumer.committed(java.util.Set.of(P0, P1))).containsEntry(P0, new OffsetAndMetadata(7))
                .containsEntry(P1, new OffsetAndMetadata(3));

        consumer.fail = true;
        named.committed(Map.of(P0, 9L));
        assertThat(named.next(P0)).as("the output's offsets hold even when the mirror fails").isEqualTo(9);
    }

    @Test
    void beforePartitionsGoTheOutputCommits() {
        Map<String, Integer> calls = new HashMap<>();
        OutputOffsets offsets = new OutputOffsets(consumer, Map.of(), false)
                .beforeRevocation(() -> calls.merge("commit", 1, Integer::sum));
        assign(offsets);
        consumer.rebalance(List.of(P1)); // P0 goes
        assertThat(calls).containsEntry("commit", 1);
    }
}
