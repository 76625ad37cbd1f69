package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.netflow.export.testing.ExportTestFlows;
import org.bwnetflow.connect.stack.ConnectRestClient;
import org.bwnetflow.connect.stack.ConnectorStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both sinks' one rule for records that are no flows (NonFlowRecords), in the real worker:
 * with errors.tolerance=all and a dead letter queue the record lands there and the flows around
 * it are counted; without, the task FAILS and its trace names the record (topic-partition@offset)
 * and why. The export sink's dead letter queue case is NetFlowExportWorkerIT's.
 */
@ExtendWith(LocalStack.class)
class NonFlowRecordsIT {

    /** Field 1, 127 bytes long, one byte follows: no FlowMessage. */
    private static final byte[] GARBAGE = {0x0A, 0x7F, 0x01};
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static QuestDbFixture questDb;

    @BeforeAll
    static void startQuestDb() throws Exception {
        Path work = Path.of("target", "non-flow", RUN).toAbsolutePath();
        Files.createDirectories(work);
        questDb = QuestDbFixture.start(work.resolve("questdb"));
    }

    @AfterAll
    static void stopQuestDb() {
        if (questDb != null) {
            questDb.close();
        }
    }

    @Test
    void influxSinkSendsNonFlowsToTheDeadLetterQueueAndCountsTheFlows() throws Exception {
        String topic = "nonflow-influx-dlq-" + RUN;
        String measurement = "nonflow_dlq_" + RUN.replace('-', '_');
        createTopic(topic);
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            sendFlows(producer, topic, now, 10);
            producer.send(new ProducerRecord<>(topic, 0, now, null, GARBAGE));
            producer.send(new ProducerRecord<byte[], byte[]>(topic, 0, now, null, null));
            sendFlows(producer, topic, now, 10);
            producer.flush();
        }
        Map<String, String> config = influxSink(topic, measurement);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "dlq-" + topic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        String connector = "influx-" + topic;
        ConnectRestClient rest = LocalStack.rest();
        try {
            rest.createOrReplaceConnector(connector, config);
            rest.awaitRunning(connector, LocalStack.timeout());
            try (RawTopic dlq = new RawTopic(LocalStack.broker().clientConfig(), "dlq-" + topic)) {
                List<byte[]> values = dlq.await(2, LocalStack.timeout());
                assertThat(values).as("the dead letter queue").hasSize(2);
                assertThat(values.get(0)).isEqualTo(GARBAGE);
                assertThat(values.get(1)).as("the tombstone").isNull();
            }
            assertThat(awaitFlowsCounted(measurement, 20)).as("flows counted in QuestDB").isEqualTo(20);
            assertThat(rest.connectorStatus(connector).isRunning()).as("the task goes on").isTrue();
        } finally {
            rest.deleteConnector(connector);
        }
    }

    @Test
    void influxSinkFailsTheTaskNamingTheRecordWithoutATolerance() throws Exception {
        String topic = "nonflow-influx-fail-" + RUN;
        createTopic(topic);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            sendFlows(producer, topic, System.currentTimeMillis(), 5);
            producer.send(new ProducerRecord<>(topic, GARBAGE)).get(30, TimeUnit.SECONDS);
        }
        String connector = "influx-" + topic;
        String trace = failedTaskTrace(connector, influxSink(topic, "nonflow_fail_" + RUN.replace('-', '_')));
        assertThat(trace).contains("The Influx sink cannot use the record at " + topic + "-0@5")
                .contains("errors.tolerance=all");
    }

    @Test
    void exportSinkFailsTheTaskNamingTheRecordWithoutATolerance() throws Exception {
        String topic = "nonflow-export-fail-" + RUN;
        createTopic(topic);
        long now = System.currentTimeMillis() / 1000;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, FlowMessageCodec.encode(ExportTestFlows.flow(i, now))));
            }
            producer.send(new ProducerRecord<>(topic, GARBAGE)).get(30, TimeUnit.SECONDS);
        }
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Map<String, String> config = new HashMap<>(Map.of(
                    "connector.class", "org.bwnetflow.connect.netflow.export.NetFlowExportSinkConnector",
                    "tasks.max", "1", "topics", topic, "collectors", "127.0.0.1:" + collector.getLocalPort(),
                    "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                    "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
            String trace = failedTaskTrace("export-" + topic, config);
            assertThat(trace).contains("The NetFlow export sink cannot use the record at " + topic + "-0@5")
                    .contains("errors.tolerance=all");
        }
    }

    /** Starts the connector, waits until its task FAILED and returns the task's trace. */
    private static String failedTaskTrace(String connector, Map<String, String> config) throws Exception {
        ConnectRestClient rest = LocalStack.rest();
        try {
            rest.createOrReplaceConnector(connector, config);
            long deadline = System.currentTimeMillis() + LocalStack.timeout().toMillis();
            String last = "no status yet";
            while (System.currentTimeMillis() < deadline) {
                try {
                    ConnectorStatus status = rest.connectorStatus(connector);
                    for (ConnectorStatus.TaskStatus task : status.tasks()) {
                        if (ConnectorStatus.FAILED.equals(task.state())) {
                            return task.trace();
                        }
                    }
                    last = status.summary();
                } catch (RuntimeException e) {
                    last = e.getMessage(); // 404 until the worker has read the config
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the task of " + connector + " did not fail; last status: " + last);
        } finally {
            rest.deleteConnector(connector);
        }
    }

    private Map<String, String> influxSink(String topic, String measurement) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.bwnetflow.connect.influx.InfluxSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        // Raw bytes: the task decodes them, so the bad ones reach the sink's rule (a converter would fail first).
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.putAll(questDb.sinkConfig());
        config.put("influx.org", "bwnetflow");
        config.put("influx.bucket", "flows");
        config.put("measurements", measurement);
        config.put("measurement." + measurement + ".tags", "cid");
        config.put("window.size.ms", "1000");
        config.put("write.interval.ms", "500");
        return config;
    }

    /** Flows of customer 1000 with 100 bytes each, ended and stamped at {@code now}. */
    private static void sendFlows(KafkaProducer<byte[], byte[]> producer, String topic, long now, int count) {
        for (int i = 0; i < count; i++) {
            Struct flow = FlowMessageSchema.newFlow();
            Flows.setNumber(flow, FlowField.CID, 1000);
            Flows.setNumber(flow, FlowField.BYTES, 100);
            Flows.setEnum(flow, FlowField.NORMALIZED, 1);
            Flows.setNumber(flow, FlowField.TIME_FLOW_END, now / 1000);
            producer.send(new ProducerRecord<>(topic, 0, now, null, FlowMessageCodec.encode(flow)));
        }
    }

    /** The flows the measurement counts once they reach {@code expected} (or after 60 s). */
    private static long awaitFlowsCounted(String measurement, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        long flows = -1;
        while (System.currentTimeMillis() < deadline) {
            try {
                questDb.awaitApplied(measurement);
                List<Map<String, Object>> rows = questDb.exec("SELECT sum(flows) f FROM " + measurement);
                Object sum = rows.isEmpty() ? null : rows.get(0).get("f");
                flows = sum == null ? 0 : ((Number) sum).longValue();
            } catch (RuntimeException e) {
                flows = -1; // the table does not exist before the first write
            }
            if (flows == expected) {
                return flows;
            }
            Thread.sleep(500);
        }
        return flows;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(LocalStack.broker().clientConfig(), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }
}
