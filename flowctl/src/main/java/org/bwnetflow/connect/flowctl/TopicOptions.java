package org.bwnetflow.connect.flowctl;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;

import picocli.CommandLine.Option;

/**
 * How a command that reads flows finds them: TOPIC as a name or, with {@code --pattern}, a regular expression over
 * topic names (a tenant's {@code flows-.*} matches only what its ACLs let it see). A named topic must exist and be
 * readable by the login before reading starts ({@link ReadableTopic}); a pattern may match topics created later
 * (a picocli mixin; TOPIC stays the command's parameter).
 */
public final class TopicOptions {

    @Option(names = "--pattern", description = "TOPIC is a regular expression over topic names")
    boolean pattern;

    /** Whether TOPIC is a regular expression. */
    public boolean pattern() {
        return pattern;
    }

    /**
     * Subscribes to the topic, or to every topic the pattern matches (also those created later); a named topic that
     * does not exist or that the login may not read is an {@link UnreadableTopicException}, after waiting at most
     * {@code wait} for the broker's answer.
     */
    public void subscribe(Consumer<?, ?> consumer, String topic, Duration wait) {
        if (pattern) {
            consumer.subscribe(Pattern.compile(topic));
        } else {
            ReadableTopic.partitions(consumer, topic, wait);
            consumer.subscribe(List.of(topic));
        }
    }

    /** As {@link #subscribe(Consumer, String, Duration)}, with a listener told of each assignment. */
    public void subscribe(Consumer<?, ?> consumer, String topic, ConsumerRebalanceListener listener, Duration wait) {
        if (pattern) {
            consumer.subscribe(Pattern.compile(topic), listener);
        } else {
            ReadableTopic.partitions(consumer, topic, wait);
            consumer.subscribe(List.of(topic), listener);
        }
    }
}
