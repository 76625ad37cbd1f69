package org.bwnetflow.connect.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The dashboard's TLS: its certificate and key from a PKCS12 keystore; TLS 1.3 and 1.2 only. */
public final class TlsContext {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContext() {
    }

    /** A server context with the keystore's key (the keystore holds one; its password opens the key too). */
    public static SSLContext fromPkcs12(Path keystore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + keystore + " as a PKCS12 keystore: " + e.getMessage(), e);
        }
    }
}
