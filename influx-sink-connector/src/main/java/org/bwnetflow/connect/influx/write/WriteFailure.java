package org.bwnetflow.connect.influx.write;

/**
 * A write to the database that did not succeed, classified for the sink task: a
 * {@link Kind#RETRIABLE} failure (5xx, 429, 408, timeouts, connection errors) becomes Connect's
 * {@code RetriableException} with a backoff until the attempts run out, a {@link Kind#FATAL}
 * one (bad token, missing bucket, rejected line protocol, ...) fails the task at once, because
 * retrying cannot help. The message names the url, bucket, HTTP status, the server's own message
 * and the config key to check; it never contains the token.
 */
public final class WriteFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** What the sink task should do about the failure. */
    public enum Kind {
        /** Try the same write again later (the server or the network may recover). */
        RETRIABLE,
        /** Stop: the configuration or the data is wrong, another attempt fails the same way. */
        FATAL
    }

    /** The HTTP status when there was none (connection refused, timeout, ...). */
    public static final int NO_STATUS = 0;

    private final Kind kind;
    private final int status;

    /**
     * A failure; {@code cause} may be null. The cause's own message must not contain the token
     * (the classifier redacts it).
     */
    public WriteFailure(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retriable() {
        return kind == Kind.RETRIABLE;
    }

    /** The HTTP status, or {@link #NO_STATUS} when the server never answered. */
    public int status() {
        return status;
    }
}
