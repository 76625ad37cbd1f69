package org.bwnetflow.connect.flowctl;

import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import picocli.CommandLine.Option;

/**
 * How a customer's tool reaches its topic ({@link KafkaLogin}: servers, SCRAM login, TLS) plus a consumer group.
 * Shared by the customer tools (a picocli mixin).
 */
public final class CustomerLogin extends KafkaLogin {

    @Option(names = "--group", paramLabel = "GROUP", description = "Consumer group (default: a new one per run, "
            + "named <cid>-... for a --sasl-user tenant-<cid>, as the tenant's ACLs allow)")
    String group;

    /** Consumer properties for byte[] records, without auto-commit; group prefix used when none was given. */
    public Properties consumerProperties(String defaultGroupPrefix) {
        Properties props = clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group != null ? group : tenantGroupPrefix() + defaultGroupPrefix
                + UUID.randomUUID());
        return props;
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

    /** {@code 1000-} for the user tenant-1000 (the groups a tenant may use), else nothing. */
    private String tenantGroupPrefix() {
        return saslUser != null && saslUser.matches("tenant-\\d+") ? saslUser.substring("tenant-".length()) + "-" : "";
    }
}
