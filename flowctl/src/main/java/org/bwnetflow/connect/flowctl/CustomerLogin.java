package org.bwnetflow.connect.flowctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import picocli.CommandLine.Option;

/**
 * How a customer's tool reaches its topic: bootstrap servers, and either a SCRAM-SHA-512 login
 * (user, password from a file: never on the command line) or a client properties file, plus a
 * consumer group. Shared by the customer tools (a picocli mixin).
 */
public final class CustomerLogin {

    @Option(names = {"-b", "--bootstrap", "--bootstrap-server"}, defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--sasl-user", paramLabel = "USER", description = "SCRAM-SHA-512 user, e.g. tenant-1000 "
            + "(SASL_PLAINTEXT; use --command-config for TLS)")
    String saslUser;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the --sasl-user password")
    Path passwordFile;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties (security.protocol, sasl.mechanism, sasl.jaas.config, ...)")
    Path commandConfig;

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

    /** Bootstrap servers and security: the --command-config file, then the SCRAM login if given. */
    private Properties clientProperties() {
        Properties props = commandConfig == null ? new Properties() : ClientConfigFile.load(commandConfig);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (saslUser != null) {
            if (passwordFile == null) {
                throw new IllegalArgumentException("--sasl-user needs --password-file");
            }
            props.put("security.protocol", "SASL_PLAINTEXT");
            props.put("sasl.mechanism", "SCRAM-SHA-512");
            props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + escape(saslUser) + "\" password=\"" + escape(readPassword()) + "\";");
        }
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

    private String readPassword() {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --password-file " + passwordFile + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
