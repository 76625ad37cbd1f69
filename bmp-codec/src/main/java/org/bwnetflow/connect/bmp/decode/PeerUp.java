package org.bwnetflow.connect.bmp.decode;

/**
 * A Peer Up notification (RFC 7854 section 4.10): the session between the monitored router and a
 * peer came up, with the OPEN messages both sent, which decide how the peer's UPDATEs in later
 * Route Monitoring messages are written.
 *
 * @param localAddress the router's address of the session (4 or 16 bytes)
 * @param sent         the OPEN the monitored router sent
 * @param received     the OPEN it received from the peer
 */
public record PeerUp(PeerHeader peer, byte[] localAddress, int localPort, int remotePort, OpenMessage sent,
        OpenMessage received) {

    /** Reads the body of a Peer Up message: {@code offset} is right after the common header, {@code length} what is left. */
    public static PeerUp read(byte[] b, int offset, int length) throws MalformedBmpException {
        PeerHeader peer = PeerHeader.read(b, offset, length);
        int end = offset + length;
        int at = offset + PeerHeader.LENGTH;
        BgpUpdateParser.within(at, 20, end, "Peer Up local address and ports");
        boolean ipv6 = peer.address().length == 16;
        byte[] local = ipv6 ? Bytes.copy(b, at, 16) : Bytes.copy(b, at + 12, 4);
        int localPort = Bytes.uint16(b, at + 16);
        int remotePort = Bytes.uint16(b, at + 18);
        at += 20;
        OpenMessage sent = OpenMessage.read(b, at, openLength(b, at, end));
        at += Bytes.uint16(b, at + 16);
        OpenMessage received = OpenMessage.read(b, at, openLength(b, at, end));
        return new PeerUp(peer, local, localPort, remotePort, sent, received);
    }

    private static int openLength(byte[] b, int at, int end) throws MalformedBmpException {
        if (end - at < BgpUpdateParser.HEADER) {
            throw new MalformedBmpException("a Peer Up notification ends before its OPEN messages");
        }
        int length = Bytes.uint16(b, at + 16);
        BgpUpdateParser.within(at, length, end, "OPEN message");
        return length;
    }

    /**
     * How this peer's UPDATEs in Adj-RIB-In Route Monitoring are parsed: 4-byte AS paths unless the
     * per-peer header says otherwise, and path identifiers where the peer sends them and the router
     * receives them (RFC 7911 section 4).
     */
    public BgpUpdateParser adjRibInParser(PeerHeader routeMonitoring) {
        return new BgpUpdateParser(routeMonitoring.twoByteAsPath(), received.sendsAddPath(false) && sent.receivesAddPath(false),
                received.sendsAddPath(true) && sent.receivesAddPath(true));
    }
}
