package org.bwnetflow.connect.flowctl.tenants;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bwnetflow.connect.flowctl.ClientConfigFile;
import org.apache.kafka.common.KafkaException;
import org.bwnetflow.connect.tenant.provision.TenantNaming;
import org.bwnetflow.connect.tenant.provision.TenantProvisioner;
import org.bwnetflow.connect.tenant.provision.TenantRecords;
import org.bwnetflow.connect.tenant.provision.TopicTenantRecords;
import picocli.CommandLine.Option;

/**
 * The options every {@code flowctl tenants} command shares: where the cluster is and how to log in,
 * the same way Kafka's own tools do it ({@code --bootstrap-server}, {@code --command-config}).
 * Secrets from the command config (the JAAS config, key store passwords) never appear in messages.
 */
public final class AdminConnection {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = {"-b", "--bootstrap-server"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: bootstrap.servers of --command-config, else "
                    + DEFAULT_BOOTSTRAP + ")")
    String bootstrap;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties for the admin connection, e.g. security.protocol=SASL_SSL, "
                    + "sasl.mechanism=SCRAM-SHA-512, sasl.jaas.config=..., ssl.truststore.location=... (as for Kafka's "
                    + "own command-line tools; the secure local stack's secrets/operator.properties)")
    Path commandConfig;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for the cluster to answer each request (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--topic-prefix", defaultValue = TenantNaming.DEFAULT_TOPIC_PREFIX, paramLabel = "PREFIX",
            description = "Prefix of the tenant topics, as TenantRouter's topic.prefix (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    /** Values of the command config that must never be printed. */
    private final List<String> secrets = new ArrayList<>();

    /** The admin client's settings: the command config, then ours. */
    Properties properties() {
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout must be at least 1 second");
        }
        Properties props = new Properties();
        if (commandConfig != null) {
            try {
                props = ClientConfigFile.load(commandConfig);
            } catch (UncheckedIOException e) {
                throw new UsageException(e.getMessage());
            }
        }
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key);
            if (key.contains("jaas") || key.contains("password") || key.contains("secret")) {
                if (!value.isBlank()) {
                    secrets.add(value);
                }
            }
        }
        if (bootstrap != null || !props.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap != null ? bootstrap : DEFAULT_BOOTSTRAP);
        }
        String timeoutMs = Long.toString(Duration.ofSeconds(timeoutSeconds).toMillis());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "flowctl-tenants");
        return props;
    }

    Admin open(Properties props) {
        try {
            return Admin.create(props);
        } catch (KafkaException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("cannot set up the admin client for " + props.getProperty(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + redact(root.getMessage()), e);
        }
    }

    /** The tenants' names from --topic-prefix; checked before the cluster is contacted. */
    TenantNaming naming() {
        try {
            return new TenantNaming(topicPrefix, TenantNaming.DEFAULT_USER_PREFIX);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--topic-prefix: " + e.getMessage());
        }
    }

    /** Where the users that {@code tenants add} created are recorded: a topic of the cluster, read with these settings. */
    TopicTenantRecords records(Admin admin, Properties props) {
        Map<String, Object> config = new HashMap<>();
        props.stringPropertyNames().forEach(key -> config.put(key, props.getProperty(key)));
        return new TopicTenantRecords(admin, config, props.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG),
                Duration.ofSeconds(timeoutSeconds));
    }

    TenantProvisioner provisioner(Admin admin, TenantRecords records, TenantNaming naming, String bootstrapServers) {
        return new TenantProvisioner(admin, records, naming, bootstrapServers, Duration.ofSeconds(timeoutSeconds));
    }

    /** The text with every known secret replaced. */
    String redact(String text) {
        if (text == null) {
            return "";
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "(hidden)");
        }
        return redacted;
    }

    /** Remembers another secret (a tenant's password) to keep out of messages. */
    void secret(String value) {
        secrets.add(value);
    }

    /** A mistake in the command's arguments or files: shown with the usage help. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
