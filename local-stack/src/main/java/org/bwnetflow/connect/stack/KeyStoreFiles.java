package org.bwnetflow.connect.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/** PKCS12 key stores and PEM certificates as files of the secrets directory: read, and written owner-only. */
final class KeyStoreFiles {

    static final String TYPE = "PKCS12";

    private KeyStoreFiles() {
    }

    static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** The key store, or empty if it is missing or does not open with this password (then it is made anew). */
    static Optional<KeyStore> loadIfUsable(Path file, String password) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(load(file, password));
        } catch (IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    static KeyStore empty() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        store.load(null, null);
        return store;
    }

    /** Replaces {@code file} atomically with the key store, owner-only. */
    static void store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password.toCharArray());
        OwnerOnly.write(file, bytes.toByteArray());
    }

    static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The certificate as PEM text, what OpenSSL, librdkafka ({@code ssl.ca.location}) and Kafka's PEM type read. */
    static String pem(X509Certificate certificate) throws CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
