package org.bwnetflow.connect.reduce.anonymize;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * The record header that says "these addresses are already Crypto-PAn pseudonyms", so that applying
 * {@code Anonymize} again (a retried transform, a transform configured twice, a second pipeline
 * reading an anonymised topic) does not pseudonymise the pseudonyms.
 *
 * <p>The header's value is not a plain flag, which anyone writing to an input topic could set to make
 * real addresses pass unanonymised: it is a tag, {@value #VERSION_PREFIX} followed by 16 bytes
 * (base64url) of HMAC-SHA256 over the anonymised address fields, keyed by a key derived from the
 * Crypto-PAn secret. A record is skipped only when its tag matches its current addresses under the
 * configured secret. A tag that does not match (forged, made with another secret, or addresses changed
 * after anonymisation) is replaced after anonymising. The value is a string, so it survives any header
 * converter and a Kafka hop.
 *
 * <p>Not thread-safe (one {@link Mac}); one instance per transform instance.
 */
public final class AnonymizationMark {

    /** The header key. */
    public static final String HEADER = "bwnetflow.anonymized";

    static final String VERSION_PREFIX = "cryptopan-v1:";

    private static final byte[] DERIVATION_LABEL = "bwnetflow-connect anonymization mark v1"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BYTES = 16;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] PREFIX = VERSION_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    // Reused per tag (one instance per transform, one thread): finish() allocates only the String.
    private final byte[] digest;
    private final byte[] truncated = new byte[TAG_BYTES];
    private final byte[] encoded = new byte[(TAG_BYTES * 4 + 2) / 3];
    private final byte[] text = Arrays.copyOf(PREFIX, PREFIX.length + encoded.length);

    /** A mark keyed by a key derived from the 32-byte Crypto-PAn secret (which is not kept). */
    public AnonymizationMark(byte[] secret) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] markKey = derive.doFinal(DERIVATION_LABEL);
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(markKey, "HmacSHA256"));
            Arrays.fill(markKey, (byte) 0);
            digest = new byte[mac.getMacLength()];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Starts a tag; then {@link #add} every anonymised field value in a fixed order, then {@link #finish}. */
    public void begin() {
        mac.reset();
    }

    /** Adds one field's value (null or empty for an unset field). */
    public void add(byte[] value) {
        int length = value == null ? 0 : value.length;
        mac.update((byte) length);
        if (length > 0) {
            mac.update(value);
        }
    }

    /** The tag of the values added since {@link #begin}. */
    public String finish() {
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("the digest buffer has the MAC's length", e);
        }
        System.arraycopy(digest, 0, truncated, 0, TAG_BYTES);
        BASE64URL.encode(truncated, encoded);
        System.arraycopy(encoded, 0, text, PREFIX.length, encoded.length);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** The mark a record carries (the last one), or null. */
    public static String of(Headers headers) {
        Header header = headers.lastWithName(HEADER);
        if (header == null) {
            return null;
        }
        Object value = header.value();
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[]) {
            return new String((byte[]) value, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** Whether two tags are the same, in time independent of where they differ. */
    public static boolean same(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces any mark the headers carry by this one. */
    public static void set(Headers headers, String tag) {
        headers.remove(HEADER);
        headers.addString(HEADER, tag);
    }

    @Override
    public String toString() {
        return "AnonymizationMark[key hidden]";
    }
}
