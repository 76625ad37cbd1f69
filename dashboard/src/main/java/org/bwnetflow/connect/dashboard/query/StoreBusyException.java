package org.bwnetflow.connect.dashboard.query;

/** Too many requests ask the database at once: try again shortly (503). */
public final class StoreBusyException extends RuntimeException {

    public StoreBusyException(String message) {
        super(message);
    }
}
