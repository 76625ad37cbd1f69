package org.bwnetflow.connect.flowctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Every command that reads flows says so, in one line and with exit code 1, when its topic does not exist or its
 * login may not read it, instead of reading nothing until --timeout and exiting 0. Kafka's MockConsumer stands in
 * for the broker's answers (the secure stack's real ones: TenantIsolationIT).
 */
class UnreadableTopicTest {

    private static final String TOPIC = "flows-1000";

    @TempDir
    Path tmp;

    /** A consumer whose metadata request is refused, as the broker refuses a topic the login may not describe. */
    private static final class RefusingConsumer extends MockConsumer<byte[], byte[]> {
        RefusingConsumer() {
            super("earliest");
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
            throw new TopicAuthorizationException("Not authorized to access topics: [" + topic + "]");
        }
    }

    /** {@code flowctl COMMAND ... flows-1000 --timeout 2} with {@code consumer} as the broker. */
    private FlowCtlRun read(String command, MockConsumer<byte[], byte[]> consumer, String... more) {
        CommandLine cli = FlowCtl.commandLine();
        CommandLine sub = cli.getSubcommands().get(command);
        ((CustomerLogin) sub.getCommandSpec().mixins().get("login").userObject()).consumersFrom(props -> consumer);
        List<String> args = new ArrayList<>(List.of(command));
        switch (command) {
            case "csv" -> args.addAll(List.of("--dir", tmp.resolve("csv").toString(), "--from", "earliest"));
            case "sqlite" -> args.add(tmp.resolve("flows.db").toString());
            case "top" -> args.add("--plain");
            default -> args.add("--from-beginning");
        }
        args.addAll(List.of(TOPIC, "--timeout", "2"));
        args.addAll(List.of(more));
        return FlowCtlRun.run(cli, args.toArray(String[]::new));
    }

    private static void assertOneLineError(FlowCtlRun run, String command, String message) {
        assertThat(run.exitCode).as(run.err).isEqualTo(1);
        assertThat(run.err.strip()).as("one line, no stack trace").isEqualTo("flowctl " + command + ": " + message);
        assertThat(run.out).as("no flows, no summary").doesNotContain("flows written");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tail", "csv", "sqlite", "top", "ddos", "bogons"})
    void aTopicThatDoesNotExistIsAnError(String command) {
        FlowCtlRun run = read(command, new MockConsumer<>("earliest"));

        assertOneLineError(run, command, "topic " + TOPIC + " does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tail", "csv", "sqlite", "top", "ddos", "bogons"})
    void aTopicTheLoginMayNotSeeIsAnError(String command) {
        FlowCtlRun run = read(command, new RefusingConsumer());

        assertOneLineError(run, command, "topic " + TOPIC + ": not authorized for this login (or it does not exist)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tail", "csv", "sqlite", "top", "ddos", "bogons"})
    void aRefusalWhileReadingIsOneLineToo(String command) {
        MockConsumer<byte[], byte[]> consumer = withPartition(new MockConsumer<>("earliest"));
        consumer.setPollException(new TopicAuthorizationException(java.util.Set.of(TOPIC)));

        FlowCtlRun run = read(command, consumer);

        assertOneLineError(run, command, "not authorized to read topic(s) [" + TOPIC + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "sqlite", "top", "ddos", "bogons"})
    void aForeignConsumerGroupIsOneLine(String command) {
        MockConsumer<byte[], byte[]> consumer = withPartition(new MockConsumer<>("earliest"));
        consumer.setPollException(new GroupAuthorizationException("Not authorized", "dashboard"));

        FlowCtlRun run = read(command, consumer, "--group", "dashboard");

        assertOneLineError(run, command, "not authorized to use consumer group dashboard (a tenant's groups are "
                + "named <cid>-...)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tail", "bogons"})
    void aTopicThatExistsIsRead(String command) {
        MockConsumer<byte[], byte[]> consumer = withPartition(new MockConsumer<>("earliest"));
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, 0L));
        consumer.schedulePollTask(() -> {
            if (consumer.subscription().contains(TOPIC)) {
                consumer.rebalance(List.of(partition));
            }
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, null,
                    FlowMessageCodec.encode(privateFlow())));
        });

        FlowCtlRun run = read(command, consumer, "--max", "1", "--format", "json");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.jsonLines()).hasSize(1);
    }

    /** A flow between two private addresses: one that tail prints and bogons reports. */
    private static Struct privateFlow() {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, FlowField.TIME_RECEIVED, 1_772_000_000L);
        Flows.setBytes(flow, FlowField.SRC_ADDR, new byte[] {10, 0, 0, 1});
        Flows.setBytes(flow, FlowField.DST_ADDR, new byte[] {(byte) 192, (byte) 168, 1, 1});
        Flows.setNumber(flow, FlowField.BYTES, 1500);
        Flows.setNumber(flow, FlowField.PACKETS, 1);
        return flow;
    }

    private static MockConsumer<byte[], byte[]> withPartition(MockConsumer<byte[], byte[]> consumer) {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        return consumer;
    }
}
