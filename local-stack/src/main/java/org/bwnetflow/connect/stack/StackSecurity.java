package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The secure mode of the local stack: SASL_SSL listeners (TLS with the stack's own certificate
 * authority, {@link StackTls}) with SCRAM-SHA-512 for clients and brokers, Kafka's
 * StandardAuthorizer, and one operator super-user that the broker, the Connect worker (with its
 * producers, consumers and admin) and the operator's tools authenticate as.
 *
 * <p>The operator's password lives in {@code secrets/operator.password} (mode 0600, in a 0700
 * directory), generated on first use; Connect's REST API requires a login of its own
 * ({@link RestSecurity}, {@code secrets/connect-rest.password}). Everything derived from it (server.properties,
 * worker.properties, {@code secrets/operator.properties} for clients) is written owner-only
 * too. It never goes onto a command line: the SCRAM credential is bootstrapped at format time
 * by {@link ScramFormat}, which reads the file inside the formatting JVM.
 *
 * <p>The KRaft controller listener uses SASL/PLAIN with the same operator (KRaft controllers
 * cannot use SCRAM: its credentials live in the metadata the controller serves), over TLS too;
 * the broker talks to itself (inter-broker) on the client listener. So no listener accepts
 * unauthenticated connections, and none sends a password or a flow in the clear.
 */
public final class StackSecurity {

    public static final String OPERATOR = "operator";
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String SECURITY_PROTOCOL = "SASL_SSL";
    public static final String PASSWORD_FILE = "operator.password";
    public static final String CLIENT_CONFIG_FILE = "operator.properties";
    static final String CLIENT_LISTENER = "SASL_SSL";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private final Path secretsDir;
    private final String password;
    private final RestSecurity rest;
    private final StackTls tls;

    private StackSecurity(Path secretsDir, String password, RestSecurity rest, StackTls tls) {
        this.secretsDir = secretsDir;
        this.password = password;
        this.rest = rest;
        this.tls = tls;
    }

    /**
     * The stack's credentials from {@code secretsDir}, generating the operator's password and the
     * TLS certificates on first use, and (re)writing the client config file next to them.
     */
    public static StackSecurity prepare(Path secretsDir) {
        Path dir = Objects.requireNonNull(secretsDir, "secretsDir").toAbsolutePath().normalize();
        try {
            OwnerOnly.createDirectory(dir);
            StackSecurity security = new StackSecurity(dir, PasswordFile.readOrCreate(dir.resolve(PASSWORD_FILE)),
                    RestSecurity.prepare(dir), StackTls.prepare(dir));
            PropertiesFile.write(security.clientConfigFile(), "Kafka client config of the stack's operator (secret)",
                    security.clientProperties());
            return security;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the stack's credentials in " + dir, e);
        }
    }

    public Path secretsDir() {
        return secretsDir;
    }

    /** The stack's certificate authority, the broker's certificate and the clients' truststore. */
    public StackTls tls() {
        return tls;
    }

    /** The login to Connect's REST API, which the secure stack's workers require. */
    public RestSecurity rest() {
        return rest;
    }

    public Path passwordFile() {
        return secretsDir.resolve(PASSWORD_FILE);
    }

    /** Client properties of the operator, for {@code --command-config} of flowctl and Kafka's tools. */
    public Path clientConfigFile() {
        return secretsDir.resolve(CLIENT_CONFIG_FILE);
    }

    /** security.protocol, sasl.mechanism, sasl.jaas.config of the operator and the truststore, for any Kafka client. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", SECURITY_PROTOCOL);
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", scramJaas(OPERATOR, password));
        props.putAll(tls.clientProperties());
        return props;
    }

    /** The JAAS line a SCRAM client logs in with. */
    public static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Listeners, SASL and authorizer settings of a single combined broker + controller. */
    Map<String, String> brokerProperties(String host, int port, int controllerPort) {
        String client = CLIENT_LISTENER.toLowerCase(Locale.ROOT);
        String controller = CONTROLLER_LISTENER.toLowerCase(Locale.ROOT);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("listeners", CLIENT_LISTENER + "://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":"
                + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + port);
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_SSL," + CONTROLLER_LISTENER
                + ":SASL_SSL");
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        props.put("listener.name." + client + ".sasl.enabled.mechanisms", MECHANISM);
        props.put("listener.name." + client + ".scram-sha-512.sasl.jaas.config", scramJaas(OPERATOR, password));
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name." + controller + ".sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name." + controller + ".plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + OPERATOR
                        + "\" password=\"" + password + "\" user_" + OPERATOR + "=\"" + password + "\";");
        props.put("authorizer.class.name", AUTHORIZER);
        props.put("super.users", "User:" + OPERATOR);
        props.put("allow.everyone.if.no.acl.found", "false");
        props.putAll(tls.brokerProperties());
        return props;
    }

    /** The worker's own clients and those it creates for connectors all log in as the operator. */
    Map<String, String> workerProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        for (String prefix : new String[] {"", "producer.", "consumer.", "admin."}) {
            clientProperties().forEach((key, value) -> props.put(prefix + key, value));
        }
        return props;
    }

    /** The {@code --add-scram} value of the storage tool; used only inside the formatting JVM. */
    static String scramBootstrapEntry(String user, String password) {
        return MECHANISM + "=[name=" + user + ",password=" + password + "]";
    }

    @Override
    public String toString() {
        return "StackSecurity[user=" + OPERATOR + ", mechanism=" + MECHANISM + ", secrets=" + secretsDir + "]";
    }
}
