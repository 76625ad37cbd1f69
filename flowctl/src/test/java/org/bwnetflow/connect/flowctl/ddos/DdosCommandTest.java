package org.bwnetflow.connect.flowctl.ddos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bwnetflow.connect.ddos.detection.testing.DetectorFlows;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad options are usage errors naming the option, found before any connection to Kafka is tried. */
class DdosCommandTest {

    @TempDir
    Path tmp;

    private static void refused(String option, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "ddos";
        all[1] = "flows-1000";
        System.arraycopy(args, 0, all, 2, args.length);
        FlowCtlRun run = FlowCtlRun.run(all);
        assertThat(run.exitCode).as(String.join(" ", args)).isEqualTo(2);
        assertThat(run.err).as(String.join(" ", args)).contains(option);
        assertThat(run.out).isEmpty();
    }

    @Test
    void optionsOutOfRangeAreNamed() {
        refused("--window must be 2 to 3600", "--window", "1");
        refused("--window", "--window", "3601");
        refused("--multiple must be more than 1", "--multiple", "1");
        refused("--floor-bps", "--floor-bps", "-1");
        refused("--floor-pps", "--floor-pps", "-5");
        refused("--warmup", "--warmup", "-1");
        refused("--prefix-length-v4 must be 0 to 32", "--prefix-length-v4", "33");
        refused("--prefix-length-v6 must be 0 to 128", "--prefix-length-v6", "129");
        refused("--max-targets", "--max-targets", "0");
        refused("--save-interval", "--save-interval", "0");
        refused("--zone", "--zone", "Mars/Olympus_Mons");
        refused("--learn-only needs --baseline", "--learn-only");
        refused("--max and --timeout must be 0 (no limit) or more", "--max", "-1");
    }

    @Test
    void aBaselineFileThatCannotBeReadOrSavedIsNamed() throws Exception {
        Path bad = tmp.resolve("baseline.json");
        Files.writeString(bad, "{\"version\": 9, \"targets\": {}}");
        refused("--baseline " + bad + ": version 9", "--baseline", bad.toString());
        refused("no directory", "--baseline", tmp.resolve("missing/baseline.json").toString());
        Files.writeString(bad, "{\"version\": 1, \"zone\": \"UTC\", \"targets\": {}}");
        refused("not Europe/Berlin", "--baseline", bad.toString(), "--zone", "Europe/Berlin");
    }

    @Test
    void helpListsTheOptionsWithTheirDefaults() {
        FlowCtlRun run = FlowCtlRun.run("ddos", "--help");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("--floor-bps", "100000000", "--multiple", "3.0", "--window", "--baseline",
                "--learn-only", "--alert-topic", "--prefix-length-v4", "--from-beginning", "--sasl-user");
    }

    @Test
    void readsFlowsUntilMaxWithOnlyAlertLinesOnStdoutAndTheAlertInTheTopicAndSavesTheBaseline() throws Exception {
        TopicPartition partition = new TopicPartition("flows-1000", 0);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        long t0 = 1_772_000_000L;
        int flows = 120;
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(partition));
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            consumer.addRecord(new ConsumerRecord<>("flows-1000", 0, 0, null, null)); // a tombstone: skipped
            for (int i = 0; i < flows; i++) { // 8 Mbit/s to one address for two minutes
                consumer.addRecord(new ConsumerRecord<>("flows-1000", 0, i + 1, null, FlowMessageCodec.encode(
                        DetectorFlows.flow(t0 + i, DetectorFlows.ip("203.0.113.5"), DetectorFlows.ip("192.0.2.10"), 17, 53, 10_000,
                                10, 100))));
            }
        });
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        consumer.updatePartitions("flows-1000", List.of(new PartitionInfo("flows-1000", 0, null, null, null)));
        DdosCommand command = new DdosCommand();
        command.producers = props -> producer;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        command.login.consumersFrom(props -> consumer);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Path baseline = tmp.resolve("baseline.json");

        int exit = cli.execute("flows-1000", "--from-beginning", "--max", String.valueOf(flows), "--window", "10",
                "--floor-bps", "1000000", "--alert-topic", "ddos-alerts", "--baseline", baseline.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode alert = DdosJson.MAPPER.readTree(lines.get(0));
        assertThat(alert.get("event").asText()).isEqualTo("start");
        assertThat(alert.get("target").asText()).isEqualTo("192.0.2.10");
        assertThat(producer.history()).hasSize(1);
        assertThat(producer.history().get(0).topic()).isEqualTo("ddos-alerts");
        assertThat(producer.history().get(0).key()).isEqualTo("192.0.2.10");
        assertThat(producer.history().get(0).value()).isEqualTo(lines.get(0));
        assertThat(err.toString()).contains("flowctl ddos: " + flows + " flows, 1 targets, 1 alerts (1 still open)");
        assertThat(DdosJson.MAPPER.readTree(baseline.toFile()).get("version").asInt()).isEqualTo(1);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void flowsFromAClockAYearAheadOrIn1970CountInTheCurrentWindowAndAreCounted() throws Exception {
        TopicPartition partition = new TopicPartition("flows-1000", 0);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        long t0 = 1_772_000_000L;
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(partition));
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            long offset = 0;
            for (long s = t0; s < t0 + 40; s++) { // 8 kbit/s to the target, received at s
                consumer.addRecord(record(offset++, s, s, 1_000));
                if (s == t0 + 30) { // received now, dated a year ahead and in 1970: 5 MB each
                    consumer.addRecord(record(offset++, s + 365 * 86_400L, s, 5_000_000));
                    consumer.addRecord(record(offset++, 10, s, 5_000_000));
                }
            }
        });
        consumer.updatePartitions("flows-1000", List.of(new PartitionInfo("flows-1000", 0, null, null, null)));
        DdosCommand command = new DdosCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        command.login.consumersFrom(props -> consumer);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("flows-1000", "--from-beginning", "--max", "42", "--window", "10", "--floor-bps",
                "1000000");

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).as("the two flows make a flood of the window they were received in").hasSize(1);
        JsonNode alert = DdosJson.MAPPER.readTree(lines.get(0));
        assertThat(alert.get("event").asText()).isEqualTo("start");
        assertThat(java.time.Instant.parse(alert.get("start").asText()).getEpochSecond()).isBetween(t0 + 30, t0 + 31);
        // The first of them alone is 4 Mbit/s over the 10 s window, 4 times the floor: the alert starts at it.
        assertThat(alert.get("bits_per_second").asDouble()).isGreaterThanOrEqualTo(5_000_000 * 8 / 10.0);
        assertThat(err.toString()).contains("flowctl ddos: 42 flows", "2 flow times corrected")
                .doesNotContain("late flows");
    }

    @Test
    void withAnUpdateIntervalOpenAlertsAreUpdatedAndEveryLineHasTheAlertsIdAndTime() throws Exception {
        long t0 = 1_772_000_000L;
        List<String> plain = floodLines(t0);
        assertThat(plain).hasSize(1);
        assertThat(DdosJson.MAPPER.readTree(plain.get(0)).has("id")).as("unchanged without the option").isFalse();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : floodLines(t0, "--update-interval", "30")) {
            lines.add(DdosJson.MAPPER.readTree(line));
        }
        JsonNode start = lines.get(0);
        long startSecond = Instant.parse(start.get("start").asText()).getEpochSecond();
        assertThat(start.get("event").asText()).isEqualTo("start");
        assertThat(start.get("at").asText()).isEqualTo(start.get("start").asText());
        assertThat(lines).hasSizeGreaterThan(1).allSatisfy(line -> {
            assertThat(line.get("id").asText()).isEqualTo("192.0.2.10@" + startSecond);
            assertThat(line.get("start").asText()).isEqualTo(start.get("start").asText());
        });
        for (JsonNode update : lines.subList(1, lines.size())) {
            assertThat(update.get("event").asText()).isEqualTo("update");
            long at = Instant.parse(update.get("at").asText()).getEpochSecond();
            assertThat((at - startSecond) % 30).isZero();
            assertThat(update.get("peak_bits_per_second").asDouble()).isGreaterThanOrEqualTo(8_000_000);
            assertThat(update.get("top_ports").get(0).get("port").asInt()).isEqualTo(53);
        }
        refused("--update-interval must be 0 (no updates) or more", "--update-interval", "-1");
    }

    /** stdout of flowctl ddos over two minutes of an 8 Mbit/s flood to 192.0.2.10 from {@code t0}, with {@code options}. */
    private static List<String> floodLines(long t0, String... options) {
        TopicPartition partition = new TopicPartition("flows-1000", 0);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        int flows = 120;
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(partition));
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            for (int i = 0; i < flows; i++) {
                consumer.addRecord(new ConsumerRecord<>("flows-1000", 0, i, null, FlowMessageCodec.encode(
                        DetectorFlows.flow(t0 + i, DetectorFlows.ip("203.0.113.5"), DetectorFlows.ip("192.0.2.10"), 17, 53,
                                10_000, 10, 100))));
            }
        });
        consumer.updatePartitions("flows-1000", List.of(new PartitionInfo("flows-1000", 0, null, null, null)));
        DdosCommand command = new DdosCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        command.login.consumersFrom(props -> consumer);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("flows-1000", "--from-beginning", "--max",
                String.valueOf(flows), "--window", "10", "--floor-bps", "1000000"));
        args.addAll(List.of(options));
        assertThat(cli.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
        return out.toString().lines().toList();
    }

    /** A record of a flow to 192.0.2.10 ending at {@code end}, received (record time and TimeReceived) at {@code received}. */
    private static ConsumerRecord<byte[], byte[]> record(long offset, long end, long received, long bytes) {
        org.apache.kafka.connect.data.Struct flow = DetectorFlows.flow(end, DetectorFlows.ip("203.0.113.5"),
                DetectorFlows.ip("192.0.2.10"), 17, 53, bytes, bytes / 1_000, 1);
        org.bwnetflow.connect.model.Flows.setNumber(flow, org.bwnetflow.connect.model.FlowField.TIME_RECEIVED, received);
        return new ConsumerRecord<>("flows-1000", 0, offset, received * 1000,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, null, FlowMessageCodec.encode(flow),
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
    }
}
