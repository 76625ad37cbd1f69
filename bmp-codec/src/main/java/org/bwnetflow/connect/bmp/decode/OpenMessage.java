package org.bwnetflow.connect.bmp.decode;

/**
 * What a BGP OPEN message (RFC 4271 section 4.2) says that decides how the session's UPDATEs are
 * written: the speaker's AS (the 4-byte one from its capability, RFC 6793), its identifier, and
 * which families it can send or receive ADD-PATH path identifiers for (RFC 7911).
 *
 * @param asn        the speaker's AS: the 4-octet AS capability's when present, else the 2-byte field
 * @param fourByteAs whether it has the 4-octet AS capability (code 65)
 * @param addPath    ADD-PATH send/receive bits (1 receive, 2 send) for IPv4 unicast at [0] and IPv6 unicast at [1]
 */
public record OpenMessage(long asn, int holdTime, long bgpId, boolean fourByteAs, int[] addPath) {

    static final int TYPE_OPEN = 1;
    private static final int PARAM_CAPABILITIES = 2;
    private static final int EXTENDED_PARAMS = 255;
    private static final int CAP_FOUR_BYTE_AS = 65;
    private static final int CAP_ADD_PATH = 69;
    static final int ADD_PATH_RECEIVE = 1;
    static final int ADD_PATH_SEND = 2;

    /** Parses the OPEN message of {@code length} bytes at {@code offset} (with its BGP header). */
    public static OpenMessage read(byte[] b, int offset, int length) throws MalformedBmpException {
        if (length < BgpUpdateParser.HEADER + 10 || offset + length > b.length) {
            throw new MalformedBmpException("an OPEN message of " + length + " bytes is shorter than its fixed part");
        }
        int declared = Bytes.uint16(b, offset + 16);
        if (declared > length || Bytes.uint8(b, offset + 18) != TYPE_OPEN) {
            throw new MalformedBmpException("not an OPEN message of at most " + length + " bytes");
        }
        int end = offset + declared;
        int at = offset + BgpUpdateParser.HEADER;
        long asn = Bytes.uint16(b, at + 1);
        int holdTime = Bytes.uint16(b, at + 3);
        long bgpId = Bytes.uint32(b, at + 5);
        int paramsLength = Bytes.uint8(b, at + 9);
        at += 10;
        if (paramsLength == EXTENDED_PARAMS && end - at >= 3 && Bytes.uint8(b, at) == EXTENDED_PARAMS) {
            return readParams(b, at + 3, BgpUpdateParser.within(at + 3, Bytes.uint16(b, at + 1), end, "OPEN parameters"), true,
                    asn, holdTime, bgpId);
        }
        return readParams(b, at, BgpUpdateParser.within(at, paramsLength, end, "OPEN parameters"), false, asn, holdTime, bgpId);
    }

    /** The optional parameters (RFC 9072 extended ones with 2-byte lengths), of which the capabilities count. */
    private static OpenMessage readParams(byte[] b, int at, int end, boolean extended, long asn, int holdTime, long bgpId)
            throws MalformedBmpException {
        long fourByteAs = -1;
        int[] addPath = new int[2];
        int header = extended ? 3 : 2;
        while (at < end) {
            if (end - at < header) {
                throw new MalformedBmpException("an OPEN parameter header is cut short");
            }
            int type = Bytes.uint8(b, at);
            int length = extended ? Bytes.uint16(b, at + 1) : Bytes.uint8(b, at + 1);
            int valueEnd = BgpUpdateParser.within(at + header, length, end, "OPEN parameter " + type);
            if (type == PARAM_CAPABILITIES) {
                fourByteAs = readCapabilities(b, at + header, valueEnd, addPath, fourByteAs);
            }
            at = valueEnd;
        }
        return new OpenMessage(fourByteAs >= 0 ? fourByteAs : asn, holdTime, bgpId, fourByteAs >= 0, addPath);
    }

    private static long readCapabilities(byte[] b, int at, int end, int[] addPath, long fourByteAs)
            throws MalformedBmpException {
        long result = fourByteAs;
        while (at < end) {
            if (end - at < 2) {
                throw new MalformedBmpException("a capability header is cut short");
            }
            int code = Bytes.uint8(b, at);
            int valueEnd = BgpUpdateParser.within(at + 2, Bytes.uint8(b, at + 1), end, "capability " + code);
            if (code == CAP_FOUR_BYTE_AS && valueEnd - at - 2 == 4) {
                result = Bytes.uint32(b, at + 2);
            } else if (code == CAP_ADD_PATH) {
                for (int p = at + 2; p + 4 <= valueEnd; p += 4) {
                    int afi = Bytes.uint16(b, p);
                    int safi = Bytes.uint8(b, p + 2);
                    if (safi == BgpUpdateParser.SAFI_UNICAST && (afi == BgpUpdateParser.AFI_IPV4 || afi == BgpUpdateParser.AFI_IPV6)) {
                        addPath[afi - 1] = Bytes.uint8(b, p + 3) & (ADD_PATH_RECEIVE | ADD_PATH_SEND);
                    }
                }
            }
            at = valueEnd;
        }
        return result;
    }

    /** Whether this speaker said it sends path identifiers for the family (IPv6: true, IPv4: false). */
    public boolean sendsAddPath(boolean ipv6) {
        return (addPath[ipv6 ? 1 : 0] & ADD_PATH_SEND) != 0;
    }

    /** Whether this speaker said it receives path identifiers for the family. */
    public boolean receivesAddPath(boolean ipv6) {
        return (addPath[ipv6 ? 1 : 0] & ADD_PATH_RECEIVE) != 0;
    }
}
