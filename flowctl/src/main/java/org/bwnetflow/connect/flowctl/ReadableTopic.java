package org.bwnetflow.connect.flowctl;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * A named topic a command is about to read: it must exist and the login must be allowed to see it. Kafka answers
 * a consumer of a missing topic with nothing (it waits for the topic to appear) and hides the topics a login may
 * not describe from its metadata, so without this check a typo or a foreign topic reads as silence.
 */
public final class ReadableTopic {

    private ReadableTopic() {
    }

    /** The topic's partitions; an {@link UnreadableTopicException} when it is missing or not the login's. */
    public static List<PartitionInfo> partitions(Consumer<?, ?> consumer, String topic, Duration wait) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, wait);
        } catch (TopicAuthorizationException e) {
            // Kafka says the same for a topic that does not exist, so as not to tell a login which topics exist.
            throw new UnreadableTopicException("topic " + topic + ": not authorized for this login (or it does not "
                    + "exist)");
        } catch (TimeoutException e) {
            throw new UnreadableTopicException("topic " + topic + ": no answer from the broker within "
                    + wait.toSeconds() + " s (are --bootstrap and the login right, is the broker up?)");
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new UnreadableTopicException("topic " + topic + " does not exist");
        }
        return partitions;
    }
}
