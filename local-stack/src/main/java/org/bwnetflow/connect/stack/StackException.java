package org.bwnetflow.connect.stack;

/**
 * A part of the local stack could not be started, did not become ready in time, or a
 * connector failed. The message is meant for a human: it says what failed and, where a
 * process is involved, ends with the last lines of its log.
 */
public class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
