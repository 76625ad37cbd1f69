package org.bwnetflow.connect.bmp.decode;

/**
 * BMP or BGP bytes that break their RFC: a session that sends one is closed (its framing can no
 * longer be trusted) and counted, never the task.
 */
public final class MalformedBmpException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedBmpException(String message) {
        super(message);
    }
}
