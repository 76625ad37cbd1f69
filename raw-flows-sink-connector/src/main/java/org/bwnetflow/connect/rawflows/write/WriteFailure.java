package org.bwnetflow.connect.rawflows.write;

/**
 * A request QuestDB did not take: whether trying again may help (it was down, busy or slow), and
 * for a refused batch the line it named. The message never holds the password.
 */
public final class WriteFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, and so what the sink does about it. */
    public enum Kind {
        /** Not reachable, a timeout, 5xx or 429: retried with backoff. */
        RETRIABLE,
        /** 401 or 403: the login is wrong; the task fails with a message saying so. */
        LOGIN,
        /** 400 naming a line: that line is cut out of the batch and counted, the rest written again. */
        REFUSED_LINE,
        /** Anything else QuestDB refused: the task fails with QuestDB's message. */
        FATAL
    }

    private final Kind kind;
    private final int status;
    /** The refused line, from 0; -1 when QuestDB named none. */
    private final int line;

    public WriteFailure(Kind kind, int status, int line, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.line = line;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status; 0 when there was no answer. */
    public int status() {
        return status;
    }

    public int line() {
        return line;
    }
}
