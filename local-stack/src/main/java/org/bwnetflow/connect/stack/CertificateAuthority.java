package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/**
 * The secure stack's own certificate authority: an EC key (P-256) with a self-signed CA certificate in a PKCS12
 * key store, made by the JDK's keytool, which signs the broker's certificate. Its key never leaves the secrets
 * directory; clients get only its certificate. One per flowstack home: another home's clients do not trust it.
 */
final class CertificateAuthority {

    static final String ALIAS = "flowstack-ca";
    static final int VALIDITY_DAYS = 3650;
    private static final List<String> KEY = List.of("-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
            "SHA256withECDSA");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keystore;
    private final Path passwordFile;
    private final X509Certificate certificate;

    private CertificateAuthority(Path keystore, Path passwordFile, X509Certificate certificate) {
        this.keystore = keystore;
        this.passwordFile = passwordFile;
        this.certificate = certificate;
    }

    /** The CA of this key store, if it opens with the password and its certificate is still valid at {@code horizon}. */
    static Optional<CertificateAuthority> load(Path keystore, Path passwordFile, String password, Date horizon) {
        return KeyStoreFiles.loadIfUsable(keystore, password).flatMap(store -> {
            try {
                Certificate cert = store.getCertificate(ALIAS);
                if (!(cert instanceof X509Certificate x509) || !store.isKeyEntry(ALIAS)) {
                    return Optional.empty();
                }
                x509.checkValidity(horizon);
                return Optional.of(new CertificateAuthority(keystore, passwordFile, x509));
            } catch (GeneralSecurityException e) {
                return Optional.empty();
            }
        });
    }

    /** A new CA, its key store written to {@code keystore} (replacing what was there), protected by the password file. */
    static CertificateAuthority create(Keytool keytool, Path work, Path keystore, Path passwordFile, String password)
            throws IOException, GeneralSecurityException {
        Path made = work.resolve("ca.p12");
        // A random serial in the name tells one home's CA from another's in error messages and certificate viewers.
        String name = "CN=flowstack local CA " + HexFormat.of().formatHex(randomBytes(4)) + ",O=bwNetFlow Connect";
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", ALIAS));
        args.addAll(KEY);
        args.addAll(List.of("-dname", name, "-validity", Integer.toString(VALIDITY_DAYS),
                "-ext", "bc:c=ca:true,pathlen:0", "-ext", "ku:c=keyCertSign,cRLSign",
                "-storetype", KeyStoreFiles.TYPE, "-keystore", made.toString(), "-storepass:file", passwordFile.toString()));
        keytool.run(work, args);
        KeyStore store = KeyStoreFiles.load(made, password);
        KeyStoreFiles.store(store, keystore, password);
        return new CertificateAuthority(keystore, passwordFile, (X509Certificate) store.getCertificate(ALIAS));
    }

    X509Certificate certificate() {
        return certificate;
    }

    /**
     * Whether the key store holds a certificate of {@code spec} signed by this CA, valid at {@code horizon}, naming
     * exactly the expected hosts, with its private key.
     */
    boolean hasValid(Path serverKeystore, String password, ServerCertificate spec, Date horizon) {
        return KeyStoreFiles.loadIfUsable(serverKeystore, password).map(store -> {
            try {
                Certificate[] chain = store.getCertificateChain(spec.alias());
                if (chain == null || !(chain[0] instanceof X509Certificate cert) || !store.isKeyEntry(spec.alias())) {
                    return false;
                }
                cert.verify(certificate.getPublicKey());
                cert.checkValidity(horizon);
                return subjectAltNames(cert).equals(spec.nameSet());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }).orElse(false);
    }

    /**
     * A new key pair and a certificate for it signed by this CA, as the key store {@code target} (chain: the
     * certificate, then the CA's), protected by the password in {@code targetPasswordFile}.
     */
    void issue(Keytool keytool, Path work, ServerCertificate spec, Path target, Path targetPasswordFile,
               String targetPassword) throws IOException, GeneralSecurityException {
        Path made = work.resolve(spec.alias() + ".p12");
        Path request = work.resolve(spec.alias() + ".csr");
        Path signed = work.resolve(spec.alias() + ".crt");
        Files.deleteIfExists(made);
        List<String> generate = new ArrayList<>(List.of("-genkeypair", "-alias", spec.alias()));
        generate.addAll(KEY);
        generate.addAll(List.of("-dname", "CN=" + spec.commonName() + ",O=bwNetFlow Connect",
                "-validity", Integer.toString(spec.validityDays()), "-storetype", KeyStoreFiles.TYPE,
                "-keystore", made.toString(), "-storepass:file", targetPasswordFile.toString()));
        keytool.run(work, generate);
        keytool.run(work, List.of("-certreq", "-alias", spec.alias(), "-storetype", KeyStoreFiles.TYPE,
                "-keystore", made.toString(), "-storepass:file", targetPasswordFile.toString(), "-file", request.toString()));
        keytool.run(work, List.of("-gencert", "-alias", ALIAS, "-storetype", KeyStoreFiles.TYPE,
                "-keystore", keystore.toString(), "-storepass:file", passwordFile.toString(),
                "-infile", request.toString(), "-outfile", signed.toString(), "-rfc", "-sigalg", "SHA256withECDSA",
                "-validity", Integer.toString(spec.validityDays()), "-ext", spec.keytoolExtension(),
                "-ext", "ku:c=digitalSignature", "-ext", "eku=serverAuth,clientAuth"));

        Key key = KeyStoreFiles.load(made, targetPassword).getKey(spec.alias(), targetPassword.toCharArray());
        KeyStore store = KeyStoreFiles.empty();
        store.setKeyEntry(spec.alias(), (PrivateKey) key, targetPassword.toCharArray(),
                new Certificate[] {KeyStoreFiles.readCertificate(signed), certificate});
        KeyStoreFiles.store(store, target, targetPassword);
    }

    /** dns:NAME and ip:ADDRESS entries, lower case. */
    static Set<String> subjectAltNames(X509Certificate cert) throws CertificateParsingException {
        Set<String> names = new HashSet<>();
        Collection<List<?>> entries = cert.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if (type == 2) {
                    names.add("dns:" + entry.get(1).toString().toLowerCase(Locale.ROOT));
                } else if (type == 7) {
                    names.add("ip:" + entry.get(1).toString().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
