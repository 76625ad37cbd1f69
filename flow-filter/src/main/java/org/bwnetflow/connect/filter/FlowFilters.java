package org.bwnetflow.connect.filter;

/**
 * Parses the flow filter language, an nfdump-like syntax (the grammar and every keyword are in
 * {@code docs/filter-language.md}):
 *
 * <pre>
 * src net 10.0.0.0/8 and proto udp and dst port 53 and bytes &gt; 1k and not dst as 64500
 * host 2001:db8::1 or (port in [80 443] and country DE)
 * SrcAddr=10.0.0.0/8 and DstAsPath contains 64500
 * </pre>
 */
public final class FlowFilters {

    private FlowFilters() {
    }

    /**
     * The filter the text says; an empty or blank text matches every flow.
     *
     * @throws FilterSyntaxException when the text is no filter, with the position of the problem
     */
    public static Filter parse(String text) {
        if (text == null) {
            throw new NullPointerException("filter text");
        }
        return new Filter(FilterParser.parse(text));
    }
}
