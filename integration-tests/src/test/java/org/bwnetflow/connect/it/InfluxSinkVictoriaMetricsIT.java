package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bwnetflow.connect.influx.testing.VictoriaMetricsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against a second, independent implementation of the InfluxDB v2 write API:
 * VictoriaMetrics from Debian, with deduplication on (one sample per series and millisecond). The
 * totals per customer, read back from VictoriaMetrics, equal what was produced.
 */
@ExtendWith(LocalStack.class)
class InfluxSinkVictoriaMetricsIT {

    @TempDir
    Path tmp;

    @Test
    void totalsPerCustomerInVictoriaMetricsEqualWhatWasProduced() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "vm-flows-" + run + "-";
        try (VictoriaMetricsFixture vm = VictoriaMetricsFixture.start(tmp.resolve("vm"));
                Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            List<NewTopic> topics = new ArrayList<>();
            for (int cid : KnownFlows.CIDS) {
                topics.add(new NewTopic(prefix + cid, 2, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", "org.bwnetflow.connect.influx.InfluxSinkConnector");
            config.put("topics.regex", Pattern.quote(prefix) + ".*");
            config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            // Raw bytes, as shipped: the task decodes them, so it sees the records no flow can be read from too.
            config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            config.put("influx.url", vm.url());
            config.put("influx.org", "bwnetflow");
            config.put("influx.bucket", "flows");
            config.put("influx.gzip", "true"); // VictoriaMetrics takes gzip, unlike QuestDB
            config.put("influx.precision", "ms");
            config.put("measurements", "flows,top_hosts");
            config.put("window.size.ms", "1000");
            config.put("flow.time.tolerance.ms", "2000");
            // Debian's VictoriaMetrics 1.79 may keep either of two samples with the same time: write each point once,
            // when its segment ends (the partition's next record of a later interval).
            config.put("write.open.windows", "false");
            config.put("write.interval.ms", "500");
            // Records that are not FlowMessages go to a dead letter queue, by Connect's own settings.
            config.put("errors.tolerance", "all");
            config.put("errors.deadletterqueue.topic.name", "dlq-" + run);
            config.put("errors.deadletterqueue.topic.replication.factor", "1");
            LocalStack.rest().createOrReplaceConnector("vm-" + run, config);
            LocalStack.rest().awaitRunning("vm-" + run, LocalStack.timeout());

            KnownFlows flows = new KnownFlows(prefix, 1_500, 500, 11);
            flows.produce(LocalStack.broker().clientConfig());
            // The traffic goes on (here: values that are no flows, one per partition, a second later): it ends the
            // segments that hold the last flows, which only then are written, once.
            Thread.sleep(1_500);
            for (int cid : KnownFlows.CIDS) {
                produceGarbage(prefix + cid, 2);
            }
            Map<Long, long[]> truth = flows.truth();

            long deadline = System.currentTimeMillis() + 90_000;
            Map<Long, long[]> totals = Map.of();
            while (System.currentTimeMillis() < deadline) {
                totals = totals(vm);
                if (describe(totals).equals(describe(truth))) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(describe(totals)).as("bytes/packets/flows per cid in VictoriaMetrics").isEqualTo(describe(truth));
            // top_hosts: every flow of a window is in some host's point (the top N or host=other).
            assertThat((long) vm.sum("top_hosts_flows")).isEqualTo(1_500);
            try (RawTopic dlq = new RawTopic(LocalStack.broker().clientConfig(), "dlq-" + run)) {
                assertThat(dlq.await(6, LocalStack.timeout())).as("the dead letter queue").hasSize(6)
                        .allSatisfy(value -> assertThat(value).isEqualTo(GARBAGE));
            }
            LocalStack.rest().deleteConnector("vm-" + run);
        }
    }

    /** Field 1, length-delimited, 127 bytes long, but only one byte follows: no FlowMessage. */
    private static final byte[] GARBAGE = {0x0A, 0x7F, 0x01};

    /** One garbage record to each of the topic's partitions. */
    private static void produceGarbage(String topic, int partitions) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < partitions; partition++) {
                producer.send(new ProducerRecord<>(topic, partition, null, GARBAGE)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Map<Long, long[]> totals(VictoriaMetricsFixture vm) {
        Map<Long, long[]> totals = new TreeMap<>();
        String[] fields = {"flows_bytes", "flows_packets", "flows_flows"};
        for (int i = 0; i < fields.length; i++) {
            for (VictoriaMetricsFixture.Series series : vm.export(fields[i])) {
                long cid = Long.parseLong(series.labels().get("cid"));
                totals.computeIfAbsent(cid, c -> new long[3])[i] += (long) series.sum();
            }
        }
        return totals;
    }

    private static String describe(Map<Long, long[]> totals) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(totals).forEach((cid, t) -> text.append("cid ").append(cid).append(": ").append(t[0]).append(" B, ")
                .append(t[1]).append(" pkts, ").append(t[2]).append(" flows\n"));
        return text.toString();
    }
}
