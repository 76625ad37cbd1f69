package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.dashboard.explore.LanguageFilterTranslator;
import org.bwnetflow.connect.dashboard.explore.SqlCondition;
import org.bwnetflow.connect.filter.Filter;
import org.bwnetflow.connect.filter.FlowFilters;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One filter language, the same flows wherever it chooses them: a known set of varied flows in a topic, stored by the
 * raw flows sink (real worker, packaged plugin) in a real QuestDB; for each expression of a corpus the flows it
 * matches on their Structs are exactly the rows the explorer's SQL selects (LanguageFilterTranslator over the
 * PostgreSQL wire, values bound), exactly the records the FlowMatches predicate lets through a second raw sink
 * (Filter transform, raw bytes), and exactly what {@code flowctl tail --filter} prints. Flows are told apart by their
 * SequenceNum, which is their offset in the one-partition topic.
 */
@ExtendWith(LocalStack.class)
class OneFilterLanguageIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final int FLOWS = 3_000;
    /** Expressions of docs/filter-language.md's kinds: CIDRs of both families, lists, either-side keywords, texts. */
    private static final List<String> CORPUS = List.of(
            "src net 10.0.0.0/8 and proto udp and dst port 53",
            "not (as 64500 or as 64501)",
            "bytes > 100k",
            "in if 12",
            "country DE",
            "cid 1000",
            "SrcAS = 15169",
            "dst net 2001:db8::/32 or src host 10.1.2.3",
            "proto tcp and not dst port in [80 443]",
            "not src country US",
            "inet6 and packets < 10",
            "in if name \"xe-0/0/1\" or out if name \"Gi 0/1, uplink=core\"",
            "exporter 192.0.2.1 and SamplingRate > 1",
            "port > 1024 and port <= 2000",
            "src net 2001:db8:0:8000::/49 or dst net 172.16.0.0/12 and not cid 1001",
            "next as 64502 or FlowDirection = 1 and RemoteAddr = 2");
    /** The expressions also chosen through the predicate and flowctl (each costs a connector or a process). */
    private static final List<String> ALSO_PREDICATE_AND_FLOWCTL = List.of(CORPUS.get(0), CORPUS.get(7), CORPUS.get(11));

    private static Path work;
    private static QuestDbFixture questDb;
    private static String topic;
    private static List<Struct> flows;

    @BeforeAll
    static void storeTheFlows() throws Exception {
        work = Path.of("target", "one-filter-language", RUN).toAbsolutePath();
        Files.createDirectories(work);
        questDb = QuestDbFixture.startWithPgWire(work.resolve("questdb"));
        topic = "flows-language-" + RUN;
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        flows = variedFlows(new Random(26));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long now = System.currentTimeMillis();
            for (Struct flow : flows) {
                producer.send(new ProducerRecord<>(topic, 0, now, null, FlowMessageCodec.encode(flow))).get();
            }
        }
        LocalStack.rest().createOrReplaceConnector("raw-all-" + RUN, sinkConfig("language_all_" + RUN, null));
        awaitRows("language_all_" + RUN, FLOWS);
    }

    @AfterAll
    static void stop() {
        if (questDb != null) {
            questDb.close();
        }
    }

    @Test
    void theExplorersSqlSelectsExactlyTheFlowsTheFilterMatches() throws Exception {
        LanguageFilterTranslator explorer = new LanguageFilterTranslator();
        try (Connection db = DriverManager.getConnection(questDb.pgUrl(), QuestDbFixture.READONLY_USER,
                questDb.readonlyPassword())) {
            for (String expression : CORPUS) {
                Set<Long> expected = matchingOnStructs(expression);
                assertThat(expected).as("'%s' tells flows apart", expression).isNotEmpty().hasSizeLessThan(FLOWS);
                SqlCondition condition = explorer.translate(expression);
                Set<Long> selected = new TreeSet<>();
                try (PreparedStatement statement = db.prepareStatement("SELECT kafka_offset FROM language_all_" + RUN
                        + " WHERE " + condition.sql())) {
                    for (int i = 0; i < condition.parameters().size(); i++) {
                        statement.setObject(i + 1, condition.parameters().get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            selected.add(rows.getLong(1));
                        }
                    }
                }
                assertThat(selected).as("rows the explorer's SQL for '%s' selects (%s)", expression, condition.sql())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void thePredicateLetsThroughExactlyTheFlowsTheFilterMatches() throws Exception {
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < ALSO_PREDICATE_AND_FLOWCTL.size(); i++) {
            String table = "language_matched_" + i + "_" + RUN;
            tables.add(table);
            LocalStack.rest().createOrReplaceConnector("raw-matched-" + i + "-" + RUN,
                    sinkConfig(table, ALSO_PREDICATE_AND_FLOWCTL.get(i)));
        }
        for (int i = 0; i < tables.size(); i++) {
            Set<Long> expected = matchingOnStructs(ALSO_PREDICATE_AND_FLOWCTL.get(i));
            awaitRows(tables.get(i), expected.size());
            Set<Long> stored = new TreeSet<>();
            for (Map<String, Object> row : questDb.exec("SELECT kafka_offset FROM " + tables.get(i))) {
                stored.add((Long) row.get("kafka_offset"));
            }
            assertThat(stored).as("flows FlowMatches with '%s' let through", ALSO_PREDICATE_AND_FLOWCTL.get(i))
                    .isEqualTo(expected);
        }
    }

    @Test
    void flowctlTailPrintsExactlyTheFlowsTheFilterMatches() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(ALSO_PREDICATE_AND_FLOWCTL.size());
        try {
            List<Future<String>> outputs = new ArrayList<>();
            for (int i = 0; i < ALSO_PREDICATE_AND_FLOWCTL.size(); i++) {
                String expression = ALSO_PREDICATE_AND_FLOWCTL.get(i);
                Path output = work.resolve("tail-" + i + ".out");
                outputs.add(executor.submit(() -> FlowctlProcess.start(output, "tail", topic, "--from-beginning", "-b",
                        LocalStack.broker().bootstrapServers(), "--format", "json", "--filter", expression,
                        "--timeout", "15").awaitSuccess(90)));
            }
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < outputs.size(); i++) {
                Set<Long> printed = new TreeSet<>();
                for (String line : outputs.get(i).get().split("\n")) {
                    if (line.startsWith("{")) {
                        JsonNode flow = json.readTree(line);
                        printed.add(flow.path("SequenceNum").asLong());
                    }
                }
                assertThat(printed).as("flows flowctl tail --filter '%s' printed", ALSO_PREDICATE_AND_FLOWCTL.get(i))
                        .isEqualTo(matchingOnStructs(ALSO_PREDICATE_AND_FLOWCTL.get(i)));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static Set<Long> matchingOnStructs(String expression) {
        Filter filter = FlowFilters.parse(expression);
        Set<Long> matching = new TreeSet<>();
        for (Struct flow : flows) {
            if (filter.matches(flow)) {
                matching.add(Flows.number(flow, FlowField.SEQUENCE_NUM));
            }
        }
        return matching;
    }

    /** Flows whose values come from small pools, so that every expression of the corpus matches some and not all. */
    private static List<Struct> variedFlows(Random random) {
        String[] sources = {"10.1.2.3", "10.200.0.9", "192.0.2.77", "2001:db8::1", "2001:db8:0:8001::5", "198.51.100.3"};
        String[] destinations = {"172.16.5.5", "172.31.255.1", "203.0.113.8", "2001:db8:ffff::53", "2001:db9::1", "8.8.8.8"};
        String[] countries = {"", "DE", "US", "FR"};
        String[] interfaces = {"", "xe-0/0/1", "Gi 0/1, uplink=core", "et-0/0/0"};
        long[] ports = {53, 80, 443, 1024, 1500, 2000, 2001, 40_000};
        long[] ases = {0, 15169, 64500, 64501, 64502, 4_200_000_000L};
        long[] cids = {0, 1000, 1001};
        List<Struct> list = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            Struct flow = FlowMessageSchema.newFlow();
            Flows.setNumber(flow, FlowField.SEQUENCE_NUM, i);
            Flows.setBytes(flow, FlowField.SAMPLER_ADDRESS, address(random.nextBoolean() ? "192.0.2.1" : "192.0.2.2"));
            Flows.setBytes(flow, FlowField.SRC_ADDR, address(sources[random.nextInt(sources.length)]));
            Flows.setBytes(flow, FlowField.DST_ADDR, address(destinations[random.nextInt(destinations.length)]));
            Flows.setNumber(flow, FlowField.PROTO, new long[] {6, 17, 1}[random.nextInt(3)]);
            Flows.setNumber(flow, FlowField.SRC_PORT, ports[random.nextInt(ports.length)]);
            Flows.setNumber(flow, FlowField.DST_PORT, ports[random.nextInt(ports.length)]);
            Flows.setNumber(flow, FlowField.BYTES, random.nextInt(200_000));
            Flows.setNumber(flow, FlowField.PACKETS, random.nextInt(20));
            Flows.setNumber(flow, FlowField.SAMPLING_RATE, random.nextInt(3));
            Flows.setNumber(flow, FlowField.IN_IF, 10 + random.nextInt(4));
            Flows.setNumber(flow, FlowField.OUT_IF, 10 + random.nextInt(4));
            Flows.setText(flow, FlowField.SRC_IF_NAME, interfaces[random.nextInt(interfaces.length)]);
            Flows.setText(flow, FlowField.DST_IF_NAME, interfaces[random.nextInt(interfaces.length)]);
            Flows.setNumber(flow, FlowField.SRC_AS, ases[random.nextInt(ases.length)]);
            Flows.setNumber(flow, FlowField.DST_AS, ases[random.nextInt(ases.length)]);
            Flows.setNumber(flow, FlowField.NEXT_HOP_AS, ases[random.nextInt(ases.length)]);
            Flows.setText(flow, FlowField.SRC_COUNTRY, countries[random.nextInt(countries.length)]);
            Flows.setText(flow, FlowField.DST_COUNTRY, countries[random.nextInt(countries.length)]);
            Flows.setNumber(flow, FlowField.CID, cids[random.nextInt(cids.length)]);
            Flows.setNumber(flow, FlowField.FLOW_DIRECTION, random.nextInt(2));
            Flows.setEnum(flow, FlowField.REMOTE_ADDR, random.nextInt(3));
            long now = System.currentTimeMillis() / 1000;
            Flows.setNumber(flow, FlowField.TIME_FLOW_START, now - 10);
            Flows.setNumber(flow, FlowField.TIME_FLOW_END, now - 5);
            list.add(flow);
        }
        return list;
    }

    private static byte[] address(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The raw flows sink on the shared worker; with a filter, Connect's Filter transform keeps only the matching. */
    private static Map<String, String> sinkConfig(String table, String filter) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.bwnetflow.connect.rawflows.RawFlowsSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("questdb.url", questDb.url());
        config.put("questdb.username", questDb.user());
        config.put("questdb.password", questDb.password());
        config.put("table.name", table);
        config.put("flush.interval.ms", "200");
        if (filter != null) {
            config.put("transforms", "matching");
            config.put("transforms.matching.type", "org.apache.kafka.connect.transforms.Filter");
            config.put("transforms.matching.predicate", "language");
            config.put("transforms.matching.negate", "true");
            config.put("predicates", "language");
            config.put("predicates.language.type", "org.bwnetflow.connect.filter.predicate.FlowMatches");
            config.put("predicates.language.filter", filter);
        }
        return config;
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(LocalStack.broker().clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return config;
    }

    /** Waits until the table holds {@code rows} rows (the sink creates it at its start). */
    private static void awaitRows(String table, long rows) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LocalStack.timeout().toMillis();
        long count = -1;
        while (System.currentTimeMillis() < deadline) {
            count = count(table);
            if (count == rows) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(table + " holds " + count + " rows, not " + rows + "; worker log "
                + LocalStack.worker().logFile());
    }

    private static long count(String table) {
        try {
            questDb.awaitApplied(table);
            return (Long) questDb.exec("SELECT count() c FROM " + table).get(0).get("c");
        } catch (IllegalStateException e) {
            return -1; // not created yet
        }
    }
}
