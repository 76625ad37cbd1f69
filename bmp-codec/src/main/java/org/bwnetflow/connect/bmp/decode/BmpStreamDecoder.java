package org.bwnetflow.connect.bmp.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes one router's BMP session: the bytes as they arrive from TCP, in any pieces, into
 * messages handed to a {@link BmpListener}. Remembers each peer's Peer Up to parse its UPDATEs
 * (4-byte AS, ADD-PATH). Holds at most one message's bytes ({@code maxMessageBytes}); anything
 * malformed throws {@link MalformedBmpException}, after which the session must be closed.
 * One per session, single-threaded.
 */
public final class BmpStreamDecoder {

    private static final int INFO_SYS_DESCR = 1;
    private static final int INFO_SYS_NAME = 2;

    private final BmpFraming framing;
    private final BmpListener listener;
    private final Map<PeerKey, PeerUp> peers = new HashMap<>();
    private final int maxMessageBytes;
    private final int maxPeers;
    private byte[] pending = new byte[0];
    private int pendingLength;

    /**
     * @param maxMessageBytes the longest message accepted (a BGP message is at most 65,535 bytes, plus BMP's headers)
     * @param maxPeers        the most peers a router may have up at once: bounds what a session holds
     */
    public BmpStreamDecoder(int maxMessageBytes, int maxPeers, BmpListener listener) {
        this.framing = new BmpFraming(maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
        this.maxPeers = maxPeers;
        this.listener = listener;
    }

    /** Takes the next bytes of the stream and decodes every message they complete. */
    public void accept(byte[] bytes, int offset, int length) throws MalformedBmpException {
        append(bytes, offset, length);
        int at = 0;
        while (true) {
            int messageLength = framing.messageLength(pending, at, pendingLength - at);
            if (messageLength < 0 || pendingLength - at < messageLength) {
                break;
            }
            decode(pending, at, messageLength);
            at += messageLength;
        }
        System.arraycopy(pending, at, pending, 0, pendingLength - at);
        pendingLength -= at;
    }

    /** Bytes the session's buffer takes on the heap: at most one maximal message and the last piece received. */
    public int bufferBytes() {
        return pending.length;
    }

    /** Bytes of an incomplete message held until the rest arrives. */
    public int pendingBytes() {
        return pendingLength;
    }

    private void append(byte[] bytes, int offset, int length) {
        int needed = pendingLength + length;
        if (needed > pending.length) {
            // doubling keeps copies few, but never beyond one maximal message and the piece at hand: the bound per session
            long capped = Math.min((long) pending.length * 2, (long) maxMessageBytes + length);
            byte[] grown = new byte[(int) Math.max(needed, capped)];
            System.arraycopy(pending, 0, grown, 0, pendingLength);
            pending = grown;
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    private void decode(byte[] b, int at, int length) throws MalformedBmpException {
        int code = BmpFraming.typeCode(b, at);
        BmpMessageType type = BmpMessageType.of(code);
        int body = at + BmpFraming.COMMON_HEADER;
        int bodyLength = length - BmpFraming.COMMON_HEADER;
        if (type == null || type == BmpMessageType.ROUTE_MIRRORING) {
            listener.skipped(code);
            return;
        }
        switch (type) {
            case INITIATION -> initiation(b, body, bodyLength);
            case TERMINATION -> listener.termination();
            case PEER_UP -> peerUp(PeerUp.read(b, body, bodyLength));
            case PEER_DOWN -> peerDown(b, body, bodyLength);
            case STATISTICS_REPORT -> listener.statistics(PeerHeader.read(b, body, bodyLength));
            default -> routeMonitoring(b, body, bodyLength);
        }
    }

    /** The Peer Up of the peer a per-peer header names, while it is up; null if none was seen (or for the Loc-RIB). */
    public PeerUp peerUp(PeerHeader peer) {
        return peers.get(PeerKey.of(peer));
    }

    private void routeMonitoring(byte[] b, int body, int bodyLength) throws MalformedBmpException {
        PeerHeader peer = PeerHeader.read(b, body, bodyLength);
        PeerUp up = peers.get(PeerKey.of(peer));
        // Loc-RIB (RFC 9069) has no Peer Up per peer; a peer monitored without one is read with the header's own flags
        BgpUpdateParser parser = up != null ? up.adjRibInParser(peer) : new BgpUpdateParser(peer.twoByteAsPath(), false, false);
        listener.routes(peer, parser.parse(b, body + PeerHeader.LENGTH, bodyLength - PeerHeader.LENGTH));
    }

    private void peerUp(PeerUp up) throws MalformedBmpException {
        PeerKey key = PeerKey.of(up.peer());
        if (!peers.containsKey(key) && peers.size() >= maxPeers) {
            throw new MalformedBmpException("more than " + maxPeers + " peers up at once");
        }
        peers.put(key, up);
        listener.peerUp(up);
    }

    private void peerDown(byte[] b, int body, int bodyLength) throws MalformedBmpException {
        PeerHeader peer = PeerHeader.read(b, body, bodyLength);
        if (bodyLength < PeerHeader.LENGTH + 1) {
            throw new MalformedBmpException("a Peer Down notification without its reason");
        }
        peers.remove(PeerKey.of(peer));
        listener.peerDown(peer, Bytes.uint8(b, body + PeerHeader.LENGTH));
    }

    private void initiation(byte[] b, int at, int length) throws MalformedBmpException {
        int end = at + length;
        String sysName = null;
        String sysDescr = null;
        while (at < end) {
            if (end - at < 4) {
                throw new MalformedBmpException("an information TLV header is cut short");
            }
            int type = Bytes.uint16(b, at);
            int valueEnd = BgpUpdateParser.within(at + 4, Bytes.uint16(b, at + 2), end, "information TLV " + type);
            String value = new String(b, at + 4, valueEnd - at - 4, StandardCharsets.UTF_8);
            if (type == INFO_SYS_NAME) {
                sysName = value;
            } else if (type == INFO_SYS_DESCR) {
                sysDescr = value;
            } // free-form strings (type 0) and later TLVs are not needed here
            at = valueEnd;
        }
        listener.initiation(sysName, sysDescr);
    }

    /** A peer of the router: its type, distinguisher and address. */
    private record PeerKey(int type, long distinguisher, String address) {
        static PeerKey of(PeerHeader peer) {
            return new PeerKey(peer.peerType(), peer.distinguisher(), Arrays.toString(peer.address()));
        }
    }
}
