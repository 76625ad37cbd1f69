package org.bwnetflow.connect.dashboard.explore;

/** A filter text the filter language does not accept: the parser's message and where (0-based) in the text. */
public final class FilterException extends IllegalArgumentException {

    private final int position;

    public FilterException(String message, int position) {
        super(message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
