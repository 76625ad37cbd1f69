package org.bwnetflow.connect.reduce.anonymize;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Parses a Crypto-PAn secret: 32 bytes written as 64 hex digits or as base64 (standard or URL-safe
 * alphabet, padding optional). Shared by the {@code Anonymize} transform and {@code flowctl
 * anonymize}. Error messages never contain the text they were given: it may be the secret, or
 * most of it.
 */
public final class CryptoPanKey {

    /** The length of a Crypto-PAn secret in bytes: an AES-128 key and a 16-byte pad seed. */
    public static final int LENGTH = 32;

    /** What a valid key looks like, for config docs and error messages. */
    public static final String FORMAT = "32 bytes written as 64 hex digits or as base64 (44 characters)";

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private CryptoPanKey() {
    }

    /**
     * The 32 key bytes; surrounding whitespace is ignored.
     *
     * @throws IllegalArgumentException naming the expected format, never the text
     */
    public static byte[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the Crypto-PAn key is empty; it must be " + FORMAT);
        }
        String trimmed = text.strip();
        if (HEX.matcher(trimmed).matches()) {
            return HexFormat.of().parseHex(trimmed);
        }
        byte[] decoded = decodeBase64(trimmed);
        if (decoded == null || decoded.length != LENGTH) {
            throw new IllegalArgumentException("the Crypto-PAn key is neither 64 hex digits nor base64 of "
                    + LENGTH + " bytes; it must be " + FORMAT);
        }
        return decoded;
    }

    private static byte[] decodeBase64(String text) {
        try {
            boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            return null; // the decoder's message quotes the offending character: not passed on
        }
    }
}
