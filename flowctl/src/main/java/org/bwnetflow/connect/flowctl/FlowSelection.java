package org.bwnetflow.connect.flowctl;

import org.bwnetflow.connect.filter.Filter;
import org.bwnetflow.connect.filter.RawFlowMatcher;

/**
 * The flows a reading command keeps: the {@code --filter} expressions (AND-ed) as one {@link Filter}, matched on a
 * record's raw FlowMessage bytes before anything decodes them, so a flow that does not match is never decoded. Not
 * thread-safe (it holds one {@link RawFlowMatcher}); a command reads on one thread.
 */
public final class FlowSelection {

    private final Filter filter;
    private final RawFlowMatcher matcher;
    private final String text;

    FlowSelection(Filter filter, String text) {
        this.filter = filter;
        this.matcher = filter.matchesAll() ? null : filter.compileRaw();
        this.text = text;
    }

    /**
     * Whether the record value is a flow the filter keeps. Without a filter every value passes (a value that is no
     * FlowMessage is then the command's to skip, as before); with one, a value that is no FlowMessage never matches.
     */
    public boolean matches(byte[] value) {
        return matcher == null || matcher.matches(value);
    }

    /** The filter all expressions make together. */
    public Filter filter() {
        return filter;
    }

    /** Whether every flow passes (no --filter, or only empty ones). */
    public boolean all() {
        return matcher == null;
    }

    /** The filter as it was typed (several joined with {@code and}); empty when every flow passes. */
    public String text() {
        return text;
    }
}
