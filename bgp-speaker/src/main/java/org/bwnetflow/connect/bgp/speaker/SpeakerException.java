package org.bwnetflow.connect.bgp.speaker;

/**
 * A BGP speaker did not do what was asked: it could not be reached, did not answer within the deadline, refused the
 * request, or holds a path for the route that this system did not announce. The message names the speaker's address,
 * the operation and the route.
 */
public final class SpeakerException extends Exception {

    private static final long serialVersionUID = 1L;

    public SpeakerException(String message) {
        super(message);
    }

    public SpeakerException(String message, Throwable cause) {
        super(message, cause);
    }
}
