package org.bwnetflow.connect.model.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;

/**
 * The security settings of a Kafka client a plugin opens itself (the BMP source and the Routes
 * transform read the RIB topic), as keys under a prefix. Defined keys rather than a pass-through
 * prefix, so that the JAAS config and the truststore password are Connect PASSWORD values: hidden
 * in logs and validate answers, and found by the tests that look for secrets.
 */
public final class KafkaClientSecurity {

    public static final String SECURITY_PROTOCOL = "security.protocol";
    public static final String SASL_MECHANISM = "sasl.mechanism";
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    public static final String SSL_TRUSTSTORE_LOCATION = "ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "ssl.truststore.password";

    private KafkaClientSecurity() {
    }

    /** Adds the five keys under {@code prefix} (e.g. "routes."); {@code client} says whose they are in the docs. */
    public static ConfigDef define(ConfigDef def, String prefix, String client) {
        return def
                .define(prefix + SECURITY_PROTOCOL, ConfigDef.Type.STRING, "PLAINTEXT",
                        ConfigDef.ValidString.in("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"), ConfigDef.Importance.MEDIUM,
                        "security.protocol of " + client + ".")
                .define(prefix + SASL_MECHANISM, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                        "sasl.mechanism of " + client + " (e.g. SCRAM-SHA-512); empty: Kafka's default.")
                .define(prefix + SASL_JAAS_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM,
                        "sasl.jaas.config of " + client + " (a secret: hidden in logs and REST answers; better given "
                                + "through a config provider).")
                .define(prefix + SSL_TRUSTSTORE_LOCATION, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                        "ssl.truststore.location of " + client + "; empty: the JVM's.")
                .define(prefix + SSL_TRUSTSTORE_PASSWORD, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW,
                        "ssl.truststore.password of " + client + " (a secret).");
    }

    /** The client settings the keys under {@code prefix} give (secrets as Password values, which clients accept). */
    public static Map<String, Object> settings(AbstractConfig config, String prefix) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.getString(prefix + SECURITY_PROTOCOL));
        putIfSet(settings, SaslConfigs.SASL_MECHANISM, config.getString(prefix + SASL_MECHANISM));
        putIfSet(settings, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, config.getString(prefix + SSL_TRUSTSTORE_LOCATION));
        putSecret(settings, SaslConfigs.SASL_JAAS_CONFIG, config.getPassword(prefix + SASL_JAAS_CONFIG));
        putSecret(settings, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, config.getPassword(prefix + SSL_TRUSTSTORE_PASSWORD));
        return settings;
    }

    /**
     * What to say when such a client cannot be built: its exception's class and own message only.
     * The causes are left out on purpose: a JAAS config that does not parse is quoted by Kafka's parser.
     */
    public static String constructionFailure(RuntimeException e, String prefix) {
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (check " + prefix + "* security settings)";
    }

    private static void putIfSet(Map<String, Object> settings, String key, String value) {
        if (value != null && !value.isEmpty()) {
            settings.put(key, value);
        }
    }

    private static void putSecret(Map<String, Object> settings, String key, Password value) {
        if (value != null && !value.value().isEmpty()) {
            settings.put(key, value);
        }
    }
}
