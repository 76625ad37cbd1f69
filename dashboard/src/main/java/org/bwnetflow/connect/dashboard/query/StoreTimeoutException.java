package org.bwnetflow.connect.dashboard.query;

/**
 * A question took longer than it may and was stopped, in the database too (504): the message says
 * how long it had and is fit for every login (it names nothing of the inside).
 */
public final class StoreTimeoutException extends RuntimeException {

    public StoreTimeoutException(String message) {
        super(message);
    }
}
