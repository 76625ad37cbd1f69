package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.StackSecurity;
import org.bwnetflow.connect.stack.StackTls;
import org.bwnetflow.connect.tenant.provision.TenantNaming;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customers see only their own flows. On the secure stack (SASL/SCRAM over TLS, StandardAuthorizer),
 * two tenants are provisioned with {@code flowctl tenants add}; the shipped pipeline
 * (connect-configs/connectors/netflow-source.json: enrichment, TenantRouter, and ReduceFields +
 * Anonymize for tenant 1200 only, by a TopicNameMatches predicate) carries generated flows of
 * four simulated routers; each tenant then reads with its own SCRAM login, over TLS, checking the
 * broker's certificate with the stack's CA certificate as an operator hands it over (PEM), with
 * flowctl and with the customer examples of docs/customers.md as written.
 *
 * <p>What each tenant must see is computed here from the generator's seed and the demo prefix
 * list, independently of the pipeline: router N's customers sit in 10.N.0-15.x and
 * 2001:db8:N::/48, and demo-prefixes.csv gives 10.0.0.0/20 and 2001:db8::/48 to 1000,
 * 10.0.8.0/21 to 1001, router 1 to 1100, router 2 to 1200 and router 3 to nobody.
 */
@ExtendWith(SecureLocalStack.class)
class TenantIsolationIT {

    static final int TENANT_A = 1000;
    static final int TENANT_B = 1200;
    static final int SEED = 23;
    static final int EXPORTERS = 4;
    /** A multiple of exporters × 24 flows per datagram: every router sends the same number. */
    static final int FLOWS = 1536;

    private static final TenantNaming NAMING = TenantNaming.defaults();
    private static Path work;
    private static Map<Integer, String> passwords;
    private static final List<String> FLOWCTL_OUTPUT = new ArrayList<>();
    private static Path otherHomeCa;

    @BeforeAll
    static void provisionTenantsAndRunThePipeline() throws Exception {
        work = Files.createDirectories(Path.of("target", "tenant-isolation", UUID.randomUUID().toString()));
        passwords = Map.of(TENANT_A, "pw-a-" + UUID.randomUUID(), TENANT_B, "pw-b-" + UUID.randomUUID());
        for (int cid : List.of(TENANT_A, TENANT_B)) {
            FlowCtlRun added = tenants("add", Integer.toString(cid), "--password-file", passwordFile(cid).toString(),
                    "--partitions", "2");
            assertThat(added.exitCode).as(added.err).isZero();
            assertThat(added.out).as("first add").containsIgnoringCase("created");
        }

        int port = FreePorts.udp();
        Map<String, String> config = ShippedConnector.read("netflow-source.json");
        config.put("listen.port", Integer.toString(port));
        SecureLocalStack.rest().createOrReplaceConnector("tenants-source", config);
        SecureLocalStack.rest().awaitRunning("tenants-source", LocalStack.timeout());

        FlowCtlRun generated = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + port, "--rate", "3000",
                "--count", Integer.toString(FLOWS), "--exporters", Integer.toString(EXPORTERS), "--seed",
                Integer.toString(SEED));
        assertThat(generated.exitCode).as(generated.err).isZero();
        assertThat(generated.lastJson().get("flows").asLong()).isEqualTo(FLOWS);
    }

    @Test
    void addingATenantTwiceChangesNothing() throws Exception {
        FlowCtlRun again = tenants("add", Integer.toString(TENANT_A), "--password-file", passwordFile(TENANT_A).toString(),
                "--partitions", "2");
        assertThat(again.exitCode).as(again.err).isZero();
        assertThat(again.out).doesNotContainIgnoringCase("created");

        FlowCtlRun list = tenants("list");
        assertThat(list.exitCode).as(list.err).isZero();
        assertThat(list.out).contains("flows-" + TENANT_A).contains("flows-" + TENANT_B);
    }

    @Test
    void onlyTheOperatorCanProvision() throws Exception {
        Path tenantLogin = work.resolve("tenant-" + TENANT_A + ".properties");
        try (var out = Files.newBufferedWriter(tenantLogin)) {
            java.util.Properties props = new java.util.Properties();
            tenantConfig(TENANT_A).forEach((key, value) -> props.setProperty(key, value.toString()));
            props.store(out, null);
        }
        FlowCtlRun refused = FlowCtlRun.run("tenants", "add", "1300", "--password-file", passwordFile(TENANT_A).toString(),
                "--bootstrap-server", SecureLocalStack.broker().bootstrapServers(), "--command-config", tenantLogin.toString(),
                "--timeout", "10");
        FLOWCTL_OUTPUT.add(refused.out);
        FLOWCTL_OUTPUT.add(refused.err);
        assertThat(refused.exitCode).as(refused.out + refused.err).isEqualTo(1);
        assertThat(refused.err).contains("not allowed").contains("needs");
        try (Admin admin = Admin.create(SecureLocalStack.operatorClientConfig())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("flows-1300");
        }
    }

    @Test
    void theValidateEndpointNamesBadReductionKeysWithoutEchoingTheKey() {
        Map<String, String> config = ShippedConnector.read("netflow-source.json");
        config.put("transforms.reduce.fields.keep", "SrcAddr,DstAdr");
        config.put("transforms.anonymize.method", "cryptopan");
        config.put("transforms.anonymize.cryptopan.key", "not-a-key-but-a-secret");
        config.put("transforms.router.tenants", "1000,2000-1999");
        JsonNode result = SecureLocalStack.rest().validate(config.get("connector.class"), config);
        Map<String, String> errors = new HashMap<>();
        for (JsonNode value : result.get("configs")) {
            JsonNode messages = value.get("value").get("errors");
            if (!messages.isEmpty()) {
                errors.put(value.get("value").get("name").asText(), messages.toString());
            }
        }
        assertThat(errors.get("transforms.reduce.fields.keep")).contains("DstAdr").contains("DstAddr");
        assertThat(errors.get("transforms.router.tenants")).contains("2000-1999");
        assertThat(errors.get("transforms.anonymize.cryptopan.key")).isNotNull();
        assertThat(result.toString()).doesNotContain("not-a-key-but-a-secret");
    }

    @Test
    void eachTenantReadsExactlyItsOwnFlows() {
        List<Struct> a = readAs(TENANT_A, TENANT_A + "-dashboard", "flows-" + TENANT_A, ExpectedFlows.count(SEED, EXPORTERS,
                FLOWS, TENANT_A));
        assertThat(a).allSatisfy(f -> assertThat(Flows.number(f, CID)).isEqualTo(TENANT_A));
        assertThat(ExpectedFlows.keys(a)).as("tenant %d's flows, in count and content", TENANT_A)
                .containsExactlyInAnyOrderElementsOf(ExpectedFlows.of(SEED, EXPORTERS, FLOWS, TENANT_A, false));
        assertThat(a).as("the full record: nothing reduced for tenant %d", TENANT_A).allSatisfy(f -> {
            assertThat(Flows.bytes(f, SAMPLER_ADDRESS)).isNotEmpty();
            assertThat(Flows.number(f, IN_IF)).isPositive();
            assertThat(Flows.text(f, SRC_IF_NAME)).isNotEmpty();
        });

        List<Struct> b = readAs(TENANT_B, TENANT_B + "-dashboard", "flows-" + TENANT_B, ExpectedFlows.count(SEED, EXPORTERS,
                FLOWS, TENANT_B));
        assertThat(ExpectedFlows.keys(b)).as("tenant %d's flows, reduced and truncated to /24 and /64", TENANT_B)
                .containsExactlyInAnyOrderElementsOf(ExpectedFlows.of(SEED, EXPORTERS, FLOWS, TENANT_B, true));
        assertThat(b).as("fields outside tenant %d's keep-list never reach it", TENANT_B).allSatisfy(f -> {
            assertThat(Flows.number(f, CID)).isEqualTo(TENANT_B);
            assertThat(Flows.bytes(f, SAMPLER_ADDRESS)).isEmpty();
            assertThat(Flows.bytes(f, NEXT_HOP)).isEmpty();
            assertThat(Flows.number(f, IN_IF)).isZero();
            assertThat(Flows.text(f, SRC_IF_NAME)).isEmpty();
        });

        try (FlowTopic unassigned = new FlowTopic(SecureLocalStack.operatorClientConfig(), "it-operator-" + UUID.randomUUID(),
                "flows-unassigned")) {
            assertThat(unassigned.awaitFlows(FLOWS / EXPORTERS, LocalStack.timeout())).as("router 3's customers have no cid")
                    .hasSize(FLOWS / EXPORTERS)
                    .allSatisfy(f -> assertThat(Flows.number(f, CID)).isZero());
        }
    }

    @Test
    void aTenantReadsItsTopicOverTlsWithFlowctl() {
        int expected = ExpectedFlows.count(SEED, EXPORTERS, FLOWS, TENANT_A);
        FlowCtlRun tail = tail(TENANT_A, SecureLocalStack.caCertificate(), "--max", Integer.toString(expected),
                "--timeout", "90");
        assertThat(tail.exitCode).as(tail.err).isZero();
        assertThat(tail.jsonLines()).as("tenant %d's flows, read over SASL_SSL", TENANT_A).hasSize(expected)
                .allSatisfy(flow -> assertThat(flow.get("Cid").asLong()).isEqualTo(TENANT_A));
    }

    @Test
    void flowctlRefusesABrokerWhoseCertificateItCannotVerify() {
        FlowCtlRun tail = tail(TENANT_A, otherHomeCa(), "--max", "1", "--timeout", "30");
        assertThat(tail.exitCode).as(tail.out + tail.err).isEqualTo(1);
        assertThat(tail.err).contains("TLS handshake with the broker failed")
                .contains("unable to find valid certification path")
                .doesNotContain("\tat org.apache.kafka");
        assertThat(tail.out).isEmpty();
    }

    @Test
    void everyReaderSaysSoWhenATenantAsksForAnotherTenantsTopic() {
        String foreign = "flows-" + TENANT_A;
        for (String command : List.of("tail", "csv", "sqlite", "top", "ddos", "bogons")) {
            FlowCtlRun run = readAs(TENANT_B, command, foreign, "--timeout", "10");
            assertThat(run.exitCode).as("%s %s as tenant %d: %s", command, foreign, TENANT_B, run.err).isEqualTo(1);
            assertThat(run.err.strip()).as(command).isEqualTo("flowctl " + command + ": topic " + foreign
                    + ": not authorized for this login (or it does not exist)");
            assertThat(run.out).as(command).doesNotContain("Cid");
        }
    }

    @Test
    void aTopicThatDoesNotExistIsAnErrorForTheOperatorAndForATenant() {
        FlowCtlRun operator = FlowCtlRun.run("tail", "flows-9999", "--from-beginning", "--timeout", "10", "-b",
                SecureLocalStack.broker().bootstrapServers(), "--command-config",
                SecureLocalStack.security().clientConfigFile().toString());
        FLOWCTL_OUTPUT.add(operator.err);
        assertThat(operator.exitCode).as(operator.err).isEqualTo(1);
        assertThat(operator.err.strip()).isEqualTo("flowctl tail: topic flows-9999 does not exist");

        // A tenant may not even learn whether a topic outside its ACLs exists: Kafka answers "not authorized".
        FlowCtlRun tenant = readAs(TENANT_A, "csv", "flows-9999", "--timeout", "10");
        assertThat(tenant.exitCode).as(tenant.err).isEqualTo(1);
        assertThat(tenant.err.strip()).isEqualTo("flowctl csv: topic flows-9999: not authorized for this login (or it "
                + "does not exist)");
    }

    @Test
    void aTenantStillReadsItsOwnTopicWithTheGroupReadersToo() {
        int expected = ExpectedFlows.count(SEED, EXPORTERS, FLOWS, TENANT_A);
        FlowCtlRun sqlite = readAs(TENANT_A, "sqlite", "flows-" + TENANT_A, "--max", Integer.toString(expected),
                "--timeout", "90");
        assertThat(sqlite.exitCode).as(sqlite.err).isZero();
        assertThat(sqlite.out).contains("flowctl sqlite: " + expected + " flows written");
    }

    @Test
    void theCustomerDocExamplesWorkAsWritten() throws Exception {
        CustomerDocExample page = CustomerDocExample.read();
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put(CustomerDocExample.BOOTSTRAP, SecureLocalStack.broker().bootstrapServers());
        placeholders.put("~/.bwnetflow.pw", passwordFile(TENANT_A).toAbsolutePath().toString());
        placeholders.put("~/bwnetflow-ca.crt", SecureLocalStack.caCertificate().toString());
        placeholders.put("/home/me/bwnetflow-ca.crt", SecureLocalStack.caCertificate().toString());
        placeholders.put("password=\"...\"", "password=\"" + passwords.get(TENANT_A) + "\"");
        int expected = ExpectedFlows.count(SEED, EXPORTERS, FLOWS, TENANT_A);
        List<String> reading = List.of("--from-beginning", "--max", Integer.toString(expected), "--timeout", "90");

        List<String> withLogin = new ArrayList<>();
        for (String word : page.words("bin/flowctl tail flows-1000 $L", placeholders)) {
            if (word.equals("$L")) {
                withLogin.addAll(page.words("L=\"", placeholders));
            } else if (!word.equals("bin/flowctl")) {
                withLogin.add(word);
            }
        }
        withLogin.addAll(reading);
        assertReadsTenantA(withLogin, expected);

        Path clientProperties = work.resolve("client.properties");
        Files.writeString(clientProperties, page.block("`client.properties`", placeholders));
        Map<String, String> withFile = new LinkedHashMap<>(placeholders);
        withFile.put("client.properties", clientProperties.toAbsolutePath().toString());
        List<String> withConfig = page.words("bin/flowctl tail flows-1000 -b", withFile);
        withConfig.remove("bin/flowctl");
        withConfig.addAll(reading);
        assertReadsTenantA(withConfig, expected);
    }

    private static void assertReadsTenantA(List<String> args, int expected) {
        FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
        FLOWCTL_OUTPUT.add(run.out);
        FLOWCTL_OUTPUT.add(run.err);
        assertThat(run.exitCode).as("flowctl %s%n%s", args.get(0), run.err).isZero();
        assertThat(run.jsonLines()).as("the customer page's example reads tenant %d's flows", TENANT_A).hasSize(expected)
                .allSatisfy(flow -> assertThat(flow.get("Cid").asLong()).isEqualTo(TENANT_A));
    }

    @Test
    void aTenantCannotReadAnotherTopicJoinAForeignGroupOrWrite() {
        assertThatThrownBy(() -> pollOnce(TENANT_A, TENANT_A + "-probe", "flows-" + TENANT_B))
                .as("reading the other tenant's topic").isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> pollOnce(TENANT_A, "dashboard", "flows-" + TENANT_A))
                .as("a consumer group outside the tenant's prefix").isInstanceOf(GroupAuthorizationException.class);
        assertThatThrownBy(() -> pollOnce(TENANT_A, TENANT_B + "-dashboard", "flows-" + TENANT_A))
                .as("the other tenant's group prefix").isInstanceOf(GroupAuthorizationException.class);
        for (String topic : List.of("flows-" + TENANT_A, "flows-" + TENANT_B, "flows-unassigned")) {
            assertThatThrownBy(() -> produce(TENANT_A, topic)).as("writing to %s", topic)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aTenantSeesOnlyItsOwnTopicInMetadata() throws Exception {
        Map<String, Object> config = tenantConfig(TENANT_A);
        try (Admin admin = Admin.create(config)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsExactly("flows-" + TENANT_A);
        }
    }

    @Test
    void clientsWithoutValidCredentialsAreRefused() {
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SecureLocalStack.broker().bootstrapServers());
        assertRefused(anonymous, TimeoutException.class);

        Map<String, Object> wrongPassword = tenantConfig(TENANT_A);
        wrongPassword.put("sasl.jaas.config", StackSecurity.scramJaas(NAMING.user(TENANT_A), "not-the-password"));
        assertRefused(wrongPassword, SaslAuthenticationException.class);

        Map<String, Object> unknownUser = tenantConfig(TENANT_A);
        unknownUser.put("sasl.jaas.config", StackSecurity.scramJaas("tenant-9999", passwords.get(TENANT_A)));
        assertRefused(unknownUser, SaslAuthenticationException.class);

        Map<String, Object> withoutTls = tenantConfig(TENANT_A);
        withoutTls.keySet().removeIf(key -> key.startsWith("ssl."));
        withoutTls.put("security.protocol", "SASL_PLAINTEXT");
        assertRefused(withoutTls, TimeoutException.class);

        Map<String, Object> anotherCa = tenantConfig(TENANT_A);
        anotherCa.put("ssl.truststore.location", otherHomeCa().toString());
        assertRefused(anotherCa, SslAuthenticationException.class);
    }

    @Test
    void passwordsAppearInNoLogAndNoRestOutput() throws Exception {
        List<String> secrets = new ArrayList<>(passwords.values());
        secrets.add(Files.readString(SecureLocalStack.security().passwordFile()).strip());

        List<String> rest = new ArrayList<>();
        for (String path : List.of("/", "/connectors?expand=info&expand=status", "/connectors/tenants-source/config",
                "/connectors/tenants-source/tasks", "/connectors/tenants-source/offsets")) {
            JsonNode answer = SecureLocalStack.rest().get(path);
            rest.add(answer.toString());
        }
        String brokerLog = Files.readString(SecureLocalStack.broker().logFile());
        String workerLog = Files.readString(SecureLocalStack.worker().logFile());
        assertThat(brokerLog).contains("SASL_SSL");
        for (String secret : secrets) {
            assertThat(brokerLog).as("broker log").doesNotContain(secret);
            assertThat(workerLog).as("worker log").doesNotContain(secret);
            assertThat(rest).as("Connect REST output").noneMatch(text -> text.contains(secret));
            assertThat(FLOWCTL_OUTPUT).as("flowctl output").noneMatch(text -> text.contains(secret));
        }
    }

    // ---- helpers ----

    private static FlowCtlRun tenants(String... args) {
        List<String> all = new ArrayList<>(List.of("tenants"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-server", SecureLocalStack.broker().bootstrapServers(),
                "--command-config", SecureLocalStack.security().clientConfigFile().toString()));
        FlowCtlRun run = FlowCtlRun.run(all.toArray(new String[0]));
        FLOWCTL_OUTPUT.add(run.out);
        FLOWCTL_OUTPUT.add(run.err);
        return run;
    }

    private static Path passwordFile(int cid) throws Exception {
        Path file = work.resolve("tenant-" + cid + ".password");
        if (!Files.exists(file)) {
            Files.writeString(file, passwords.get(cid) + "\n");
        }
        return file;
    }

    /** The client config a tenant is handed: its SCRAM login and the stack's CA certificate (PEM), nothing else. */
    static Map<String, Object> tenantConfig(int cid) {
        return SecureLocalStack.clientConfig(NAMING.user(cid), passwords.get(cid));
    }

    /** A CA certificate of another flowstack home: it did not sign this broker's certificate. */
    private static synchronized Path otherHomeCa() {
        if (otherHomeCa == null) {
            otherHomeCa = StackTls.prepare(work.resolve("another-home-secrets").toAbsolutePath()).caCertificateFile();
        }
        return otherHomeCa;
    }

    /** {@code flowctl tail flows-<cid>} as the tenant, JSON, from the beginning, checking the broker with {@code ca}. */
    private static FlowCtlRun tail(int cid, Path ca, String... more) {
        List<String> args = new ArrayList<>(List.of("tail", "flows-" + cid, "--from-beginning", "--format", "json",
                "-b", SecureLocalStack.broker().bootstrapServers(), "--sasl-user", NAMING.user(cid), "--password-file",
                work.resolve("tenant-" + cid + ".password").toString(), "--truststore", ca.toString()));
        args.addAll(List.of(more));
        FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
        FLOWCTL_OUTPUT.add(run.out);
        FLOWCTL_OUTPUT.add(run.err);
        return run;
    }

    /** {@code flowctl COMMAND TOPIC} from the beginning as tenant {@code cid} over TLS (a file or dir where needed). */
    private static FlowCtlRun readAs(int cid, String command, String topic, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        switch (command) {
            case "csv" -> args.addAll(List.of("--dir", work.resolve("csv-" + UUID.randomUUID()).toString(), "--from",
                    "earliest"));
            case "sqlite" -> args.addAll(List.of(work.resolve("flows-" + UUID.randomUUID() + ".db").toString(),
                    "--from-beginning"));
            case "top" -> args.addAll(List.of("--plain", "--from-beginning"));
            default -> args.add("--from-beginning");
        }
        args.addAll(List.of(topic, "-b", SecureLocalStack.broker().bootstrapServers(), "--sasl-user", NAMING.user(cid),
                "--password-file", work.resolve("tenant-" + cid + ".password").toString(), "--truststore",
                SecureLocalStack.caCertificate().toString()));
        args.addAll(List.of(more));
        FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
        FLOWCTL_OUTPUT.add(run.out);
        FLOWCTL_OUTPUT.add(run.err);
        return run;
    }

    private static List<Struct> readAs(int cid, String group, String topic, int expected) {
        try (FlowTopic flows = new FlowTopic(tenantConfig(cid), group, topic)) {
            flows.awaitFlows(expected, LocalStack.timeout());
            return flows.settle(Duration.ofSeconds(3));
        }
    }

    private static void pollOnce(int cid, String group, String topic) {
        Map<String, Object> config = tenantConfig(cid);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500));
            }
        }
        throw new AssertionError("polled " + topic + " in group " + group + " for 30 s without an authorization error");
    }

    private static void produce(int cid, String topic) throws Exception {
        Map<String, Object> config = tenantConfig(cid);
        // Not idempotent: an idempotent producer is already refused at InitProducerId (a cluster right), and the
        // point here is the topic's own ACL.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, new byte[] {1})).get(30, TimeUnit.SECONDS);
        }
    }

    private static void assertRefused(Map<String, Object> config, Class<? extends Throwable> cause) {
        Map<String, Object> all = new HashMap<>(config);
        all.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        all.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        try (Admin admin = Admin.create(all)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(cause);
        }
    }
}
