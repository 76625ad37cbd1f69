package org.bwnetflow.connect.bmp.decode;

/** The message types of BMP v3 (RFC 7854 section 4.1), by their code. */
public enum BmpMessageType {
    ROUTE_MONITORING(0),
    STATISTICS_REPORT(1),
    PEER_DOWN(2),
    PEER_UP(3),
    INITIATION(4),
    TERMINATION(5),
    ROUTE_MIRRORING(6);

    private final int code;

    BmpMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of a code, or null for one this version does not know (such messages are skipped, not fatal). */
    public static BmpMessageType of(int code) {
        for (BmpMessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** Whether messages of this type start with a per-peer header (all but Initiation and Termination). */
    public boolean hasPeerHeader() {
        return this != INITIATION && this != TERMINATION;
    }
}
