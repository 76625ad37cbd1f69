package org.bwnetflow.connect.flowctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The certificate authorities a client trusts to have signed the broker's TLS certificate
 * ({@code --truststore}): a PEM file (e.g. the local stack's {@code secrets/ca.crt}, which an operator hands to
 * customers) or a PKCS12 or JKS key store, its password in a file. The format is told by the file's first bytes,
 * not its name. Errors name the files, never a password.
 */
final class TruststoreFile {

    private static final byte[] JKS_MAGIC = {(byte) 0xFE, (byte) 0xED, (byte) 0xFE, (byte) 0xED};
    private static final String PEM_BEGIN = "-----BEGIN ";

    private TruststoreFile() {
    }

    /** ssl.truststore.* for Kafka's client, the location absolute (Kafka resolves it in its own working directory). */
    static Map<String, String> sslProperties(Path file, Path passwordFile) {
        Path location = file.toAbsolutePath().normalize();
        String type = type(head(location));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ssl.truststore.type", type);
        props.put("ssl.truststore.location", location.toString());
        if (passwordFile != null) {
            if (type.equals("PEM")) {
                throw new LoginSettingsException("--truststore " + file + " is a PEM file, which has no password: "
                        + "leave out --truststore-password-file");
            }
            props.put("ssl.truststore.password", readPassword(passwordFile));
        }
        return props;
    }

    /** PEM (text), JKS (its magic number) or PKCS12 (DER, anything else: Java's loader then says what is wrong). */
    static String type(byte[] head) {
        String text = new String(head, StandardCharsets.US_ASCII).stripLeading();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith(PEM_BEGIN)) {
            return "PEM";
        }
        if (head.length >= JKS_MAGIC.length && head[0] == JKS_MAGIC[0] && head[1] == JKS_MAGIC[1]
                && head[2] == JKS_MAGIC[2] && head[3] == JKS_MAGIC[3]) {
            return "JKS";
        }
        return "PKCS12";
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(64);
        } catch (IOException e) {
            throw new LoginSettingsException("cannot read --truststore " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static String readPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new LoginSettingsException("cannot read --truststore-password-file " + file + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
