package org.bwnetflow.connect.bmp.source.rib;

/** Why a route's record gets a tombstone: each is counted on its own. */
public enum TombstoneCause {
    /** The router withdrew it. */
    WITHDRAWN,
    /** Its peer went down (Peer Down notification). */
    PEER_DOWN,
    /** The router's session ended and it did not come back within the grace. */
    SESSION_END,
    /** The router came back (or the task restarted) and did not announce it again. */
    NOT_REANNOUNCED
}
