package org.bwnetflow.connect.it;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.PACKETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.generate.FlowGenerator;
import org.bwnetflow.connect.flowctl.generate.GeneratedFlow;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.stack.QuestDbLogin;
import org.bwnetflow.connect.stack.QuestDbServer;

/**
 * Bytes, packets and flows per customer, from three places that must agree: what the generator
 * sent (the ground truth), what is in the tenant topics, and what the Influx sink wrote to the
 * database. Compared as text, so that a failure shows every customer's numbers.
 */
final class CustomerTotals {

    private final Map<Long, long[]> totals = new TreeMap<>();
    /** Records read from a tenant topic that is not their customer's ({@code flows-<Cid>}). */
    private long misrouted;

    /** What {@code flowctl generate --seed seed --exporters n --count flows} sends, per customer of the demo prefixes. */
    static CustomerTotals generated(long seed, int exporters, int flows) {
        CustomerTotals truth = new CustomerTotals();
        for (int router = 0; router < exporters; router++) {
            FlowGenerator generator = new FlowGenerator(seed, router);
            for (int i = 0; i < flows / exporters; i++) {
                GeneratedFlow flow = generator.next();
                truth.add(ExpectedFlows.cidOf(router, flow), flow.bytes(), flow.packets());
            }
        }
        return truth;
    }

    /** Everything in the topics {@code flows-*} now (read from the beginning to the current end). */
    static CustomerTotals inTenantTopics(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        CustomerTotals found = new CustomerTotals();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics(Duration.ofSeconds(30)).entrySet()) {
                if (topic.getKey().startsWith("flows-")) {
                    topic.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!end.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Struct flow = FlowMessageCodec.decode(record.value());
                    long cid = Flows.number(flow, CID);
                    found.add(cid, Flows.number(flow, BYTES), Flows.number(flow, PACKETS));
                    if (!record.topic().equals(cid == 0 ? "flows-unassigned" : "flows-" + cid)) {
                        found.misrouted++;
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            if (!end.isEmpty()) {
                throw new AssertionError("could not read the tenant topics to their end within 2 minutes: " + end.keySet());
            }
        }
        return found;
    }

    /** The Influx sink's {@code flows} measurement in QuestDB, summed per customer over all windows. */
    static CustomerTotals inDatabase(String questDbUrl, QuestDbLogin login) {
        CustomerTotals found = new CustomerTotals();
        String answer = QuestDbServer.exec(questDbUrl, login,
                "SELECT cid, sum(bytes) b, sum(packets) p, sum(flows) f FROM flows GROUP BY cid ORDER BY cid");
        try {
            for (JsonNode row : new ObjectMapper().readTree(answer).path("dataset")) {
                found.totals.put(Long.parseLong(row.get(0).asText()),
                        new long[] {row.get(1).asLong(), row.get(2).asLong(), row.get(3).asLong()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("QuestDB's answer is not JSON: " + answer, e);
        }
        return found;
    }

    /**
     * What the dashboard's API shows to a login ({@code /api/totals?split=cid} over all time):
     * every customer for the operator, its own for a customer.
     */
    static CustomerTotals inDashboard(String dashboardUrl, String user, String password) {
        CustomerTotals found = new CustomerTotals();
        long until = System.currentTimeMillis() / 1000 + 86_400;
        JsonNode answer = DashboardApi.get(dashboardUrl, "/api/totals?split=cid&limit=100&from=0&to=" + until, user,
                password).json();
        for (JsonNode row : answer) {
            found.totals.put(Long.parseLong(row.get("key").asText()),
                    new long[] {row.get("bytes").asLong(), row.get("packets").asLong(), row.get("flows").asLong()});
        }
        return found;
    }

    long bytes(long cid) {
        return totals.getOrDefault(cid, new long[3])[0];
    }

    /** Only one customer's totals. */
    CustomerTotals only(long cid) {
        CustomerTotals one = new CustomerTotals();
        if (totals.containsKey(cid)) {
            one.totals.put(cid, totals.get(cid));
        }
        return one;
    }

    private void add(long cid, long bytes, long packets) {
        long[] t = totals.computeIfAbsent(cid, c -> new long[3]);
        t[0] += bytes;
        t[1] += packets;
        t[2]++;
    }

    /** This minus an earlier reading: what arrived in between. */
    CustomerTotals minus(CustomerTotals earlier) {
        CustomerTotals delta = new CustomerTotals();
        Map<Long, long[]> all = new TreeMap<>(totals);
        earlier.totals.keySet().forEach(cid -> all.putIfAbsent(cid, new long[3]));
        all.forEach((cid, t) -> {
            long[] before = earlier.totals.getOrDefault(cid, new long[3]);
            long[] d = {t[0] - before[0], t[1] - before[1], t[2] - before[2]};
            if (d[0] != 0 || d[1] != 0 || d[2] != 0) {
                delta.totals.put(cid, d);
            }
        });
        delta.misrouted = misrouted - earlier.misrouted;
        return delta;
    }

    long flows() {
        return totals.values().stream().mapToLong(t -> t[2]).sum();
    }

    long misrouted() {
        return misrouted;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CustomerTotals o && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        totals.forEach((cid, t) -> text.append("cid ").append(cid).append(": ").append(t[0]).append(" B, ").append(t[1])
                .append(" pkts, ").append(t[2]).append(" flows\n"));
        return text.toString();
    }
}
