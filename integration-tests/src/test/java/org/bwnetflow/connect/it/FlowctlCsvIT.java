package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code flowctl csv} against the real broker: flows whose start times fall into three
 * 5-minute periods, in mixed order, land in the file of their period with one header each; a
 * second run of the same consumer group appends only what came since; {@code --from TIME}
 * starts at that time. Runs that stop at {@code --max} in the middle of what they polled
 * together write every flow once. Flows whose time lies a year ahead of, or decades before,
 * their record time land in the file of the record time, and are counted.
 */
@ExtendWith(LocalStack.class)
class FlowctlCsvIT {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    @Test
    void flowsLandInTheFileOfTheirPeriodAndAGroupResumes() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "csv-" + run;
        Path dir = Path.of("target", "flowctl-csv", run).toAbsolutePath();
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        long base = System.currentTimeMillis() / 1000 / 300 * 300 - 900; // three periods ago
        Map<Long, Long> startBySourcePort = new HashMap<>();
        // all into partition 0 first, then into partition 1: the second run must find partition 1's flows, although
        // the group read nothing of it before (it was empty then)
        produce(topic, 0, 0, 120, base, startBySourcePort);

        // the flows' times lie up to 15 minutes before their record times (now): trusted with this tolerance
        FlowCtlRun first = csv(topic, dir, "--group", "csv-" + run, "--from", "earliest", "--max", "120",
                "--flow-time-tolerance", "1h");
        assertThat(first.out).contains("120 flows written").contains("3 new files");
        assertFilesHoldTheirPeriods(dir, startBySourcePort, 120);

        Instant between = Instant.now();
        Thread.sleep(50);
        produce(topic, 1, 120, 30, base, startBySourcePort);
        FlowCtlRun second = csv(topic, dir, "--group", "csv-" + run, "--max", "30", "--flow-time-tolerance", "1h");
        assertThat(second.out).as(second.err).contains("30 flows written").contains("0 new files");
        assertFilesHoldTheirPeriods(dir, startBySourcePort, 150);

        Path fromDir = dir.resolveSibling(run + "-from");
        FlowCtlRun fromTime = csv(topic, fromDir, "--from", between.toString(), "--max", "30", "--flow-time-tolerance",
                "1h");
        assertThat(fromTime.out).as(fromTime.err).contains("30 flows written");
        Map<Long, Long> onlyNew = new HashMap<>();
        startBySourcePort.forEach((port, start) -> {
            if (port >= 10_120) {
                onlyNew.put(port, start);
            }
        });
        assertFilesHoldTheirPeriods(fromDir, onlyNew, 30);
    }

    @Test
    void runsThatStopAtMaxTogetherWriteEveryFlowExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "csv-max-" + run;
        Path dir = Path.of("target", "flowctl-csv", "max-" + run).toAbsolutePath();
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        long base = System.currentTimeMillis() / 1000 / 300 * 300 - 900; // three periods ago
        Map<Long, Long> startBySourcePort = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 300; i++) {
                Struct flow = flow(i, base + (i * 37L) % 900);
                // the record time is the receive time, as the source sets it
                producer.send(new ProducerRecord<>(topic, i % 3, (base + (i * 37L) % 900 + 6) * 1000, null,
                        FlowMessageCodec.encode(flow)));
                startBySourcePort.put(10_000L + i, base + (i * 37L) % 900);
            }
        }
        String group = "csv-max-" + run;
        for (int i = 0; i < 4; i++) { // 4 x 70, each stopping in the middle of what it polled
            FlowCtlRun part = csv(topic, dir, "--group", group, "--from", "earliest", "--max", "70");
            assertThat(part.out).contains("70 flows written");
        }
        FlowCtlRun rest = csv(topic, dir, "--group", group, "--from", "earliest", "--max", "20");
        assertThat(rest.out).contains("20 flows written");
        assertFilesHoldTheirPeriods(dir, startBySourcePort, 300);
    }

    @Test
    void flowsFromAClockAYearAheadOrIn1970LandInTheFileOfTheirRecordTime() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "csv-clock-" + run;
        Path dir = Path.of("target", "flowctl-csv", "clock-" + run).toAbsolutePath();
        long period = System.currentTimeMillis() / 1000 / 300 * 300 - 300; // the last full period
        long received = period + 120;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            long[] starts = {received - 20, received + 365 * 86_400L, 10};
            for (int i = 0; i < starts.length; i++) {
                producer.send(new ProducerRecord<>(topic, 0, received * 1000, null,
                        FlowMessageCodec.encode(flow(i, starts[i]))));
            }
        }
        FlowCtlRun csv = csv(topic, dir, "--from", "earliest", "--max", "3");

        assertThat(csv.out).contains("3 flows written", "(1 new files)", "2 flow times corrected");
        try (Stream<Path> list = Files.list(dir)) {
            assertThat(list.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv")))
                    .containsExactly("flows-" + NAME.format(Instant.ofEpochSecond(period)) + ".csv");
        }
        String file = "flows-" + NAME.format(Instant.ofEpochSecond(period)) + ".csv";
        assertThat(Files.readAllLines(dir.resolve(file))).extracting(l -> l.split(",")[1])
                .containsExactly("SrcPort", "10000", "10001", "10002");
    }

    /** Flow i: source port 10000 + i, source 10.1.0.(i % 200 + 1), bytes 1000 + i, five seconds from start. */
    private static Struct flow(int i, long start) {
        Struct flow = TestFlows.flow("10.1.0." + (i % 200 + 1), "192.0.2.1");
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, start);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, start + 5);
        Flows.setNumber(flow, FlowField.SRC_PORT, 10_000 + i);
        Flows.setNumber(flow, FlowField.BYTES, 1_000 + i);
        return flow;
    }

    private static FlowCtlRun csv(String topic, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("csv", topic, "--dir", dir.toString(), "-b",
                LocalStack.broker().bootstrapServers(), "--columns", "TimeFlowStart,SrcPort,SrcAddr,Bytes,Duration",
                "--timeout", "60"));
        args.addAll(List.of(more));
        FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode).as(run.err).isZero();
        return run;
    }

    /** Flows i in [from, from + count) into one partition: source port 10000 + i, starts over three periods, mixed. */
    private static void produce(String topic, int partition, int from, int count, long base,
                                Map<Long, Long> startBySourcePort) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                long start = base + (i * 37L) % 900;
                Struct flow = flow(i, start);
                producer.send(new ProducerRecord<>(topic, partition, null, FlowMessageCodec.encode(flow)));
                startBySourcePort.put(10_000L + i, start);
            }
            producer.flush();
        }
    }

    private static void assertFilesHoldTheirPeriods(Path dir, Map<Long, Long> startBySourcePort, int rows)
            throws Exception {
        Map<Long, Integer> seen = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            assertThat(lines.get(0)).isEqualTo("TimeFlowStart,SrcPort,SrcAddr,Bytes,Duration");
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                long start = Long.parseLong(c[0]);
                long port = Long.parseLong(c[1]);
                assertThat(file.getFileName().toString()).as(line)
                        .isEqualTo("flows-" + NAME.format(Instant.ofEpochSecond(start / 300 * 300)) + ".csv");
                assertThat(start).as("start of %d", port).isEqualTo(startBySourcePort.get(port));
                assertThat(c[2]).isEqualTo("10.1.0." + ((port - 10_000) % 200 + 1));
                assertThat(Long.parseLong(c[3])).isEqualTo(port - 9_000);
                assertThat(c[4]).isEqualTo("5");
                seen.merge(port, 1, Integer::sum);
            }
        }
        assertThat(files).hasSize(3);
        assertThat(seen).as("every flow once").hasSize(rows).allSatisfy((port, times) -> assertThat(times).isOne());
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(startBySourcePort.keySet());
    }
}
