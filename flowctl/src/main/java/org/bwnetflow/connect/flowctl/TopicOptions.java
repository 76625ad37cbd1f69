package org.bwnetflow.connect.flowctl;

import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;

import picocli.CommandLine.Option;

/**
 * How a command that reads flows finds them: TOPIC as a name or, with {@code --pattern}, a
 * regular expression over topic names (a tenant's {@code flows-.*} matches only what its ACLs let
 * it see); and where a new group starts (a picocli mixin; TOPIC stays the command's parameter).
 */
public final class TopicOptions {

    @Option(names = "--pattern", description = "TOPIC is a regular expression over topic names")
    boolean pattern;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest "
            + "(a --group with committed offsets resumes from them)")
    boolean fromBeginning;

    /** Sets where a group without committed offsets starts. */
    public void applyTo(Properties consumerProperties) {
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
    }

    /** Subscribes to the topic, or to every topic the pattern matches (also those created later). */
    public void subscribe(Consumer<?, ?> consumer, String topic) {
        if (pattern) {
            consumer.subscribe(Pattern.compile(topic));
        } else {
            consumer.subscribe(List.of(topic));
        }
    }

    /** As {@link #subscribe(Consumer, String)}, with a listener told of each assignment. */
    public void subscribe(Consumer<?, ?> consumer, String topic, ConsumerRebalanceListener listener) {
        if (pattern) {
            consumer.subscribe(Pattern.compile(topic), listener);
        } else {
            consumer.subscribe(List.of(topic), listener);
        }
    }
}
