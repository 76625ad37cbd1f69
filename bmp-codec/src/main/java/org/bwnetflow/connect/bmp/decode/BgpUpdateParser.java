package org.bwnetflow.connect.bmp.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a BGP UPDATE message (RFC 4271 section 4.3) as a BMP Route Monitoring message carries
 * it: IPv4 unicast in the message's own withdrawn routes and NLRI, IPv4 and IPv6 unicast in
 * MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760), AS_PATH with 4-byte AS numbers or 2-byte ones
 * merged with AS4_PATH (RFC 6793), COMMUNITIES, LARGE_COMMUNITY, and ADD-PATH path identifiers
 * (RFC 7911) where the session negotiated them. Every length is checked against what encloses
 * it; anything that does not fit is a {@link MalformedBmpException}, never an exception of
 * another kind and never a read beyond the message.
 */
public final class BgpUpdateParser {

    /** Bytes of a BGP message header: marker, length, type. */
    public static final int HEADER = 19;
    static final int TYPE_UPDATE = 2;
    /** RFC 8654 extended messages may be this long; without them 4,096. */
    static final int MAX_LENGTH = 65_535;

    static final int ATTR_ORIGIN = 1;
    static final int ATTR_AS_PATH = 2;
    static final int ATTR_NEXT_HOP = 3;
    static final int ATTR_MED = 4;
    static final int ATTR_LOCAL_PREF = 5;
    static final int ATTR_COMMUNITIES = 8;
    static final int ATTR_MP_REACH = 14;
    static final int ATTR_MP_UNREACH = 15;
    static final int ATTR_AS4_PATH = 17;
    static final int ATTR_LARGE_COMMUNITY = 32;

    static final int AFI_IPV4 = 1;
    static final int AFI_IPV6 = 2;
    static final int SAFI_UNICAST = 1;

    private static final int FLAG_EXTENDED_LENGTH = 0x10;

    private final boolean twoByteAs;
    private final boolean addPathIpv4;
    private final boolean addPathIpv6;

    /**
     * @param twoByteAs   AS_PATH carries 2-byte AS numbers (a peer without the 4-byte AS capability)
     * @param addPathIpv4 IPv4 unicast NLRI carry path identifiers
     * @param addPathIpv6 IPv6 unicast NLRI carry path identifiers
     */
    public BgpUpdateParser(boolean twoByteAs, boolean addPathIpv4, boolean addPathIpv6) {
        this.twoByteAs = twoByteAs;
        this.addPathIpv4 = addPathIpv4;
        this.addPathIpv6 = addPathIpv6;
    }

    /** Parses the BGP message of {@code length} bytes at {@code offset}, which must be an UPDATE. */
    public BgpUpdate parse(byte[] b, int offset, int length) throws MalformedBmpException {
        int end = checkHeader(b, offset, length);
        int at = offset + HEADER;
        int withdrawnLength = field16(b, at, end, "withdrawn routes length");
        at += 2;
        int withdrawnEnd = within(at, withdrawnLength, end, "withdrawn routes");
        List<Prefix> withdrawn = new ArrayList<>();
        readNlri(b, at, withdrawnEnd, 4, addPathIpv4, withdrawn);
        at = withdrawnEnd;
        int attributesLength = field16(b, at, end, "path attribute length");
        at += 2;
        int attributesEnd = within(at, attributesLength, end, "path attributes");
        Attributes attributes = new Attributes();
        List<Prefix> announced = new ArrayList<>();
        readAttributes(b, at, attributesEnd, attributes, announced, withdrawn);
        readNlri(b, attributesEnd, end, 4, addPathIpv4, announced);
        return new BgpUpdate(withdrawn, announced, attributes.build(), attributes.otherFamilies);
    }

    /** Checks the marker, length and type; returns the message's end. */
    static int checkHeader(byte[] b, int offset, int length) throws MalformedBmpException {
        if (length < HEADER || offset + length > b.length) {
            throw new MalformedBmpException("a BGP message needs " + HEADER + " bytes of header, " + length + " given");
        }
        for (int i = 0; i < 16; i++) {
            if (b[offset + i] != (byte) 0xFF) {
                throw new MalformedBmpException("the BGP message's marker is not all ones");
            }
        }
        int declared = Bytes.uint16(b, offset + 16);
        if (declared < HEADER || declared > length) {
            throw new MalformedBmpException("BGP message length " + declared + " does not fit the " + length
                    + " bytes that carry it");
        }
        int type = Bytes.uint8(b, offset + 18);
        if (type != TYPE_UPDATE) {
            throw new MalformedBmpException("BGP message type " + type + " where an UPDATE (2) was expected");
        }
        return offset + declared;
    }

    private void readAttributes(byte[] b, int at, int end, Attributes out, List<Prefix> announced, List<Prefix> withdrawn)
            throws MalformedBmpException {
        while (at < end) {
            if (end - at < 3) {
                throw new MalformedBmpException("a path attribute header is cut short");
            }
            int flags = Bytes.uint8(b, at);
            int type = Bytes.uint8(b, at + 1);
            boolean extended = (flags & FLAG_EXTENDED_LENGTH) != 0;
            if (extended && end - at < 4) {
                throw new MalformedBmpException("an extended-length path attribute header is cut short");
            }
            int length = extended ? Bytes.uint16(b, at + 2) : Bytes.uint8(b, at + 2);
            int valueAt = at + (extended ? 4 : 3);
            int valueEnd = within(valueAt, length, end, "path attribute " + type);
            readAttribute(b, type, valueAt, valueEnd, out, announced, withdrawn);
            at = valueEnd;
        }
    }

    private void readAttribute(byte[] b, int type, int at, int end, Attributes out, List<Prefix> announced,
            List<Prefix> withdrawn) throws MalformedBmpException {
        int length = end - at;
        switch (type) {
            case ATTR_ORIGIN -> out.origin = exact(length, 1, "ORIGIN") ? Bytes.uint8(b, at) : -1;
            case ATTR_AS_PATH -> out.asPath = AsPaths.read(b, at, end, twoByteAs ? 2 : 4);
            case ATTR_AS4_PATH -> out.as4Path = AsPaths.read(b, at, end, 4);
            case ATTR_NEXT_HOP -> {
                exact(length, 4, "NEXT_HOP");
                out.nextHop = Bytes.copy(b, at, 4);
            }
            case ATTR_MED -> out.med = exact(length, 4, "MULTI_EXIT_DISC") ? Bytes.uint32(b, at) : -1;
            case ATTR_LOCAL_PREF -> out.localPref = exact(length, 4, "LOCAL_PREF") ? Bytes.uint32(b, at) : -1;
            case ATTR_COMMUNITIES -> out.communities = words(b, at, length, 1, "COMMUNITIES");
            case ATTR_LARGE_COMMUNITY -> out.largeCommunities = words(b, at, length, 3, "LARGE_COMMUNITY");
            case ATTR_MP_REACH -> readMpReach(b, at, end, out, announced);
            case ATTR_MP_UNREACH -> readMpUnreach(b, at, end, out, withdrawn);
            default -> {
                // an attribute the RIB does not keep: skipped by its length
            }
        }
    }

    private void readMpReach(byte[] b, int at, int end, Attributes out, List<Prefix> announced)
            throws MalformedBmpException {
        if (end - at < 5) {
            throw new MalformedBmpException("MP_REACH_NLRI is shorter than its fixed part");
        }
        int afi = Bytes.uint16(b, at);
        int safi = Bytes.uint8(b, at + 2);
        int nextHopLength = Bytes.uint8(b, at + 3);
        int nextHopEnd = within(at + 4, nextHopLength, end, "MP_REACH_NLRI next hop");
        if (nextHopEnd + 1 > end) {
            throw new MalformedBmpException("MP_REACH_NLRI ends before its reserved byte");
        }
        if (!unicast(afi, safi)) {
            out.otherFamilies++;
            return;
        }
        checkNextHopLength(nextHopLength);
        out.mpNextHop = Bytes.copy(b, at + 4, nextHopLength == 4 ? 4 : 16);
        int width = afi == AFI_IPV4 ? 4 : 16;
        readNlri(b, nextHopEnd + 1, end, width, afi == AFI_IPV4 ? addPathIpv4 : addPathIpv6, announced);
    }

    private void readMpUnreach(byte[] b, int at, int end, Attributes out, List<Prefix> withdrawn)
            throws MalformedBmpException {
        if (end - at < 3) {
            throw new MalformedBmpException("MP_UNREACH_NLRI is shorter than its fixed part");
        }
        int afi = Bytes.uint16(b, at);
        int safi = Bytes.uint8(b, at + 2);
        if (!unicast(afi, safi)) {
            out.otherFamilies++;
            return;
        }
        readNlri(b, at + 3, end, afi == AFI_IPV4 ? 4 : 16, afi == AFI_IPV4 ? addPathIpv4 : addPathIpv6, withdrawn);
    }

    private static boolean unicast(int afi, int safi) {
        return safi == SAFI_UNICAST && (afi == AFI_IPV4 || afi == AFI_IPV6);
    }

    /** IPv6 next hops are 16 bytes, or 32 with a link-local one after the global; IPv4 ones 4 (or IPv6, RFC 8950). */
    private static void checkNextHopLength(int length) throws MalformedBmpException {
        if (length != 4 && length != 16 && length != 32) {
            throw new MalformedBmpException("MP_REACH_NLRI next hop of " + length + " bytes");
        }
    }

    /** NLRI from {@code at} to {@code end}: [path id,] length in bits, the prefix's significant bytes. */
    static void readNlri(byte[] b, int at, int end, int width, boolean addPath, List<Prefix> out)
            throws MalformedBmpException {
        while (at < end) {
            long pathId = 0;
            if (addPath) {
                if (end - at < 4) {
                    throw new MalformedBmpException("an NLRI's path identifier is cut short");
                }
                pathId = Bytes.uint32(b, at);
                at += 4;
                if (at >= end) {
                    throw new MalformedBmpException("an NLRI ends after its path identifier");
                }
            }
            int bits = Bytes.uint8(b, at);
            if (bits > width * 8) {
                throw new MalformedBmpException("a prefix of " + bits + " bits in an address family of " + width * 8);
            }
            int bytes = (bits + 7) / 8;
            within(at + 1, bytes, end, "NLRI prefix");
            byte[] address = new byte[width];
            System.arraycopy(b, at + 1, address, 0, bytes);
            if (bits % 8 != 0) {
                address[bytes - 1] &= (byte) (0xFF << (8 - bits % 8)); // host bits a router left set are not the prefix's
            }
            out.add(new Prefix(address, bits, pathId));
            at += 1 + bytes;
        }
    }

    private static int field16(byte[] b, int at, int end, String what) throws MalformedBmpException {
        if (end - at < 2) {
            throw new MalformedBmpException("the UPDATE ends before its " + what);
        }
        return Bytes.uint16(b, at);
    }

    /** The end of a part of {@code length} bytes at {@code at}, which must lie within {@code end}. */
    static int within(int at, int length, int end, String what) throws MalformedBmpException {
        if (length < 0 || at + length > end) {
            throw new MalformedBmpException(what + " of " + length + " bytes runs past its enclosing part ("
                    + Math.max(0, end - at) + " bytes left)");
        }
        return at + length;
    }

    private static boolean exact(int length, int expected, String what) throws MalformedBmpException {
        if (length != expected) {
            throw new MalformedBmpException(what + " of " + length + " bytes, not " + expected);
        }
        return true;
    }

    private static long[] words(byte[] b, int at, int length, int perValue, String what) throws MalformedBmpException {
        if (length % (4 * perValue) != 0) {
            throw new MalformedBmpException(what + " of " + length + " bytes is no whole number of values");
        }
        long[] values = new long[length / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = Bytes.uint32(b, at + 4 * i);
        }
        return values;
    }

    /** What the attributes said, while they are read. */
    private final class Attributes {
        int origin = -1;
        List<AsPathSegment> asPath = List.of();
        List<AsPathSegment> as4Path;
        byte[] nextHop;
        byte[] mpNextHop;
        long med = -1;
        long localPref = -1;
        long[] communities = new long[0];
        long[] largeCommunities = new long[0];
        int otherFamilies;

        PathAttributes build() {
            List<AsPathSegment> path = twoByteAs && as4Path != null ? AsPaths.merge(asPath, as4Path) : asPath;
            return new PathAttributes(origin, path, nextHop, mpNextHop, med, localPref, communities, largeCommunities);
        }
    }
}
