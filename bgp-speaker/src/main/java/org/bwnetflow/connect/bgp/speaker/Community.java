package org.bwnetflow.connect.bgp.speaker;

/**
 * A BGP community a mitigation route carries: a standard community ({@code asn:value}, RFC 1997) or a large
 * community ({@code global:local1:local2}, RFC 8092).
 */
public sealed interface Community extends Comparable<Community> permits StandardCommunity, LargeCommunity {

    /** {@code 65535:666} or {@code 64512:666:1}; the well-known names {@code blackhole} and {@code no-export} too. */
    static Community parse(String text) {
        String trimmed = text.trim();
        switch (trimmed.toLowerCase(java.util.Locale.ROOT)) {
            case "blackhole":
                return StandardCommunity.BLACKHOLE;
            case "no-export":
                return StandardCommunity.NO_EXPORT;
            default:
                break;
        }
        String[] parts = trimmed.split(":", -1);
        if (parts.length == 2) {
            return new StandardCommunity((int) number(parts[0], text, 0xffff), (int) number(parts[1], text, 0xffff));
        }
        if (parts.length == 3) {
            return new LargeCommunity(number(parts[0], text, 0xffff_ffffL), number(parts[1], text, 0xffff_ffffL),
                    number(parts[2], text, 0xffff_ffffL));
        }
        throw new IllegalArgumentException("not a community: '" + text + "' (asn:value or global:local1:local2)");
    }

    @Override
    default int compareTo(Community other) {
        if (this instanceof StandardCommunity a && other instanceof StandardCommunity b) {
            return Long.compare(a.value32(), b.value32());
        }
        if (this instanceof LargeCommunity a && other instanceof LargeCommunity b) {
            int global = Long.compare(a.globalAdmin(), b.globalAdmin());
            int local1 = Long.compare(a.localData1(), b.localData1());
            return global != 0 ? global : local1 != 0 ? local1 : Long.compare(a.localData2(), b.localData2());
        }
        return this instanceof StandardCommunity ? -1 : 1;
    }

    private static long number(String part, String text, long max) {
        if (part.isEmpty() || part.length() > 10 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a community: '" + text + "' ('" + part + "' is no number)");
        }
        long value = Long.parseLong(part);
        if (value > max) {
            throw new IllegalArgumentException("not a community: '" + text + "' (" + part + " is above " + max + ")");
        }
        return value;
    }
}
