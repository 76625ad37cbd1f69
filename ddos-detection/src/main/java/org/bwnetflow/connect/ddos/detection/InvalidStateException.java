package org.bwnetflow.connect.ddos.detection;

/**
 * A state record the detector cannot take: of another format version, cut short, corrupt, of an
 * unknown key, or not matching the detector (its hours of another zone). The message names the key.
 */
public final class InvalidStateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    InvalidStateException(String key, String why) {
        super("state record " + key + ": " + why);
        this.key = key;
    }

    InvalidStateException(String key, String why, Throwable cause) {
        super("state record " + key + ": " + why, cause);
        this.key = key;
    }

    /** The key of the record that was refused. */
    public String key() {
        return key;
    }
}
