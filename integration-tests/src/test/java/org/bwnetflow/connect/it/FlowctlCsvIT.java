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
 * starts at that time.
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
        produce(topic, 0, 120, base, startBySourcePort);

        FlowCtlRun first = csv(topic, dir, "--group", "csv-" + run, "--from", "earliest", "--max", "120");
        assertThat(first.out).contains("120 flows written").contains("3 new files");
        assertFilesHoldTheirPeriods(dir, startBySourcePort, 120);

        Instant between = Instant.now();
        Thread.sleep(50);
        produce(topic, 120, 30, base, startBySourcePort);
        FlowCtlRun second = csv(topic, dir, "--group", "csv-" + run, "--max", "30");
        assertThat(second.out).contains("30 flows written").contains("0 new files");
        assertFilesHoldTheirPeriods(dir, startBySourcePort, 150);

        Path fromDir = dir.resolveSibling(run + "-from");
        FlowCtlRun fromTime = csv(topic, fromDir, "--from", between.toString(), "--max", "30");
        assertThat(fromTime.out).contains("30 flows written");
        Map<Long, Long> onlyNew = new HashMap<>();
        startBySourcePort.forEach((port, start) -> {
            if (port >= 10_120) {
                onlyNew.put(port, start);
            }
        });
        assertFilesHoldTheirPeriods(fromDir, onlyNew, 30);
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

    /** Flows i in [from, from + count): source port 10000 + i, start spread over three periods out of order. */
    private static void produce(String topic, int from, int count, long base, Map<Long, Long> startBySourcePort) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                Struct flow = TestFlows.flow("10.1.0." + (i % 200 + 1), "192.0.2.1");
                long start = base + (i * 37L) % 900;
                Flows.setNumber(flow, FlowField.TIME_FLOW_START, start);
                Flows.setNumber(flow, FlowField.TIME_FLOW_END, start + 5);
                Flows.setNumber(flow, FlowField.SRC_PORT, 10_000 + i);
                Flows.setNumber(flow, FlowField.BYTES, 1_000 + i);
                producer.send(new ProducerRecord<>(topic, FlowMessageCodec.encode(flow)));
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
            files = list.sorted().toList();
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
