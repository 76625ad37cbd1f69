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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.flowctl.ReadLimits;
import org.bwnetflow.connect.flowctl.KafkaLogin;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.flowctl.json.FlowPretty;
import org.bwnetflow.connect.flowctl.json.HealthJson;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.IngestHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flowctl tail}: read FlowMessage records from a topic and print them. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print the flows of a topic (FlowMessage protobuf values) as they arrive; a sources' health "
                + "topic (e.g. _ingest-health) prints its ingest health records.",
            "Reads without a consumer group and commits nothing, so it never disturbs other readers."})
public final class TailCommand implements Callable<Integer> {

    enum Format { pretty, json }

    /** Tells FlowMessages from the sources' ingest health records by their header. */
    private final FlowMessageConverter converter = new FlowMessageConverter();

    @Spec
    CommandSpec spec;

    @Mixin
    ReadLimits limits;

    @Parameters(paramLabel = "TOPIC", description = "Topic to read; with --pattern a regular expression (e.g. 'flows-.*')")
    String topic;

    @Option(names = "--pattern", description = "TOPIC is a regular expression over topic names")
    boolean pattern;

    @Option(names = "--format", defaultValue = "pretty", description = "pretty or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--filter", paramLabel = "FIELD=VALUE",
            description = "Only flows where FIELD equals VALUE (addresses also as CIDR); repeat to AND conditions")
    List<String> filters = new ArrayList<>();

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest")
    boolean fromBeginning;

    /** Servers, SCRAM login and TLS, as every flowctl command that reads Kafka takes them. */
    @Mixin
    KafkaLogin login;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
            description = "Extra consumer settings (e.g. SASL), repeatable")
    List<String> consumerProperties = new ArrayList<>();

    private long printed;
    private long undecodable;

    @Override
    public Integer call() {
        FlowFilter filter;
        try {
            filter = new FlowFilter(filters);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--filter: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        limits.start(spec);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            assign(consumer, limits.deadlineMillis());
            while (limits.goOn(printed)) {
                if (consumer.assignment().isEmpty()) { // a pattern no topic matches yet
                    sleep();
                    assign(consumer, limits.deadlineMillis());
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (print(record, filter, out) && limits.reached(++printed)) {
                        break;
                    }
                }
                out.flush();
                if (pattern) {
                    assign(consumer, limits.deadlineMillis()); // pick up topics created since
                }
            }
        }
        if (undecodable > 0) {
            err.printf("flowctl tail: %d record(s) were not FlowMessages and were skipped%n", undecodable);
        }
        out.flush();
        return 0;
    }

    /** Prints the record's flow if it is one and passes the filter; true when printed. */
    private boolean print(ConsumerRecord<byte[], byte[]> record, FlowFilter filter, PrintWriter out) {
        if (record.value() == null) {
            return false;
        }
        Struct flow;
        try {
            Object value = converter.toConnectData(record.topic(), record.headers(), record.value()).value();
            if (IngestHealth.isHealth(value)) {
                // A source's health topic: shown as it is, flow filters do not apply.
                out.println(format == Format.json ? HealthJson.toJson((Struct) value)
                        : record.topic() + " " + HealthJson.toLine((Struct) value));
                return true;
            }
            flow = (Struct) value;
        } catch (DataException e) {
            undecodable++;
            return false;
        }
        if (!filter.test(flow)) {
            return false;
        }
        out.println(format == Format.json ? FlowJson.toJson(flow) : record.topic() + " " + FlowPretty.toLine(flow));
        return true;
    }

    /** Assigns every partition of the topic(s), waiting for a named topic to exist. */
    private void assign(KafkaConsumer<byte[], byte[]> consumer, long deadline) {
        List<TopicPartition> partitions = new ArrayList<>();
        while (partitions.isEmpty()) {
            Pattern regex = pattern ? Pattern.compile(topic) : null;
            for (List<PartitionInfo> infos : consumer.listTopics(Duration.ofSeconds(10)).values()) {
                for (PartitionInfo info : infos) {
                    if (regex == null ? info.topic().equals(topic) : regex.matcher(info.topic()).matches()) {
                        partitions.add(new TopicPartition(info.topic(), info.partition()));
                    }
                }
            }
            if (partitions.isEmpty()) {
                if (System.currentTimeMillis() >= deadline || pattern) {
                    return;
                }
                sleep();
            }
        }
        if (new HashSet<>(partitions).equals(consumer.assignment())) {
            return; // re-assigning the same partitions after every poll made the consumer fetch some again
        }
        List<TopicPartition> added = new ArrayList<>(partitions);
        added.removeAll(consumer.assignment());
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(added);
        } else {
            consumer.seekToEnd(added);
        }
    }

    private Properties consumerProperties() {
        Properties props = login.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "flowctl-tail");
        for (String property : consumerProperties) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--consumer-property must be KEY=VALUE");
            }
            props.put(property.substring(0, eq), property.substring(eq + 1));
        }
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
