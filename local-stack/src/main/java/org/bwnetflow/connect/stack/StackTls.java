package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * TLS of the secure stack, per flowstack home: a certificate authority of its own, the broker's key and
 * certificate signed by it (naming {@code localhost} and {@code 127.0.0.1}, what clients connect to, so that
 * hostname verification passes for them and fails for any other name), and what clients check the broker with.
 *
 * <p>In the secrets directory, every file mode 0600, each key store's password generated into a file of its own
 * (they reach keytool and Kafka as files, never as arguments):
 * {@value #CA_KEYSTORE} (the CA's key; only for issuing), {@value #BROKER_KEYSTORE} (the broker's key and chain),
 * {@value #TRUSTSTORE} (the CA certificate, for Java clients: the worker, flowctl, Kafka's tools) and
 * {@value #CA_CERTIFICATE} (the same certificate as PEM, what an operator hands to customers and what librdkafka's
 * {@code ssl.ca.location} reads).
 *
 * <p>Made on first use and reused afterwards. A missing or unreadable file is made anew: a new CA (when its key
 * store is gone or expires within {@link #RENEW_BEFORE}) brings a new broker certificate and truststore, which
 * customers then need again; a broker certificate is renewed as it nears its end, or when it names other hosts.
 */
public final class StackTls {

    public static final String CA_KEYSTORE = "ca.p12";
    public static final String CA_PASSWORD_FILE = "ca-keystore.password";
    public static final String CA_CERTIFICATE = "ca.crt";
    public static final String BROKER_KEYSTORE = "broker.p12";
    public static final String BROKER_PASSWORD_FILE = "broker-keystore.password";
    public static final String TRUSTSTORE = "truststore.p12";
    public static final String TRUSTSTORE_PASSWORD_FILE = "truststore.password";
    /** The broker's certificate: the names clients reach it by on this host, valid 825 days. */
    static final ServerCertificate BROKER = new ServerCertificate("broker", "localhost",
            List.of("dns:localhost", "ip:" + BrokerSettings.HOST), 825);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String TRUST_ALIAS = "flowstack-ca";
    private static final String WORK_DIR = ".tls-work";

    /** What {@link #prepare} did, for the operator: customers need the new CA certificate after a new CA. */
    public enum Outcome { REUSED, NEW_BROKER_CERTIFICATE, NEW_CERTIFICATE_AUTHORITY }

    private final Path dir;
    private final String brokerPassword;
    private final String truststorePassword;
    private final Outcome outcome;

    private StackTls(Path dir, String brokerPassword, String truststorePassword, Outcome outcome) {
        this.dir = dir;
        this.brokerPassword = brokerPassword;
        this.truststorePassword = truststorePassword;
        this.outcome = outcome;
    }

    /** The TLS files in {@code secretsDir} (created owner-only if needed), made or renewed where needed. */
    public static StackTls prepare(Path secretsDir) {
        return prepare(secretsDir, new Keytool(), Instant.now());
    }

    static StackTls prepare(Path secretsDir, Keytool keytool, Instant now) {
        Path dir = Objects.requireNonNull(secretsDir, "secretsDir").toAbsolutePath().normalize();
        Path work = dir.resolve(WORK_DIR);
        try {
            OwnerOnly.createDirectory(dir);
            String caPassword = PasswordFile.readOrCreate(dir.resolve(CA_PASSWORD_FILE));
            String brokerPassword = PasswordFile.readOrCreate(dir.resolve(BROKER_PASSWORD_FILE));
            String truststorePassword = PasswordFile.readOrCreate(dir.resolve(TRUSTSTORE_PASSWORD_FILE));
            Date horizon = Date.from(now.plus(RENEW_BEFORE));
            deleteTree(work);
            OwnerOnly.createDirectory(work);

            Outcome outcome = Outcome.REUSED;
            CertificateAuthority ca = CertificateAuthority.load(dir.resolve(CA_KEYSTORE), dir.resolve(CA_PASSWORD_FILE),
                    caPassword, horizon).orElse(null);
            if (ca == null) {
                ca = CertificateAuthority.create(keytool, work, dir.resolve(CA_KEYSTORE), dir.resolve(CA_PASSWORD_FILE),
                        caPassword);
                outcome = Outcome.NEW_CERTIFICATE_AUTHORITY;
            }
            if (outcome == Outcome.NEW_CERTIFICATE_AUTHORITY
                    || !ca.hasValid(dir.resolve(BROKER_KEYSTORE), brokerPassword, BROKER, horizon)) {
                ca.issue(keytool, work, BROKER, dir.resolve(BROKER_KEYSTORE), dir.resolve(BROKER_PASSWORD_FILE),
                        brokerPassword);
                outcome = outcome == Outcome.REUSED ? Outcome.NEW_BROKER_CERTIFICATE : outcome;
            }
            writeTrust(dir, ca.certificate(), truststorePassword);
            return new StackTls(dir, brokerPassword, truststorePassword, outcome);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the stack's TLS certificates in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new StackException("Cannot prepare the stack's TLS certificates in " + dir + ": " + e, e);
        } finally {
            deleteQuietly(work);
        }
    }

    /** The truststore and the PEM file, rewritten only when they do not hold exactly the CA's certificate. */
    private static void writeTrust(Path dir, X509Certificate ca, String password) throws IOException,
            GeneralSecurityException {
        Path truststore = dir.resolve(TRUSTSTORE);
        boolean current = KeyStoreFiles.loadIfUsable(truststore, password).map(store -> {
            try {
                Certificate held = store.getCertificate(TRUST_ALIAS);
                return store.size() == 1 && ca.equals(held);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }).orElse(false);
        if (!current) {
            KeyStore store = KeyStoreFiles.empty();
            store.setCertificateEntry(TRUST_ALIAS, ca);
            KeyStoreFiles.store(store, truststore, password);
        }
        Path pem = dir.resolve(CA_CERTIFICATE);
        String text = KeyStoreFiles.pem(ca);
        if (!Files.isRegularFile(pem) || !Files.readString(pem, StandardCharsets.US_ASCII).equals(text)) {
            OwnerOnly.write(pem, text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The CA certificate as PEM: what clients outside Java, and customers, check the broker with. */
    public Path caCertificateFile() {
        return dir.resolve(CA_CERTIFICATE);
    }

    public Path truststoreFile() {
        return dir.resolve(TRUSTSTORE);
    }

    public Path truststorePasswordFile() {
        return dir.resolve(TRUSTSTORE_PASSWORD_FILE);
    }

    public Path brokerKeystoreFile() {
        return dir.resolve(BROKER_KEYSTORE);
    }

    public Path caKeystoreFile() {
        return dir.resolve(CA_KEYSTORE);
    }

    /** ssl.* of a Java client: the stack's truststore, and hostname verification (Kafka's default) said out loud. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ssl.truststore.type", KeyStoreFiles.TYPE);
        props.put("ssl.truststore.location", truststoreFile().toString());
        props.put("ssl.truststore.password", truststorePassword);
        props.put("ssl.endpoint.identification.algorithm", "https");
        return props;
    }

    /**
     * ssl.* of the broker, for every listener: its key store, and the truststore for the connections it makes
     * itself (to its controller listener and, as an inter-broker client, to its own listener), which check the
     * certificate and its name like any client. Clients present no certificate: they log in with SCRAM.
     */
    Map<String, String> brokerProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ssl.keystore.type", KeyStoreFiles.TYPE);
        props.put("ssl.keystore.location", brokerKeystoreFile().toString());
        props.put("ssl.keystore.password", brokerPassword);
        props.put("ssl.key.password", brokerPassword);
        props.putAll(clientProperties());
        props.put("ssl.client.auth", "none");
        return props;
    }

    private static void deleteQuietly(Path tree) {
        try {
            deleteTree(tree);
        } catch (IOException e) {
            // Only the work directory (inside the owner-only secrets directory); the next run clears it.
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public String toString() {
        return "StackTls[secrets=" + dir + ", broker names=" + BROKER.subjectAltNames() + "]";
    }
}
