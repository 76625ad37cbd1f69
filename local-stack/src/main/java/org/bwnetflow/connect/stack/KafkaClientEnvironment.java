package org.bwnetflow.connect.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables the shipped connectors with Kafka clients of their own read through the worker's env config provider:
 * the BMP source's RIB consumer ({@code bmp.rib.*}), the Routes transform's ({@code routes.*}) of the NetFlow and
 * sFlow sources and the DDoS sink's ({@code kafka.*}: its state, attacks and audit topics). Their values are the
 * stack's broker and, in the secure mode, the operator's login and the truststore (the worker's own clients have them
 * from worker.properties; these clients are the connectors'). Empty in the plain mode: Kafka's clients ignore SASL and
 * TLS settings under PLAINTEXT. In the worker's environment only
 * ({@code /proc/<pid>/environ} is the owner's), never on a command line; Connect's REST output shows the references.
 */
final class KafkaClientEnvironment {

    static final String BOOTSTRAP_SERVERS = "FLOWSTACK_KAFKA_BOOTSTRAP_SERVERS";
    static final String SECURITY_PROTOCOL = "FLOWSTACK_KAFKA_SECURITY_PROTOCOL";
    static final String SASL_MECHANISM = "FLOWSTACK_KAFKA_SASL_MECHANISM";
    static final String SASL_JAAS_CONFIG = "FLOWSTACK_KAFKA_SASL_JAAS_CONFIG";
    static final String SSL_TRUSTSTORE_LOCATION = "FLOWSTACK_KAFKA_SSL_TRUSTSTORE_LOCATION";
    static final String SSL_TRUSTSTORE_PASSWORD = "FLOWSTACK_KAFKA_SSL_TRUSTSTORE_PASSWORD";

    private KafkaClientEnvironment() {
    }

    /** The variables for a stack whose broker is at {@code bootstrapServers}; {@code security} null: plaintext. */
    static Map<String, String> of(String bootstrapServers, StackSecurity security) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(BOOTSTRAP_SERVERS, bootstrapServers);
        Map<String, String> client = security == null ? Map.of() : security.clientProperties();
        env.put(SECURITY_PROTOCOL, client.getOrDefault("security.protocol", "PLAINTEXT"));
        env.put(SASL_MECHANISM, client.getOrDefault("sasl.mechanism", ""));
        env.put(SASL_JAAS_CONFIG, client.getOrDefault("sasl.jaas.config", ""));
        env.put(SSL_TRUSTSTORE_LOCATION, client.getOrDefault("ssl.truststore.location", ""));
        env.put(SSL_TRUSTSTORE_PASSWORD, client.getOrDefault("ssl.truststore.password", ""));
        return env;
    }
}
