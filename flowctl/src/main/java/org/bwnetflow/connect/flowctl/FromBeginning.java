package org.bwnetflow.connect.flowctl;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import picocli.CommandLine.Option;

/** Where a reader without committed offsets starts: the newest record, or the oldest (a picocli mixin). */
public final class FromBeginning {

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest "
            + "(a --group with committed offsets resumes from them)")
    boolean fromBeginning;

    /** Whether to start at the oldest record. */
    public boolean fromBeginning() {
        return fromBeginning;
    }

    /** Sets where a group without committed offsets starts. */
    public void applyTo(Properties consumerProperties) {
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
    }
}
