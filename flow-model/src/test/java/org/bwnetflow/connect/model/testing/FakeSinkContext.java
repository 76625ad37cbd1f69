package org.bwnetflow.connect.model.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A sink task's context without a worker: records what the task reports to the dead letter queue, if it has one. */
public final class FakeSinkContext implements SinkTaskContext {

    private final List<SinkRecord> reported = new ArrayList<>();
    private final RecordingPluginMetrics metrics = new RecordingPluginMetrics();
    private final boolean deadLetterQueue;
    private long timeout;

    /** @param deadLetterQueue whether errors.tolerance=all gives the task an errant record reporter */
    public FakeSinkContext(boolean deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    /** The records the task reported as errant, in order. */
    public List<SinkRecord> reported() {
        return reported;
    }

    /** The last timeout the task asked for. */
    public long timeout() {
        return timeout;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!deadLetterQueue) {
            return null;
        }
        return (record, error) -> {
            reported.add(record);
            return CompletableFuture.completedFuture(null);
        };
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
        timeout = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public RecordingPluginMetrics pluginMetrics() {
        return metrics;
    }
}
