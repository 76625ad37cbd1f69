package org.bwnetflow.connect.rawflows.encode;

/**
 * Whether bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), as protobuf requires of a string field. QuestDB refuses a request whose text is not
 * UTF-8, and a refused request is a whole batch: a bad string must be caught per record.
 */
final class Utf8Check {

    private Utf8Check() {
    }

    static boolean isValid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            i = bytes[i] >= 0 ? i + 1 : afterSequence(bytes, i, end); // ASCII, as interface names nearly always are
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    /** Where the multi-byte sequence starting at {@code i} ends; -1 when it is malformed. */
    private static int afterSequence(byte[] bytes, int i, int end) {
        int b = bytes[i] & 0xff;
        int more = continuationBytes(b);
        if (more == 0 || end - i - 1 < more) {
            return -1;
        }
        int code = b & (0x3f >> more);
        for (int k = 1; k <= more; k++) {
            int c = bytes[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return -1;
            }
            code = (code << 6) | (c & 0x3f);
        }
        return isScalarValue(code, more) ? i + 1 + more : -1;
    }

    /** How many bytes follow a lead byte; 0 for a byte that leads no sequence (0x80-0xc1, 0xf5-0xff). */
    private static int continuationBytes(int lead) {
        if (lead >= 0xc2 && lead <= 0xdf) {
            return 1;
        }
        if (lead >= 0xe0 && lead <= 0xef) {
            return 2;
        }
        return lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    }

    /** Not overlong, not a surrogate, not above U+10FFFF. */
    private static boolean isScalarValue(int code, int continuation) {
        int min = continuation == 1 ? 0x80 : continuation == 2 ? 0x800 : 0x10000;
        return code >= min && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    }
}
