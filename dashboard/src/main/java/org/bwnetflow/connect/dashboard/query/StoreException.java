package org.bwnetflow.connect.dashboard.query;

/** The database could not answer (unreachable, or it reported an error); the message says which. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
