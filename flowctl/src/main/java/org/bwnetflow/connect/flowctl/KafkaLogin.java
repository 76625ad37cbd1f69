package org.bwnetflow.connect.flowctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

import picocli.CommandLine.Option;

/**
 * How a flowctl command reaches the broker: bootstrap servers, and either a SCRAM-SHA-512 login (user, password
 * from a file: never on the command line) or a client properties file, or both, plus the certificate authority
 * the broker's TLS certificate is checked against. A picocli mixin, through {@link CustomerLogin} of every
 * command that reads flows.
 *
 * <p>A SCRAM login goes over TLS (SASL_SSL) unless the client properties explicitly say SASL_PLAINTEXT or
 * PLAINTEXT: a password exchange and the flows behind it are not sent in the clear by default. The broker's
 * certificate is checked against {@code --truststore} (or ssl.truststore.* of the properties file, or else the
 * JVM's own authorities), and its name against the host in {@code -b} (Kafka's default hostname verification).
 */
public class KafkaLogin {

    static final String SECURITY_PROTOCOL = CommonClientConfigs.SECURITY_PROTOCOL_CONFIG;

    /** Where the broker is when neither -b nor --command-config says. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = {"-b", "--bootstrap", "--bootstrap-server"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: bootstrap.servers of --command-config, else "
                    + DEFAULT_BOOTSTRAP + ")")
    String bootstrap;

    @Option(names = "--sasl-user", paramLabel = "USER", description = "SCRAM-SHA-512 user, e.g. tenant-1000; logs in over "
            + "TLS (SASL_SSL) unless --command-config sets security.protocol=SASL_PLAINTEXT")
    String saslUser;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the --sasl-user password")
    Path passwordFile;

    @Option(names = "--truststore", paramLabel = "FILE", description = "The certificate authority that signed the "
            + "broker's TLS certificate: a PEM file (e.g. ca.crt from the operator) or a PKCS12/JKS truststore. The "
            + "certificate must also name the host of --bootstrap. Without it: ssl.* of --command-config, else the "
            + "JVM's trusted authorities")
    Path truststore;

    @Option(names = "--truststore-password-file", paramLabel = "FILE",
            description = "File holding the password of a PKCS12/JKS --truststore (a PEM file has none)")
    Path truststorePasswordFile;

    @Option(names = "--command-config", paramLabel = "FILE", description = "Client properties (security.protocol, "
            + "sasl.mechanism, sasl.jaas.config, ssl.truststore.*, ...), e.g. the secure local stack's "
            + "secrets/operator.properties")
    Path commandConfig;

    /** Bootstrap servers and security: the --command-config file, then the truststore, then the SCRAM login. */
    public Properties clientProperties() {
        Properties props = commandConfig == null ? new Properties() : commandConfig();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(props));
        String configured = props.getProperty(SECURITY_PROTOCOL);
        if (truststorePasswordFile != null && truststore == null) {
            throw new LoginSettingsException("--truststore-password-file needs --truststore");
        }
        if (truststore != null) {
            if (plaintext(configured)) {
                throw new LoginSettingsException("--truststore is for TLS, but --command-config " + commandConfig
                        + " sets " + SECURITY_PROTOCOL + "=" + configured);
            }
            props.putAll(TruststoreFile.sslProperties(truststore, truststorePasswordFile));
            // Kafka's default, said out loud; a properties file that turns it off deliberately is respected.
            props.putIfAbsent("ssl.endpoint.identification.algorithm", "https");
        }
        if (saslUser != null) {
            if (passwordFile == null) {
                throw new LoginSettingsException("--sasl-user needs --password-file");
            }
            props.put(SECURITY_PROTOCOL, plaintext(configured) ? "SASL_PLAINTEXT" : "SASL_SSL");
            props.put("sasl.mechanism", "SCRAM-SHA-512");
            props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + escape(saslUser) + "\" password=\"" + escape(readPassword()) + "\";");
        } else if (truststore != null && configured == null) {
            props.put(SECURITY_PROTOCOL, "SSL");
        }
        return props;
    }

    private Properties commandConfig() {
        try {
            return ClientConfigFile.load(commandConfig);
        } catch (UncheckedIOException e) {
            throw new LoginSettingsException(e.getMessage(), e);
        }
    }

    /** -b, else bootstrap.servers of --command-config, else the local broker. */
    private String bootstrapServers(Properties commandConfigProps) {
        if (bootstrap != null) {
            return bootstrap;
        }
        return commandConfigProps.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
    }

    /** Only what a properties file explicitly asks for is sent without TLS. */
    private static boolean plaintext(String protocol) {
        if (protocol == null) {
            return false;
        }
        String value = protocol.strip().toUpperCase(Locale.ROOT);
        return value.equals("PLAINTEXT") || value.equals("SASL_PLAINTEXT");
    }

    private String readPassword() {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new LoginSettingsException("cannot read --password-file " + passwordFile + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
