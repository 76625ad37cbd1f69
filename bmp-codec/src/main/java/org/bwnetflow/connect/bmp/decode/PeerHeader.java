package org.bwnetflow.connect.bmp.decode;

/**
 * The per-peer header of a BMP message (RFC 7854 section 4.2; RFC 9069 for the Loc-RIB peer
 * type, RFC 8671 for Adj-RIB-Out): which peer of the router, in which table, and how its AS path
 * is written.
 *
 * @param peerType      0 global instance, 1 RD instance, 2 local instance, 3 Loc-RIB instance
 * @param distinguisher the route distinguisher of peer types 1 and 2 (0 otherwise)
 * @param address       the peer's address: 4 bytes for an IPv4 peer, 16 for IPv6 (all zero for Loc-RIB)
 * @param peerAs        the peer's AS number
 * @param bgpId         the peer's BGP identifier
 * @param timestampMillis when the router saw what the message reports (0 if it does not say)
 * @param table         the table the routes of a Route Monitoring message are in
 * @param twoByteAsPath whether AS_PATH in this peer's UPDATEs has 2-byte AS numbers (the A flag)
 * @param filtered      Loc-RIB only: the routes were filtered (RFC 9069 F flag)
 */
public record PeerHeader(int peerType, long distinguisher, byte[] address, long peerAs, long bgpId, long timestampMillis,
        RibTable table, boolean twoByteAsPath, boolean filtered) {

    /** Bytes of a per-peer header. */
    public static final int LENGTH = 42;

    static final int LOC_RIB_PEER = 3;
    private static final int FLAG_IPV6 = 0x80;
    private static final int FLAG_POST_POLICY = 0x40;
    private static final int FLAG_TWO_BYTE_AS = 0x20;
    private static final int FLAG_ADJ_RIB_OUT = 0x10;
    private static final int FLAG_FILTERED = 0x80;

    /** Reads the header at {@code offset}, where {@code available} bytes are left of the message. */
    public static PeerHeader read(byte[] b, int offset, int available) throws MalformedBmpException {
        if (available < LENGTH) {
            throw new MalformedBmpException("a per-peer header needs " + LENGTH + " bytes, " + available + " left");
        }
        int type = Bytes.uint8(b, offset);
        if (type > LOC_RIB_PEER) {
            throw new MalformedBmpException("peer type " + type + " is not one of RFC 7854's or RFC 9069's");
        }
        int flags = Bytes.uint8(b, offset + 1);
        long distinguisher = Bytes.int64(b, offset + 2);
        boolean locRib = type == LOC_RIB_PEER;
        boolean ipv6 = !locRib && (flags & FLAG_IPV6) != 0;
        byte[] address = ipv6 ? Bytes.copy(b, offset + 10, 16) : Bytes.copy(b, offset + 22, 4);
        long peerAs = Bytes.uint32(b, offset + 26);
        long bgpId = Bytes.uint32(b, offset + 30);
        long millis = Bytes.uint32(b, offset + 34) * 1000 + Bytes.uint32(b, offset + 38) / 1000;
        RibTable table;
        if (locRib) {
            table = RibTable.LOC_RIB;
        } else if ((flags & FLAG_ADJ_RIB_OUT) != 0) {
            table = (flags & FLAG_POST_POLICY) != 0 ? RibTable.ADJ_RIB_OUT_POST_POLICY : RibTable.ADJ_RIB_OUT_PRE_POLICY;
        } else {
            table = (flags & FLAG_POST_POLICY) != 0 ? RibTable.ADJ_RIB_IN_POST_POLICY : RibTable.ADJ_RIB_IN_PRE_POLICY;
        }
        return new PeerHeader(type, distinguisher, address, peerAs, bgpId, millis, table,
                !locRib && (flags & FLAG_TWO_BYTE_AS) != 0, locRib && (flags & FLAG_FILTERED) != 0);
    }
}
