package org.bwnetflow.connect.flowctl;

/** A topic a command was asked to read that does not exist or that the login may not read; says which, in one line. */
public final class UnreadableTopicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnreadableTopicException(String message) {
        super(message);
    }
}
