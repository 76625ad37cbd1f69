package org.bwnetflow.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.stack.BrokerSettings;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.KafkaBroker;
import org.bwnetflow.connect.stack.StackSecurity;
import org.bwnetflow.connect.stack.WorkerSettings;

/**
 * A real broker and a real Connect worker loading our packaged plugins, plain or in the
 * stack's secure mode (SASL/SCRAM, StandardAuthorizer, operator super-user). Held by the
 * {@link LocalStack} and {@link SecureLocalStack} extensions, stopped when the JVM exits.
 */
final class StartedStack implements AutoCloseable {

    final KafkaBroker broker;
    final ConnectWorker worker;
    /** Null for the plain stack. */
    final StackSecurity security;

    private StartedStack(KafkaBroker broker, ConnectWorker worker, StackSecurity security) {
        this.broker = broker;
        this.worker = worker;
        this.security = security;
    }

    private static final Map<String, StartedStack> SHARED = new HashMap<>();

    /**
     * The stack of this name for the whole JVM: started by the first test class that asks, stopped when the JVM
     * exits (StackProcess's shutdown hook stops the processes it started). Not in JUnit's root store: a failsafe
     * fork that takes classes one by one runs each in a launcher execution of its own, whose root store closed the
     * stack after every class.
     */
    static synchronized StartedStack shared(String name, boolean secure) {
        return SHARED.computeIfAbsent(name, key -> start(name, secure));
    }

    static StartedStack start(String name, boolean secure) {
        Path work = Paths.get(System.getProperty("bwnetflow.work.dir", "target/it-stack"))
                .resolve(name + "-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis()).toAbsolutePath();
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StackSecurity security = secure ? StackSecurity.prepare(work.resolve("secrets")) : null;
        List<Integer> ports = FreePorts.tcp(3);
        KafkaBroker broker = KafkaBroker.start(BrokerSettings.of(work.resolve("kafka"), ports.get(0), ports.get(1))
                .withSecurity(security));
        try {
            ConnectWorker worker = ConnectWorker.start(WorkerSettings.of(work.resolve("connect"), broker.bootstrapServers(),
                    ports.get(2), List.of(LocalStack.pluginsDir(), LocalStack.mirrorPluginsDir()), Map.of())
                    .withSecurity(security)
                    .withEnvironment(kafkaClientEnvironment(broker.bootstrapServers(), security)));
            return new StartedStack(broker, worker, security);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /**
     * What bin/flowstack gives its workers for the shipped connectors' own Kafka clients (local-stack's
     * KafkaClientEnvironment; the names are spelt out so that this compiles against an older local-stack): the BMP
     * source's RIB reader and the Routes transform of the shipped NetFlow and sFlow sources read them with
     * {@code ${env:...}}.
     */
    static Map<String, String> kafkaClientEnvironment(String bootstrapServers, StackSecurity security) {
        Map<String, String> client = security == null ? Map.of() : security.clientProperties();
        return Map.of("FLOWSTACK_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "FLOWSTACK_KAFKA_SECURITY_PROTOCOL", client.getOrDefault("security.protocol", "PLAINTEXT"),
                "FLOWSTACK_KAFKA_SASL_MECHANISM", client.getOrDefault("sasl.mechanism", ""),
                "FLOWSTACK_KAFKA_SASL_JAAS_CONFIG", client.getOrDefault("sasl.jaas.config", ""),
                "FLOWSTACK_KAFKA_SSL_TRUSTSTORE_LOCATION", client.getOrDefault("ssl.truststore.location", ""),
                "FLOWSTACK_KAFKA_SSL_TRUSTSTORE_PASSWORD", client.getOrDefault("ssl.truststore.password", ""));
    }

    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            broker.close();
        }
    }
}
