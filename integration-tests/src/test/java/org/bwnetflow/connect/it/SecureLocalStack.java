package org.bwnetflow.connect.it;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bwnetflow.connect.stack.ConnectRestClient;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.KafkaBroker;
import org.bwnetflow.connect.stack.StackSecurity;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local stack's secure mode, started once for every test class that needs it: a broker with
 * SASL_SSL/SCRAM-SHA-512 listeners (TLS with the stack's own CA) and the StandardAuthorizer, a worker
 * (and all its clients) logged in as the operator super-user over TLS, our plugins from {@code plugin.path}.
 */
public final class SecureLocalStack implements BeforeAllCallback {

    private static volatile StartedStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = StartedStack.shared("secure", true);
    }

    public static KafkaBroker broker() {
        return stack.broker;
    }

    public static ConnectWorker worker() {
        return stack.worker;
    }

    public static ConnectRestClient rest() {
        return stack.worker.rest();
    }

    public static StackSecurity security() {
        return stack.security;
    }

    /** The stack's CA certificate (PEM): what the operator hands to customers for {@code flowctl --truststore}. */
    public static Path caCertificate() {
        return stack.security.tls().caCertificateFile();
    }

    /** The client config a user is handed: its SCRAM login and the stack's CA certificate (PEM), nothing else. */
    public static Map<String, Object> clientConfig(String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers());
        config.put("security.protocol", StackSecurity.SECURITY_PROTOCOL);
        config.put("sasl.mechanism", StackSecurity.MECHANISM);
        config.put("sasl.jaas.config", StackSecurity.scramJaas(user, password));
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", caCertificate().toString());
        return config;
    }

    /** bootstrap.servers plus the operator's SASL and TLS settings; never log it. */
    public static Map<String, Object> operatorClientConfig() {
        return stack.broker.clientConfig();
    }
}
