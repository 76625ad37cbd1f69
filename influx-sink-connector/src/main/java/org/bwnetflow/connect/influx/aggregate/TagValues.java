package org.bwnetflow.connect.influx.aggregate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct values of one tag kind in one window, numbered in the order they first appear: the
 * first {@code limit} keep their own id (0..limit-1), every later new value gets the id
 * {@code limit}, written as {@code other}, and is counted. Numbers and addresses are kept as
 * numbers and turned into text only when points are written.
 */
final class TagValues {

    static final String OTHER = PortClasses.OTHER;
    static final String UNKNOWN = "unknown";
    /** The second word of a standard community's key (a large community's third part is never negative). */
    static final long STANDARD = -1;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final TagKind kind;
    private final int limit;
    private final PortClasses portClasses;
    private final DenseIndex numbers;
    private final Map<String, Integer> strings;
    private final List<String> stringValues;
    private final long[] address = new long[3];
    /** The text of each id, made once per window when points are built. */
    private String[] texts = new String[16];
    private long folded;

    TagValues(TagKind kind, int limit, PortClasses portClasses) {
        this.kind = kind;
        this.limit = limit;
        this.portClasses = portClasses;
        boolean text = isText(kind);
        int expected = Math.min(limit, 16); // grows; a task holds a window per partition, most small
        this.numbers = text ? null : new DenseIndex(kind == TagKind.HOST ? 3 : kind == TagKind.COMMUNITY ? 2 : 1, expected);
        this.strings = text ? new HashMap<>(expected * 2) : null;
        this.stringValues = text ? new ArrayList<>() : null;
    }

    static boolean isText(TagKind kind) {
        return kind == TagKind.PROTONAME || kind == TagKind.PEER || kind == TagKind.REMOTECOUNTRY;
    }

    /** The id written as {@code other}. */
    int otherId() {
        return limit;
    }

    /** Bits an id of this tag needs. */
    int bits() {
        return 32 - Integer.numberOfLeadingZeros(limit);
    }

    /** Values that came after the limit was reached and were written as {@code other}. */
    long folded() {
        return folded;
    }

    /** The id of a number-valued tag's value. */
    int ofNumber(long value) {
        int id = numbers.find(value);
        if (id >= 0) {
            return id;
        }
        if (numbers.size() >= limit) {
            folded++;
            return limit;
        }
        return numbers.add(value);
    }

    /** The id of a text-valued tag's value; empty is {@code unknown}, the text {@code other} is {@code other}. */
    int ofText(String value) {
        String text = value.isEmpty() ? UNKNOWN : value;
        Integer id = strings.get(text);
        if (id != null) {
            return id;
        }
        if (text.equals(OTHER)) {
            return limit;
        }
        if (stringValues.size() >= limit) {
            folded++;
            return limit;
        }
        int next = stringValues.size();
        stringValues.add(text);
        strings.put(text, next);
        return next;
    }

    /**
     * The id of a community: a standard one as ({@code AS << 16 | value}, {@link #STANDARD}), a
     * large one as ({@code A << 32 | B}, {@code C}). Only for {@link TagKind#COMMUNITY}.
     */
    int ofCommunity(long high, long low) {
        long[] key = address;
        key[0] = high;
        key[1] = low;
        int id = numbers.find(key);
        if (id >= 0) {
            return id;
        }
        if (numbers.size() >= limit) {
            folded++;
            return limit;
        }
        return numbers.add(key);
    }

    /** The id of an address (4 or 16 bytes; anything else is {@code unknown}). */
    int ofAddress(byte[] bytes) {
        long[] key = address;
        if (bytes == null || bytes.length != 4 && bytes.length != 16) {
            key[0] = 0;
            key[1] = 0;
            key[2] = 0;
        } else if (bytes.length == 4) {
            key[0] = 4;
            key[1] = 0;
            key[2] = ((int) INT.get(bytes, 0)) & 0xFFFF_FFFFL;
        } else {
            key[0] = 6;
            key[1] = (long) LONG.get(bytes, 0);
            key[2] = (long) LONG.get(bytes, 8);
        }
        int id = numbers.find(key);
        if (id >= 0) {
            return id;
        }
        if (numbers.size() >= limit) {
            folded++;
            return limit;
        }
        return numbers.add(key);
    }

    /**
     * Orders two address ids: by family, then address, unsigned (ids of {@code other} last). Only
     * for {@link TagKind#HOST}.
     */
    int compareAddresses(int a, int b) {
        if (a == limit || b == limit) {
            return Boolean.compare(a == limit, b == limit);
        }
        for (int word = 0; word < 3; word++) {
            int c = Long.compareUnsigned(numbers.key(a, word), numbers.key(b, word));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * The tag value of an id. Distinct ids have distinct texts: empty text is {@code unknown}, the
     * text {@code other} and the port class {@code other} have the id {@link #otherId}, and numbers
     * are canonical (direction -1/0/1, ipversion 0/4/6, AS -1 for unknown).
     */
    String text(int id) {
        if (id == limit) {
            return OTHER;
        }
        if (id >= texts.length) {
            texts = java.util.Arrays.copyOf(texts, Math.max(id + 1, texts.length * 2));
        }
        String text = texts[id];
        if (text == null) {
            text = strings != null ? stringValues.get(id) : numberText(id);
            texts[id] = text;
        }
        return text;
    }

    private String numberText(int id) {
        long value = numbers.key(id, 0);
        switch (kind) {
            case DIRECTION:
                return value == 0 ? "in" : value == 1 ? "out" : UNKNOWN;
            case IPVERSION:
                return value == 4 ? "4" : value == 6 ? "6" : UNKNOWN;
            case APPLICATION:
                return portClasses.name((int) value);
            case HOST:
                return addressText(value, numbers.key(id, 1), numbers.key(id, 2));
            case COMMUNITY:
                long low = numbers.key(id, 1);
                return low == STANDARD ? Communities.standardText(value) : Communities.largeText(value, low);
            default:
                return value < 0 ? UNKNOWN : Long.toString(value);
        }
    }

    /** IPv4 dotted quad, IPv6 in RFC 5952's form (lower case, longest run of zero groups as ::). */
    static String addressText(long family, long high, long low) {
        if (family == 4) {
            return (low >>> 24 & 0xFF) + "." + (low >>> 16 & 0xFF) + "." + (low >>> 8 & 0xFF) + "." + (low & 0xFF);
        }
        if (family != 6) {
            return UNKNOWN;
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int[] run = longestZeroRun(groups);
        int bestStart = run[0];
        int bestLength = run[1];
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Start and length of the first longest run of two or more zero groups; start -1 when none. */
    private static int[] longestZeroRun(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        int i = 0;
        while (i < groups.length) {
            int j = i;
            while (j < groups.length && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        return new int[] {bestStart, bestLength};
    }
}
