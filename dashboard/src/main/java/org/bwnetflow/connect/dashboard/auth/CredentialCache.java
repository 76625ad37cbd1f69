package org.bwnetflow.connect.dashboard.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic credentials verified lately, so that a script's every request does not cost a
 * password hash: per user, an HMAC-SHA256 of the password under a random key of this process
 * (never the password; the key never leaves memory), the users-file hash it was checked
 * against, and when it expires. A request's password matches when its HMAC equals the kept
 * one (compared in constant time) and the users file still holds the same hash for the user: a
 * changed password or a removed user misses. At most {@code maxEntries} users, the least
 * recently used dropped first; an entry lives {@code ttlMillis} from its check.
 */
final class CredentialCache {

    private record Entry(byte[] mac, String storedHash, Principal principal, long expiresAtMillis) {
    }

    private final byte[] key = new byte[32];
    private final int maxEntries;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final LinkedHashMap<String, Entry> entries;

    CredentialCache(int maxEntries, long ttlMillis, LongSupplier clock) {
        new SecureRandom().nextBytes(key);
        this.maxEntries = maxEntries;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > CredentialCache.this.maxEntries;
            }
        };
    }

    /** The user's principal if these credentials were verified lately against the hash the file holds now. */
    Optional<Principal> find(String user, char[] password, String currentHash) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(user);
            if (entry != null && (entry.expiresAtMillis() <= clock.getAsLong() || !entry.storedHash().equals(currentHash))) {
                entries.remove(user);
                entry = null;
            }
        }
        return entry != null && MessageDigest.isEqual(entry.mac(), mac(user, password)) ? Optional.of(entry.principal())
                : Optional.empty();
    }

    /** Keeps credentials that were just verified against {@code storedHash}. */
    void remember(String user, char[] password, String storedHash, Principal principal) {
        Entry entry = new Entry(mac(user, password), storedHash, principal, clock.getAsLong() + ttlMillis);
        synchronized (this) {
            entries.put(user, entry);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private byte[] mac(String user, char[] password) {
        ByteBuffer secret = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[secret.remaining()];
        secret.get(bytes);
        Arrays.fill(secret.array(), (byte) 0);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(user.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
