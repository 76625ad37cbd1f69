package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secure stack's certificates as keytool makes them: a CA, a broker certificate it signed for localhost and
 * 127.0.0.1, the truststore and PEM file clients get; owner-only files; reused, and renewed where needed.
 */
class StackTlsTest {

    @TempDir
    Path dir;

    @Test
    void aCaSignsTheBrokersCertificateForTheNamesClientsUse() throws Exception {
        StackTls tls = StackTls.prepare(dir);
        assertThat(tls.outcome()).isEqualTo(StackTls.Outcome.NEW_CERTIFICATE_AUTHORITY);

        X509Certificate ca = KeyStoreFiles.readCertificate(tls.caCertificateFile());
        assertThat(ca.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
        assertThat(ca.getSubjectX500Principal().getName()).startsWith("CN=flowstack local CA ");
        ca.verify(ca.getPublicKey());

        KeyStore broker = KeyStoreFiles.load(tls.brokerKeystoreFile(), password(StackTls.BROKER_PASSWORD_FILE));
        Certificate[] chain = broker.getCertificateChain("broker");
        assertThat(chain).hasSize(2);
        X509Certificate leaf = (X509Certificate) chain[0];
        leaf.verify(ca.getPublicKey());
        assertThat(chain[1]).isEqualTo(ca);
        assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(CertificateAuthority.subjectAltNames(leaf)).containsExactlyInAnyOrder("dns:localhost", "ip:127.0.0.1");
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(broker.isKeyEntry("broker")).isTrue();

        KeyStore trust = KeyStoreFiles.load(tls.truststoreFile(), password(StackTls.TRUSTSTORE_PASSWORD_FILE));
        assertThat(trust.size()).isEqualTo(1);
        assertThat(trust.getCertificate("flowstack-ca")).isEqualTo(ca);
        assertThat(trust.isCertificateEntry("flowstack-ca")).isTrue();
        assertThat(Files.readString(tls.caCertificateFile())).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");

        assertThat(tls.clientProperties()).containsEntry("ssl.truststore.location", tls.truststoreFile().toString())
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", password(StackTls.TRUSTSTORE_PASSWORD_FILE))
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
        assertThat(tls.brokerProperties()).containsEntry("ssl.keystore.location", tls.brokerKeystoreFile().toString())
                .containsEntry("ssl.keystore.password", password(StackTls.BROKER_PASSWORD_FILE))
                .containsEntry("ssl.client.auth", "none");
    }

    @Test
    void everyFileIsOwnerOnlyAndNoWorkFilesRemain() throws Exception {
        StackTls.prepare(dir);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                    StackTls.CA_KEYSTORE, StackTls.CA_PASSWORD_FILE, StackTls.CA_CERTIFICATE, StackTls.BROKER_KEYSTORE,
                    StackTls.BROKER_PASSWORD_FILE, StackTls.TRUSTSTORE, StackTls.TRUSTSTORE_PASSWORD_FILE);
            for (Path file : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("mode of %s", file)
                        .isEqualTo("rw-------");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void laterRunsReuseWhatIsThereAndRenewWhatIsMissingOrEnding() throws Exception {
        StackTls.prepare(dir);
        byte[] ca = Files.readAllBytes(dir.resolve(StackTls.CA_CERTIFICATE));
        byte[] broker = Files.readAllBytes(dir.resolve(StackTls.BROKER_KEYSTORE));
        byte[] trust = Files.readAllBytes(dir.resolve(StackTls.TRUSTSTORE));

        StackTls again = StackTls.prepare(dir);
        assertThat(again.outcome()).isEqualTo(StackTls.Outcome.REUSED);
        assertThat(Files.readAllBytes(dir.resolve(StackTls.BROKER_KEYSTORE))).isEqualTo(broker);
        assertThat(Files.readAllBytes(dir.resolve(StackTls.TRUSTSTORE))).isEqualTo(trust);

        Files.delete(dir.resolve(StackTls.BROKER_KEYSTORE));
        assertThat(StackTls.prepare(dir).outcome()).as("a lost broker key store").isEqualTo(
                StackTls.Outcome.NEW_BROKER_CERTIFICATE);
        assertThat(Files.readAllBytes(dir.resolve(StackTls.CA_CERTIFICATE))).as("same CA").isEqualTo(ca);

        Instant nearTheEnd = Instant.now().plus(Duration.ofDays(800));
        assertThat(StackTls.prepare(dir, new Keytool(), nearTheEnd).outcome()).as("a broker certificate near its end")
                .isEqualTo(StackTls.Outcome.NEW_BROKER_CERTIFICATE);

        Files.delete(dir.resolve(StackTls.CA_KEYSTORE));
        assertThat(StackTls.prepare(dir).outcome()).isEqualTo(StackTls.Outcome.NEW_CERTIFICATE_AUTHORITY);
        assertThat(Files.readAllBytes(dir.resolve(StackTls.CA_CERTIFICATE))).as("a new CA").isNotEqualTo(ca);
        X509Certificate newCa = KeyStoreFiles.readCertificate(dir.resolve(StackTls.CA_CERTIFICATE));
        KeyStore newBroker = KeyStoreFiles.load(dir.resolve(StackTls.BROKER_KEYSTORE),
                password(StackTls.BROKER_PASSWORD_FILE));
        newBroker.getCertificateChain("broker")[0].verify(newCa.getPublicKey());
    }

    @Test
    void keytoolNeverGetsAPasswordAsAnArgument() {
        assertThatThrownBy(() -> new Keytool().run(dir, List.of("-list", "-storepass", "secret")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keytoolsOwnMessageExplainsAFailure() {
        assertThatThrownBy(() -> new Keytool().run(dir, List.of("-list", "-keystore", dir.resolve("none.p12").toString(),
                "-storepass:file", dir.resolve("none.password").toString())))
                .isInstanceOf(StackException.class).hasMessageStartingWith("keytool -list failed (exit code 1): ");
    }

    private String password(String file) throws Exception {
        return Files.readString(dir.resolve(file)).strip();
    }
}
