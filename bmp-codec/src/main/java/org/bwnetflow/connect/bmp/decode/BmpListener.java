package org.bwnetflow.connect.bmp.decode;

/** What a {@link BmpStreamDecoder} found in a router's stream, message by message. */
public interface BmpListener {

    /** Initiation (RFC 7854 4.3): the router's sysName and sysDescr (null when it sent none). */
    void initiation(String sysName, String sysDescr);

    void peerUp(PeerUp up);

    /** Route Monitoring: an UPDATE of a peer in one of the router's tables. */
    void routes(PeerHeader peer, BgpUpdate update);

    /** Peer Down (RFC 7854 4.9) with its reason code. */
    void peerDown(PeerHeader peer, int reason);

    /** Statistics Report: counted, not interpreted. */
    default void statistics(PeerHeader peer) {
    }

    /** Termination: the router ends the session. */
    default void termination() {
    }

    /** A message of a type this version does not know, or Route Mirroring: skipped by its length. */
    default void skipped(int typeCode) {
    }
}
