package org.bwnetflow.connect.flowctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code --filter} on every reader: the same language, matched on the records' raw bytes, repeated filters AND-ed, a
 * bad expression a usage error with a caret under the problem; the old options map onto the language and say so.
 * Kafka's MockConsumer serves real encoded flows.
 */
class FilterOptionTest {

    private static final String TOPIC = "flows-1000";
    private static final long SECOND = 1_772_000_000L;

    @TempDir
    Path tmp;

    /** Six private-address flows (every one a bogon), two of them UDP to port 53, and bytes that are no flow. */
    private static List<byte[]> values() {
        List<byte[]> values = new ArrayList<>();
        values.add(FlowMessageCodec.encode(flow("10.0.0.1", "192.168.1.1", 17, 40000, 53, 0)));
        values.add(FlowMessageCodec.encode(flow("10.0.0.2", "192.168.1.2", 6, 40001, 443, 1)));
        values.add(FlowMessageCodec.encode(flow("192.168.5.5", "10.1.1.1", 17, 123, 123, 2)));
        values.add(new byte[] {(byte) 0xff, (byte) 0xff});
        values.add(FlowMessageCodec.encode(flow("fd00::1", "fd00::2", 17, 40002, 53, 3)));
        values.add(FlowMessageCodec.encode(flow("172.16.0.1", "172.16.0.2", 6, 40003, 22, 4)));
        values.add(FlowMessageCodec.encode(flow("10.0.0.3", "192.168.1.3", 17, 53, 40004, 5)));
        return values;
    }

    private static Struct flow(String src, String dst, int proto, int srcPort, int dstPort, int second) {
        Struct flow = TestFlows.flow(src, dst);
        Flows.setNumber(flow, FlowField.TIME_RECEIVED, SECOND + second);
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, SECOND + second);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, SECOND + second);
        Flows.setNumber(flow, FlowField.PROTO, proto);
        Flows.setNumber(flow, FlowField.SRC_PORT, srcPort);
        Flows.setNumber(flow, FlowField.DST_PORT, dstPort);
        Flows.setNumber(flow, FlowField.BYTES, 1500);
        Flows.setNumber(flow, FlowField.PACKETS, 1);
        Flows.setNumber(flow, FlowField.CID, 1000);
        Flows.setText(flow, FlowField.CID_STRING, "x" + second);
        return flow;
    }

    /** {@code flowctl COMMAND ... flows-1000 --timeout 2 MORE} with the values above in the topic. */
    private FlowCtlRun read(String command, String... more) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, 0L));
        consumer.schedulePollTask(() -> {
            if (consumer.subscription().contains(TOPIC)) {
                consumer.rebalance(List.of(partition));
                consumer.seek(partition, 0);
            }
            long offset = 0;
            for (byte[] value : values()) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++, null, value));
            }
        });
        CommandLine cli = FlowCtl.commandLine();
        CommandLine sub = cli.getSubcommands().get(command);
        ((CustomerLogin) sub.getCommandSpec().mixins().get("login").userObject()).consumersFrom(props -> consumer);
        List<String> args = new ArrayList<>(List.of(command));
        switch (command) {
            case "csv" -> args.addAll(List.of("--dir", tmp.resolve("csv").toString(), "--from", "earliest"));
            case "sqlite" -> args.addAll(List.of(tmp.resolve("flows.db").toString(), "--from-beginning"));
            case "top" -> args.addAll(List.of("--plain", "--from-beginning"));
            default -> args.add("--from-beginning");
        }
        args.addAll(List.of(TOPIC, "--timeout", "2"));
        args.addAll(List.of(more));
        return FlowCtlRun.run(cli, args.toArray(String[]::new));
    }

    /** What each command says about how many flows it kept. */
    private static String counted(String command, long flows) {
        return switch (command) {
            case "csv" -> "flowctl csv: " + flows + " flows written";
            case "sqlite" -> "flowctl sqlite: " + flows + " flows written";
            case "top" -> "flowctl top: " + flows + " flows read that match the filter";
            case "ddos" -> "flowctl ddos: " + flows + " flows that match the filter";
            case "bogons" -> "flowctl bogons: " + flows + " of " + flows + " flows that match the filter";
            default -> throw new IllegalArgumentException(command);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "sqlite", "top", "ddos", "bogons"})
    void everyReaderKeepsOnlyTheFlowsTheFilterMatches(String command) {
        FlowCtlRun run = read(command, "--filter", "proto udp and dst port 53");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out + run.err).contains(counted(command, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "sqlite", "top", "ddos", "bogons"})
    void repeatedFiltersAreAnded(String command) {
        FlowCtlRun run = read(command, "--filter", "proto udp", "--filter", "dst port 53 or dst port 443");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out + run.err).contains(counted(command, 2));
    }

    @Test
    void tailPrintsTheMatchingFlowsOnly() {
        FlowCtlRun run = read("tail", "--format", "json", "--filter", "proto udp and dst port 53");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.jsonLines()).extracting(j -> j.get("SrcAddr").asText()).containsExactly("10.0.0.1", "fd00::1");
        assertThat(run.err).as("bytes that are no flow never match; not counted as undecodable")
                .doesNotContain("not FlowMessages");
    }

    @Test
    void tailsOldFieldConditionsAreFiltersOfTheLanguage() {
        assertThat(read("tail", "--format", "json", "--filter", "SrcAddr=10.0.0.0/8").jsonLines())
                .extracting(j -> j.get("SrcAddr").asText()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(read("tail", "--format", "json", "--filter", "Proto=17", "--filter", "SrcAddr=10.0.0.0/8")
                .jsonLines()).extracting(j -> j.get("SrcAddr").asText()).containsExactly("10.0.0.1", "10.0.0.3");
        assertThat(read("tail", "--format", "json", "--filter", "CidString=x4").jsonLines())
                .extracting(j -> j.get("SrcAddr").asText()).containsExactly("172.16.0.1");
    }

    @Test
    void withoutAFilterEveryFlowIsReadAsBefore() {
        FlowCtlRun run = read("tail", "--format", "json");

        assertThat(run.jsonLines()).hasSize(6);
        assertThat(run.err).contains("1 record(s) were not FlowMessages and were skipped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tail", "csv", "sqlite", "top", "ddos", "bogons"})
    void aBadFilterIsAUsageErrorWithACaretUnderTheProblem(String command) {
        FlowCtlRun run = read(command, "--filter", "src net 10.0.0.0/8 and port udp");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err.lines().toList()).containsExactly(
                "flowctl " + command + ": --filter 'src net 10.0.0.0/8 and port udp' is no filter:",
                "  src net 10.0.0.0/8 and port udp",
                "                              ^ at 28: expected a port number or 'in', found 'udp'");
        assertThat(run.out).isEmpty();
    }

    @Test
    void topsOldOptionsAreFiltersAndSaySo() {
        FlowCtlRun run = read("top", "--proto", "udp", "--port", "53");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.err).contains("flowctl: --port 53 is the filter 'port 53'; use --filter",
                "flowctl: --proto udp is the filter 'proto udp'; use --filter", counted("top", 3));
        assertThat(run.out).contains("filter port 53 and proto udp");
    }

    @Test
    void topsHeaderShowsTheFilterAsTyped() {
        FlowCtlRun run = read("top", "--filter", "proto udp", "--filter", "dst port 53 or dst port 443");

        assertThat(run.out).contains("filter proto udp and (dst port 53 or dst port 443)  at ");
    }

    @Test
    void aBadOldOptionShowsTheFilterItStandsFor() {
        FlowCtlRun run = read("top", "--net", "192.0.2.1/24");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("flowctl top: --net 192.0.2.1/24 is no filter:", "  net 192.0.2.1/24",
                "      ^ at 4: 192.0.2.1/24 has host bits set; did you mean 192.0.2.0/24?");
    }
}
