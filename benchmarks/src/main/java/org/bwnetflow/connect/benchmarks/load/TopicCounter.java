package org.bwnetflow.connect.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** Records in a topic, from its partitions' end offsets: no consumer, so counting costs nothing. */
final class TopicCounter implements AutoCloseable {

    private final Admin admin;
    private final String topic;

    TopicCounter(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.topic = topic;
    }

    long records() throws Exception {
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(List.of(topic)).allTopicNames().get();
        } catch (java.util.concurrent.ExecutionException e) {
            return 0; // not created yet
        }
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        described.get(topic).partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(latest);
        long total = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo info : result.all().get().values()) {
            total += info.offset();
        }
        return total;
    }

    /** Waits until the count stops growing for {@code quiet} (or {@code max} passes); the last count. */
    long settle(Duration quiet, Duration max) throws Exception {
        long deadline = System.currentTimeMillis() + max.toMillis();
        long last = records();
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            long now = records();
            if (now != last) {
                last = now;
                stableSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stableSince >= quiet.toMillis()) {
                break;
            }
        }
        return last;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
