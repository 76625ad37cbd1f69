package org.bwnetflow.connect.filter;

/**
 * A filter text that is not a filter: the message says where ({@code at 23: ...}) and what was
 * expected there; {@link #position()} is the same place as a 0-based character offset into the text.
 */
public final class FilterSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public FilterSyntaxException(int position, String problem) {
        super("at " + position + ": " + problem);
        this.position = position;
    }

    /** The 0-based character offset into the filter text where the problem is. */
    public int position() {
        return position;
    }
}
