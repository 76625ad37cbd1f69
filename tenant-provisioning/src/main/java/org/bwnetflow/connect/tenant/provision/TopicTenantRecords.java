package org.bwnetflow.connect.tenant.provision;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link TenantRecords} in a compacted topic of the cluster itself, {@value #TOPIC}: one record per
 * created user (key: the user name, value: {@code cid=<cid>;created=<instant>}), a tombstone when it
 * is removed. It lives where the users, ACLs and quotas live, so it is as durable as they are and
 * needs no file on the operator's machine. Nobody but the super-user has ACLs on it, and a broker
 * with {@code allow.everyone.if.no.acl.found=false} (which tenant isolation needs anyway) denies
 * everyone else, so a tenant can neither read who the other tenants are nor forge a record. It is
 * created with one partition and the broker's default replication factor.
 * A record that cannot be read counts as no record: such a user is refused, never deleted.
 */
public final class TopicTenantRecords implements TenantRecords, AutoCloseable {

    public static final String TOPIC = "_tenants";

    private final Admin admin;
    private final Map<String, Object> clientConfig;
    private final Duration timeout;
    private final AdminCalls calls;
    private final Clock clock;
    private KafkaProducer<String, String> producer;

    /**
     * @param clientConfig the admin connection's client settings (bootstrap, security); the keys a
     *     producer or consumer does not know are left out
     */
    public TopicTenantRecords(Admin admin, Map<String, ?> clientConfig, String bootstrap, Duration timeout) {
        this(admin, clientConfig, bootstrap, timeout, Clock.systemUTC());
    }

    TopicTenantRecords(Admin admin, Map<String, ?> clientConfig, String bootstrap, Duration timeout, Clock clock) {
        this.admin = admin;
        this.clientConfig = Map.copyOf(clientConfig);
        this.timeout = timeout;
        this.calls = new AdminCalls(bootstrap, timeout);
        this.clock = clock;
    }

    @Override
    public Map<String, Long> createdUsers() {
        TopicDescription description;
        try {
            description = calls.await(admin.describeTopics(List.of(TOPIC)).allTopicNames(), "describe topic " + TOPIC,
                    "DESCRIBE on TOPIC " + TOPIC, UnknownTopicOrPartitionException.class).get(TOPIC);
        } catch (UnknownTopicOrPartitionException e) {
            return Map.of(); // no user created yet
        }
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        Map<String, Object> config = config(ConsumerConfig.configNames());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flowctl-tenants-records");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            return read(consumer, partitions);
        } catch (KafkaException e) {
            throw calls.translate(e, "read the record of created users in topic " + TOPIC, "READ on TOPIC " + TOPIC);
        }
    }

    private Map<String, Long> read(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<String, Long> users = new TreeMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("reading " + TOPIC + " to its end");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() == null) {
                    continue;
                }
                Long cid = record.value() == null ? null : cidOf(record.value());
                if (cid == null) {
                    users.remove(record.key()); // removed, or unreadable: not trusted as created by us
                } else {
                    users.put(record.key(), cid);
                }
            }
        }
        return users;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The customer id of a record's value; null when the value is not one of ours. */
    static Long cidOf(String value) {
        for (String field : value.split(";")) {
            if (field.startsWith("cid=")) {
                try {
                    long cid = Long.parseLong(field.substring(4));
                    return TenantNaming.checkCid(cid);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The value recorded for a created user. */
    String value(long cid) {
        return "cid=" + cid + ";created=" + clock.instant();
    }

    @Override
    public void created(String user, long cid) {
        NewTopic topic = new NewTopic(TOPIC, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            calls.await(admin.createTopics(List.of(topic)).all(), "create topic " + TOPIC,
                    "CREATE on the CLUSTER or on TOPIC " + TOPIC, TopicExistsException.class);
        } catch (TopicExistsException e) {
            // the usual case after the first tenant
        }
        send(user, value(cid));
    }

    @Override
    public void removed(String user) {
        send(user, null);
    }

    @Override
    public String where() {
        return "topic " + TOPIC;
    }

    private void send(String user, String value) {
        String action = (value == null ? "remove the record of " : "record ") + user + " in topic " + TOPIC;
        try {
            calls.await(producer().send(new ProducerRecord<>(TOPIC, user, value)), action, "WRITE on TOPIC " + TOPIC);
        } catch (KafkaException e) {
            throw calls.translate(e, action, "WRITE on TOPIC " + TOPIC);
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = config(ProducerConfig.configNames());
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "flowctl-tenants-records");
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            // A record is written once and awaited; a duplicate after a retry is harmless under compaction.
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            long millis = timeout.toMillis();
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, millis / 2));
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(1, millis));
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** The admin connection's settings a client with these config names knows. */
    private Map<String, Object> config(Set<String> known) {
        Map<String, Object> config = new HashMap<>();
        clientConfig.forEach((key, value) -> {
            if (known.contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(timeout);
        }
    }
}
