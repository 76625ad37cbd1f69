package org.bwnetflow.connect.bgp.speaker;

/** A standard community (RFC 1997): two 16-bit halves, written {@code asn:value}. */
public record StandardCommunity(int asn, int value) implements Community {

    /** BLACKHOLE, RFC 7999: every RTBH route carries it. */
    public static final StandardCommunity BLACKHOLE = new StandardCommunity(65535, 666);
    /** NO_EXPORT, RFC 1997: not to be advertised beyond the AS (confederation); RFC 7999 asks it of blackhole routes. */
    public static final StandardCommunity NO_EXPORT = new StandardCommunity(65535, 65281);

    public StandardCommunity {
        if (asn < 0 || asn > 0xffff || value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("a standard community has two halves of 0-65535, not " + asn + ":" + value);
        }
    }

    /** The community as BGP carries it, {@code asn << 16 | value}. */
    public long value32() {
        return (long) asn << 16 | value;
    }

    public static StandardCommunity of(long value32) {
        if (value32 < 0 || value32 > 0xffff_ffffL) {
            throw new IllegalArgumentException("a standard community is 32 bits, not " + value32);
        }
        return new StandardCommunity((int) (value32 >>> 16), (int) (value32 & 0xffff));
    }

    @Override
    public String toString() {
        return asn + ":" + value;
    }
}
