package org.bwnetflow.connect.filter;

import java.util.function.Predicate;
import org.apache.kafka.connect.data.Struct;

/**
 * A parsed flow filter (see {@code docs/filter-language.md}): immutable and thread-safe. It matches flow Structs
 * directly ({@link #matches}), compiles into matchers of raw FlowMessage bytes ({@link #compileRaw}), and
 * {@link org.bwnetflow.connect.filter.sql.SqlFilter} translates it into SQL on the raw flows table.
 *
 * <p>{@link #toString()} is the canonical text: every keyword reduced to conditions on FlowMessage fields
 * ({@code src port 53} is written {@code SrcPort = 53}); it parses back to an equal filter. Two filters are
 * equal when their trees are.
 */
public final class Filter {

    private final FilterNode root;
    private final Predicate<Struct> predicate;

    Filter(FilterNode root) {
        this.root = root;
        this.predicate = StructPredicates.of(root);
    }

    /** The filter's tree, for translations such as SQL. */
    public FilterNode root() {
        return root;
    }

    /**
     * Whether a flow matches: a Struct of {@code FlowMessageSchema}, or of another schema with FlowMessage field
     * names (a reduced flow). Absent, null and missing fields count as their proto3 default (0, "", no bytes, no
     * list values); an address field without a 4- or 16-byte address counts as {@code ::}.
     */
    public boolean matches(Struct flow) {
        return predicate.test(flow);
    }

    /** A new matcher of raw FlowMessage bytes for this filter; one per thread (see {@link RawFlowMatcher}). */
    public RawFlowMatcher compileRaw() {
        return RawCompiler.compile(root);
    }

    /** Whether the filter matches every flow (the empty filter, {@code any}). */
    public boolean matchesAll() {
        return root instanceof FilterNode.MatchAll;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Filter filter && root.equals(filter.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    /** The canonical filter text; {@code FlowFilters.parse(filter.toString())} equals this filter. */
    @Override
    public String toString() {
        return root.toString();
    }
}
