package org.bwnetflow.connect.dashboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKCS12 keystore made at test time by the JDK's keytool: an EC key and a self-signed
 * certificate for 127.0.0.1 (as a subject alternative name), valid two days; its password in a
 * file next to it, as {@code dashboard serve --tls-keystore-password-file} reads it.
 */
public final class SelfSignedKeystore {

    private static final String PASSWORD = "test-keystore-password";

    private final Path keystore;
    private final Path passwordFile;
    private final X509Certificate certificate;

    private SelfSignedKeystore(Path keystore, Path passwordFile, X509Certificate certificate) {
        this.keystore = keystore;
        this.passwordFile = passwordFile;
        this.certificate = certificate;
    }

    public static SelfSignedKeystore create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path keystore = dir.resolve("dashboard.p12");
        Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "dashboard", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        try {
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        Path passwordFile = dir.resolve("dashboard.p12.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return new SelfSignedKeystore(keystore, passwordFile, (X509Certificate) store.getCertificate("dashboard"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path keystore() {
        return keystore;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    public char[] password() {
        return PASSWORD.toCharArray();
    }

    /** Base64 of the SHA-256 of the certificate's public key (SPKI): what Chromium's --ignore-certificate-errors-spki-list takes. */
    public String spkiSha256() {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts this certificate only. */
    public SSLContext trustingClient() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("dashboard", certificate);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
