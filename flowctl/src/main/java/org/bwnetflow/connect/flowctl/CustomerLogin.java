package org.bwnetflow.connect.flowctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import picocli.CommandLine.Option;

/**
 * How every flowctl command that reads flows reaches its topic ({@link KafkaLogin}: servers, SCRAM login, TLS),
 * plus a consumer group and extra consumer settings; it also makes the consumer (a picocli mixin).
 */
public final class CustomerLogin extends KafkaLogin {

    @Option(names = "--group", paramLabel = "GROUP", description = "Consumer group (default: a new one per run, "
            + "named <cid>-... for a --sasl-user tenant-<cid>, as the tenant's ACLs allow)")
    String group;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
            description = "Extra consumer setting (e.g. max.partition.fetch.bytes=65536); repeatable, applied last")
    List<String> consumerSettings = new ArrayList<>();

    /** How the consumer is made; a unit test puts Kafka's MockConsumer here. */
    private Function<Properties, Consumer<byte[], byte[]>> consumers = KafkaConsumer::new;

    /** Consumer properties for byte[] records, without auto-commit; group prefix used when none was given. */
    public Properties consumerProperties(String defaultGroupPrefix) {
        Properties props = consumerPropertiesWithoutGroup();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group != null ? group : tenantGroupPrefix() + defaultGroupPrefix
                + UUID.randomUUID());
        applyConsumerSettings(props);
        return props;
    }

    /**
     * Consumer properties for a reader that assigns partitions itself and commits nothing (flowctl tail), so it
     * needs no group; --group is refused there, as it would be ignored.
     */
    public Properties consumerPropertiesWithoutGroup() {
        Properties props = clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A reader never creates the topic it was asked for (a typo would make an empty topic and read it silently).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        applyConsumerSettings(props);
        return props;
    }

    /** The consumer for these properties. */
    public Consumer<byte[], byte[]> openConsumer(Properties props) {
        return consumers.apply(props);
    }

    /** Replaces how consumers are made: for unit tests with Kafka's MockConsumer. */
    public void consumersFrom(Function<Properties, Consumer<byte[], byte[]>> factory) {
        this.consumers = factory;
    }

    /**
     * Producer properties with the same servers and security as the consumer's (e.g. for flowctl ddos
     * alerts); the caller sets the serializers. Consumer-only keys of a --command-config file (group,
     * deserializers, offsets) are left out, so the producer does not warn about them.
     */
    public Properties producerProperties() {
        Properties props = clientProperties();
        props.keySet().removeIf(key -> ConsumerConfig.configNames().contains(key)
                && !ProducerConfig.configNames().contains(key));
        return props;
    }

    /** Whether --group named a group (a run that should resume), rather than a new one per run. */
    public boolean namedGroup() {
        return group != null;
    }

    private void applyConsumerSettings(Properties props) {
        for (String setting : consumerSettings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new LoginSettingsException("--consumer-property must be KEY=VALUE, got '" + setting + "'");
            }
            props.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
    }

    /** {@code 1000-} for the user tenant-1000 (the groups a tenant may use), else nothing. */
    private String tenantGroupPrefix() {
        return saslUser != null && saslUser.matches("tenant-\\d+") ? saslUser.substring("tenant-".length()) + "-" : "";
    }
}
