package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.stack.StackSecurity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits around tenants on the secure stack (SASL/SCRAM, StandardAuthorizer), set with
 * {@code flowctl tenants add} and checked on the real broker: a tenant reading at full speed is
 * throttled at its consumer byte-rate quota while another tenant, reading at the same time, is
 * not; {@code tenants remove} refuses users it did not create (the super-user {@code operator}, a
 * user made with Kafka's own API), and {@code tenants add} refuses to take them over; passwords
 * shorter than 16 characters are refused; tenants cannot read the record of who was created.
 */
@ExtendWith(SecureLocalStack.class)
class TenantLimitsIT {

    private static final long MIB = 1024 * 1024;
    /** A's quota, set for this test: low enough that a throttled read of TOPIC_BYTES takes a while. */
    private static final long SLOW_QUOTA = MIB;
    private static final long TOPIC_BYTES = 24 * MIB;
    private static final int RECORD_BYTES = 1024;
    private static final long SEED = 226L;
    private static final int SLOW = 2001;
    private static final int FAST = 2002;

    private static Path work;
    private static final Map<Integer, String> PASSWORDS = new HashMap<>();

    @BeforeAll
    static void passwords() throws Exception {
        work = Files.createDirectories(Path.of("target", "tenant-limits", UUID.randomUUID().toString()));
        for (int cid : List.of(SLOW, FAST, 3001, 3003, 3004)) {
            PASSWORDS.put(cid, "pw-" + cid + "-" + UUID.randomUUID());
        }
    }

    @Test
    void aTenantReadingAtFullSpeedIsThrottledAtItsQuotaWhileAnotherIsNot() throws Exception {
        FlowCtlRun slow = tenants("add", Integer.toString(SLOW), "--password-file", passwordFile(SLOW).toString(),
                "--partitions", "1", "--consumer-byte-rate", "1MiB");
        assertThat(slow.exitCode).as(slow.out + slow.err).isZero();
        FlowCtlRun fast = tenants("add", Integer.toString(FAST), "--password-file", passwordFile(FAST).toString(),
                "--partitions", "1");
        assertThat(fast.exitCode).as(fast.out + fast.err).isZero();
        assertThat(quotas("tenant-" + SLOW)).containsEntry("consumer_byte_rate", (double) SLOW_QUOTA)
                .containsEntry("request_percentage", 25.0);
        assertThat(quotas("tenant-" + FAST)).as("the defaults").containsEntry("consumer_byte_rate", 10.0 * MIB)
                .containsEntry("request_percentage", 25.0);
        FlowCtlRun list = tenants("list");
        assertThat(list.out).contains("tenant-" + SLOW + " [consumer 1 MiB/s, requests 25%]")
                .contains("tenant-" + FAST + " [consumer 10 MiB/s, requests 25%]");

        System.out.println("TenantLimitsIT: filling flows-" + SLOW + " and flows-" + FAST + " with " + TOPIC_BYTES / MIB
                + " MiB each, random bytes from seed " + SEED);
        fill("flows-" + SLOW, new Random(SEED));
        fill("flows-" + FAST, new Random(SEED + 1));

        CountDownLatch slowIsThrottled = new CountDownLatch(1);
        CompletableFuture<Read> slowRead = CompletableFuture.supplyAsync(() -> read(SLOW, slowIsThrottled,
                Duration.ofSeconds(75)));
        assertThat(slowIsThrottled.await(30, TimeUnit.SECONDS)).as("tenant %d throttled within 30 s", SLOW).isTrue();
        Read fastRead = read(FAST, new CountDownLatch(1), Duration.ofSeconds(60));
        assertThat(slowRead.isDone()).as("tenant %d is still being throttled when tenant %d is done", SLOW, FAST)
                .isFalse();
        Read slowResult = slowRead.get(90, TimeUnit.SECONDS);
        System.out.println("TenantLimitsIT: tenant " + SLOW + " (quota " + SLOW_QUOTA + " B/s): " + slowResult);
        System.out.println("TenantLimitsIT: tenant " + FAST + " (default quota): " + fastRead);

        assertThat(fastRead.bytes).as("tenant %d read its whole topic", FAST).isEqualTo(TOPIC_BYTES);
        assertThat(fastRead.throttleMaxMs).as("tenant %d's fetch-throttle-time-max", FAST).isEqualTo(0.0);
        assertThat(slowResult.bytes).as("tenant %d read its whole topic", SLOW).isEqualTo(TOPIC_BYTES);
        assertThat(slowResult.throttleAvgMs).as("tenant %d's fetch-throttle-time-avg", SLOW).isPositive();
        // The broker keeps a user's bytes over its last 11 one-second windows (Kafka's quota.window.num and
        // quota.window.size.seconds defaults) near the quota: about ten seconds' worth comes at once, then is paid
        // back by throttling. Over a read of two such windows or more the average is near the quota; at most one
        // window's worth above it.
        assertThat(slowResult.nanos).as("the throttled read spans two quota windows").isGreaterThan(15_000_000_000L);
        assertThat(slowResult.rate()).as("tenant %d's bytes/s", SLOW).isBetween(0.7 * SLOW_QUOTA, 1.5 * SLOW_QUOTA);
        assertThat(fastRead.rate()).as("tenant %d's bytes/s, unthrottled", FAST).isGreaterThan(4 * slowResult.rate());
    }

    @Test
    void removeRefusesTheOperatorAndUsersItDidNotCreate() throws Exception {
        FlowCtlRun refused = tenants("remove", "1", "--user", StackSecurity.OPERATOR);
        assertThat(refused.exitCode).as(refused.out + refused.err).isEqualTo(4);
        assertThat(refused.err).contains("refused: operator was not created by flowctl tenants add")
                .contains("nothing was deleted");
        assertThat(refused.out).doesNotContain("deleted");
        assertThat(canLogIn(SecureLocalStack.operatorClientConfig())).as("the operator still authenticates").isTrue();

        // A tenant-like user made by hand, with Kafka's own API: a SCRAM credential and an ACL on flows-3002.
        String handMadePassword = "hand-made-" + UUID.randomUUID();
        try (Admin admin = Admin.create(SecureLocalStack.operatorClientConfig())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("tenant-3002",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), handMadePassword)))
                    .all().get(30, TimeUnit.SECONDS);
            AclBinding acl = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "flows-3002", PatternType.LITERAL),
                    new AccessControlEntry("User:tenant-3002", "*", AclOperation.READ, AclPermissionType.ALLOW));
            admin.createAcls(List.of(acl)).all().get(30, TimeUnit.SECONDS);
            // The controller has committed both; the broker flowctl asks applies them a moment later (under load it
            // answered "absent" once, and remove had nothing to refuse).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(scramUsers().contains("tenant-3002")
                    && !admin.describeAcls(acl.toFilter()).values().get(30, TimeUnit.SECONDS).isEmpty())) {
                assertThat(System.nanoTime()).as("the hand-made user and its ACL visible within 30 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        FlowCtlRun handMade = tenants("remove", "3002");
        assertThat(handMade.exitCode).as(handMade.out + handMade.err).isEqualTo(4);
        assertThat(handMade.err).contains("tenant-3002 was not created by flowctl tenants add");
        assertThat(scramUsers()).contains("tenant-3002", StackSecurity.OPERATOR);

        // add takes over neither the operator (not a tenant-* name) nor the hand-made user (no record).
        FlowCtlRun operator = tenants("add", "3001", "--user", StackSecurity.OPERATOR, "--password-file",
                passwordFile(3001).toString(), "--reset-password");
        assertThat(operator.exitCode).as(operator.out + operator.err).isEqualTo(2);
        assertThat(operator.err).contains("'operator' does not start with 'tenant-'");
        FlowCtlRun takeOver = tenants("add", "3002", "--password-file", passwordFile(3001).toString(),
                "--reset-password");
        assertThat(takeOver.exitCode).as(takeOver.out + takeOver.err).isEqualTo(4);
        assertThat(takeOver.err).contains("tenant-3002 already exists (a SCRAM credential, 1 ACL)");
        assertThat(canLogIn(SecureLocalStack.operatorClientConfig())).as("the operator's password is unchanged")
                .isTrue();
        assertThat(canLogIn(SecureLocalStack.clientConfig("tenant-3002", handMadePassword)))
                .as("the hand-made user's password is unchanged").isTrue();

        FlowCtlRun added = tenants("add", "3003", "--password-file", passwordFile(3003).toString());
        assertThat(added.exitCode).as(added.out + added.err).isZero();
        assertThat(quotas("tenant-3003")).isNotEmpty();
        FlowCtlRun removed = tenants("remove", "3003");
        assertThat(removed.exitCode).as(removed.out + removed.err).isZero();
        assertThat(scramUsers()).doesNotContain("tenant-3003");
        assertThat(quotas("tenant-3003")).as("quotas go with the user").isEmpty();
        FlowCtlRun again = tenants("remove", "3003");
        assertThat(again.exitCode).as("remove is idempotent: " + again.out + again.err).isZero();
        assertThat(again.out).doesNotContain("deleted");
    }

    @Test
    void passwordsShorterThan16CharactersAreRefused() throws Exception {
        Path fifteen = Files.writeString(work.resolve("short.pw"), "fifteen-chars-x\n");
        FlowCtlRun refused = tenants("add", "3004", "--password-file", fifteen.toString());
        assertThat(refused.exitCode).as(refused.out + refused.err).isEqualTo(2);
        assertThat(refused.err).contains("at least 16").doesNotContain("fifteen-chars-x");
        assertThat(scramUsers()).doesNotContain("tenant-3004");
        try (Admin admin = Admin.create(SecureLocalStack.operatorClientConfig())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("flows-3004");
        }
        Path sixteen = Files.writeString(work.resolve("sixteen.pw"), "sixteen-chars-xy\n");
        FlowCtlRun accepted = tenants("add", "3004", "--password-file", sixteen.toString());
        assertThat(accepted.exitCode).as(accepted.out + accepted.err).isZero();
    }

    @Test
    void tenantsCannotReadTheRecordOfWhoWasCreated() throws Exception {
        FlowCtlRun added = tenants("add", Integer.toString(FAST), "--password-file", passwordFile(FAST).toString(),
                "--partitions", "1");
        assertThat(added.exitCode).as(added.out + added.err).isZero();
        Map<String, String> recorded = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> operator = new KafkaConsumer<>(SecureLocalStack.operatorClientConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition("_tenants", 0);
            operator.assign(List.of(partition));
            operator.seekToBeginning(List.of(partition));
            long end = operator.endOffsets(List.of(partition)).get(partition);
            while (operator.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : operator.poll(Duration.ofMillis(500))) {
                    recorded.put(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8), record.value() == null
                            ? null : new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(recorded.get("tenant-" + FAST)).as("the operator reads the record").startsWith("cid=" + FAST + ";");

        Map<String, Object> config = tenantConfig(FAST);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition("_tenants", 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThatThrownBy(() -> {
                for (int i = 0; i < 40; i++) {
                    consumer.poll(Duration.ofMillis(500));
                }
            }).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    // ---- helpers ----

    /** What one tenant's consumer read, and how fast. */
    record Read(long bytes, long nanos, long bytesWhenThrottled, long nanosWhenThrottled, double throttleAvgMs,
            double throttleMaxMs) {

        double rate() {
            return bytes / (nanos / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%d bytes in %.1f s (%.0f B/s); first throttled after %d bytes at %.1f s; "
                    + "fetch-throttle-time-avg %.1f ms, max %.1f ms", bytes, nanos / 1e9, rate(), bytesWhenThrottled,
                    nanosWhenThrottled / 1e9, throttleAvgMs, throttleMaxMs);
        }
    }

    /** Reads the tenant's whole topic as fast as the consumer can, with the tenant's own login. */
    private static Read read(int cid, CountDownLatch throttled, Duration limit) {
        Map<String, Object> config = tenantConfig(cid);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenant-limits-" + cid);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition("flows-" + cid, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long start = System.nanoTime();
            long deadline = start + limit.toNanos();
            long bytes = 0;
            long bytesWhenThrottled = 0;
            long nanosWhenThrottled = 0;
            while (bytes < TOPIC_BYTES && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    bytes += record.serializedValueSize();
                }
                if (nanosWhenThrottled == 0 && metric(consumer, "fetch-throttle-time-max") > 0) {
                    nanosWhenThrottled = System.nanoTime() - start;
                    bytesWhenThrottled = bytes;
                    throttled.countDown();
                }
            }
            long nanos = System.nanoTime() - start;
            return new Read(bytes, nanos, bytesWhenThrottled, nanosWhenThrottled,
                    metric(consumer, "fetch-throttle-time-avg"), metric(consumer, "fetch-throttle-time-max"));
        }
    }

    private static double metric(KafkaConsumer<?, ?> consumer, String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : consumer.metrics().entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getKey().group().equals("consumer-fetch-manager-metrics")
                    && entry.getKey().tags().size() == 1) {
                Object value = entry.getValue().metricValue();
                return value instanceof Double d && !d.isNaN() ? d : 0.0;
            }
        }
        throw new AssertionError("the consumer has no metric " + name);
    }

    /** TOPIC_BYTES of incompressible 1 KiB records, written as the operator. */
    private static void fill(String topic, Random random) throws Exception {
        Map<String, Object> config = new HashMap<>(SecureLocalStack.operatorClientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (long written = 0; written < TOPIC_BYTES; written += RECORD_BYTES) {
                byte[] value = new byte[RECORD_BYTES];
                random.nextBytes(value);
                sent.add(producer.send(new ProducerRecord<>(topic, value)));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> future : sent) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static Map<String, Double> quotas(String user) throws Exception {
        try (Admin admin = Admin.create(SecureLocalStack.operatorClientConfig())) {
            Map<ClientQuotaEntity, Map<String, Double>> all = admin.describeClientQuotas(ClientQuotaFilter.containsOnly(
                    List.of(ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, user)))).entities()
                    .get(30, TimeUnit.SECONDS);
            return all.values().stream().findFirst().orElse(Map.of());
        }
    }

    private static java.util.Set<String> scramUsers() throws Exception {
        try (Admin admin = Admin.create(SecureLocalStack.operatorClientConfig())) {
            return admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).keySet();
        }
    }

    /** Whether a new connection with this login authenticates (listing topics answers, with what it may see). */
    private static boolean canLogIn(Map<String, Object> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 8_000);
        try (Admin admin = Admin.create(config)) {
            admin.listTopics().names().get(20, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            System.out.println("TenantLimitsIT: cannot log in: " + e.getCause());
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static FlowCtlRun tenants(String... args) {
        List<String> all = new ArrayList<>(List.of("tenants"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-server", SecureLocalStack.broker().bootstrapServers(),
                "--command-config", SecureLocalStack.security().clientConfigFile().toString()));
        FlowCtlRun run = FlowCtlRun.run(all.toArray(new String[0]));
        System.out.println("TenantLimitsIT: flowctl " + String.join(" ", args) + " -> " + run.exitCode + "\n" + run.out
                + run.err);
        return run;
    }

    private static Path passwordFile(int cid) throws Exception {
        Path file = work.resolve("tenant-" + cid + ".password");
        if (!Files.exists(file)) {
            Files.writeString(file, PASSWORDS.get(cid) + "\n");
        }
        return file;
    }

    private static Map<String, Object> tenantConfig(int cid) {
        return SecureLocalStack.clientConfig("tenant-" + cid, PASSWORDS.get(cid));
    }
}
