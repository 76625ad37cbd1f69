package org.bwnetflow.connect.benchmarks.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Records in the topics whose names match a pattern (one topic, or e.g. every per-tenant topic
 * a TenantRouter writes), from their partitions' end offsets: no consumer, so counting costs nothing.
 */
final class TopicCounter implements AutoCloseable {

    private final Admin admin;
    private final Pattern topics;

    TopicCounter(String bootstrapServers, String topic) {
        this(bootstrapServers, Pattern.compile(Pattern.quote(topic)));
    }

    TopicCounter(String bootstrapServers, Pattern topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.topics = topics;
    }

    long records() throws Exception {
        List<String> names = admin.listTopics().names().get().stream().filter(t -> topics.matcher(t).matches()).toList();
        if (names.isEmpty()) {
            return 0; // not created yet
        }
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.forEach((topic, description) -> description.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
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
