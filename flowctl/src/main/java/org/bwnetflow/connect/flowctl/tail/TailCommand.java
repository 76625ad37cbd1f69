package org.bwnetflow.connect.flowctl.tail;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.flowctl.FilterOptions;
import org.bwnetflow.connect.flowctl.FlowSelection;
import org.bwnetflow.connect.flowctl.ReadLimits;
import org.bwnetflow.connect.flowctl.CustomerLogin;
import org.bwnetflow.connect.flowctl.FromBeginning;
import org.bwnetflow.connect.flowctl.OutputFormat;
import org.bwnetflow.connect.flowctl.ReadableTopic;
import org.bwnetflow.connect.flowctl.TopicOptions;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.flowctl.json.FlowPretty;
import org.bwnetflow.connect.flowctl.json.HealthJson;
import org.bwnetflow.connect.model.FlowMessageConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flowctl tail}: read FlowMessage records from a topic and print them. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print the flows of a topic (FlowMessage protobuf values) as they arrive; a sources' health "
                + "topic (e.g. _ingest-health) prints its ingest health records.",
            "Reads without a consumer group and commits nothing, so it never disturbs other readers."})
public final class TailCommand implements Callable<Integer> {

    /** Tells FlowMessages from the sources' ingest health records by their header. */
    private final FlowMessageConverter converter = new FlowMessageConverter();

    @Spec
    CommandSpec spec;

    @Mixin
    ReadLimits limits;

    @Parameters(paramLabel = "TOPIC", description = "Topic to read; with --pattern a regular expression (e.g. 'flows-.*')")
    String topic;

    @Mixin
    TopicOptions topics;

    @Mixin
    FromBeginning start;

    @Mixin
    OutputFormat format;

    /** --filter: the old FIELD=VALUE conditions are filters of the language too. */
    @Mixin
    FilterOptions filters;

    /** Servers, SCRAM login and TLS, as every flowctl command that reads flows takes them. */
    @Mixin
    CustomerLogin login;

    private long printed;
    private long undecodable;

    @Override
    public Integer call() {
        FlowSelection filter = filters.selection(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (login.namedGroup()) {
            throw new ParameterException(spec.commandLine(), "--group: tail reads without a consumer group and "
                    + "commits nothing (csv, sqlite, top, ddos and bogons take one)");
        }
        limits.start(spec);
        try (Consumer<byte[], byte[]> consumer = login.openConsumer(consumerProperties())) {
            if (topics.pattern()) {
                assignMatching(consumer);
            } else {
                assign(consumer, ReadableTopic.partitions(consumer, topic, limits.waitAtMost(ReadLimits.METADATA_WAIT)));
            }
            while (limits.goOn(printed)) {
                if (consumer.assignment().isEmpty()) { // a pattern no topic matches yet
                    sleep();
                    assignMatching(consumer);
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (print(record, filter, out) && limits.reached(++printed)) {
                        break;
                    }
                }
                out.flush();
                if (topics.pattern()) {
                    assignMatching(consumer); // pick up topics created since
                }
            }
        }
        if (undecodable > 0) {
            err.printf("flowctl tail: %d record(s) were not FlowMessages and were skipped%n", undecodable);
        }
        out.flush();
        return 0;
    }

    /**
     * Prints the record's flow if it is one and passes the filter (matched on the raw bytes: a flow that does not
     * match is never decoded); a source's health record is shown as it is, the filter does not apply to it. True
     * when printed.
     */
    private boolean print(ConsumerRecord<byte[], byte[]> record, FlowSelection filter, PrintWriter out) {
        if (record.value() == null) {
            return false;
        }
        boolean health = isHealth(record);
        if (!health && !filter.matches(record.value())) {
            return false;
        }
        Struct flow;
        try {
            Object value = converter.toConnectData(record.topic(), record.headers(), record.value()).value();
            if (health) {
                out.println(format.json() ? HealthJson.toJson((Struct) value)
                        : record.topic() + " " + HealthJson.toLine((Struct) value));
                return true;
            }
            flow = (Struct) value;
        } catch (DataException e) {
            undecodable++;
            return false;
        }
        out.println(format.json() ? FlowJson.toJson(flow) : record.topic() + " " + FlowPretty.toLine(flow));
        return true;
    }

    /** Whether the record is a source's ingest health record, by its header (as the converter tells them). */
    private static boolean isHealth(ConsumerRecord<byte[], byte[]> record) {
        Header kind = record.headers().lastHeader(FlowMessageConverter.RECORD_HEADER);
        return kind != null && FlowMessageConverter.marksIngestHealth(kind.value());
    }

    /** Assigns every partition of the topics the pattern matches (those the login may see). */
    private void assignMatching(Consumer<byte[], byte[]> consumer) {
        Pattern regex = Pattern.compile(topic);
        List<PartitionInfo> matching = new ArrayList<>();
        for (List<PartitionInfo> infos : consumer.listTopics(Duration.ofSeconds(10)).values()) {
            for (PartitionInfo info : infos) {
                if (regex.matcher(info.topic()).matches()) {
                    matching.add(info);
                }
            }
        }
        assign(consumer, matching);
    }

    /** Assigns these partitions, new ones at the start or the end; the ones already assigned read on. */
    private void assign(Consumer<byte[], byte[]> consumer, List<PartitionInfo> infos) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        if (partitions.isEmpty() || new HashSet<>(partitions).equals(consumer.assignment())) {
            return; // re-assigning the same partitions after every poll made the consumer fetch some again
        }
        List<TopicPartition> added = new ArrayList<>(partitions);
        added.removeAll(consumer.assignment());
        consumer.assign(partitions);
        if (start.fromBeginning()) {
            consumer.seekToBeginning(added);
        } else {
            consumer.seekToEnd(added);
        }
    }

    private Properties consumerProperties() {
        Properties props = login.consumerPropertiesWithoutGroup();
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "flowctl-tail");
        return props;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
