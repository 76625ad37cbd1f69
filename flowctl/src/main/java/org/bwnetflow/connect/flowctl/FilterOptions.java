package org.bwnetflow.connect.flowctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.filter.Filter;
import org.bwnetflow.connect.filter.FilterNode;
import org.bwnetflow.connect.filter.FilterSyntaxException;
import org.bwnetflow.connect.filter.FlowFilters;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --filter EXPR}: the flows a reading command keeps, in the project's filter language
 * ({@code docs/filter-language.md}); repeated, all must hold (a picocli mixin). A bad expression is a usage error
 * ({@link FilterSettingsException}) that shows where it went wrong.
 */
public final class FilterOptions {

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "Only flows this filter matches, e.g. 'proto udp and dst port 53' or 'SrcAddr=10.0.0.0/8' "
                    + "(docs/filter-language.md); repeat to AND filters")
    List<String> expressions = new ArrayList<>();

    /** An old option that stands for a filter, e.g. {@code --net 10.0.0.0/8} for {@code net 10.0.0.0/8}. */
    public record OldOption(String option, String expression) {
    }

    /** The selection of the --filter options alone. */
    public FlowSelection selection(CommandSpec spec) {
        return selection(spec, List.of());
    }

    /**
     * The selection of the --filter options and the old options that stand for filters (all AND-ed); each old
     * option says once on stderr which filter it is.
     *
     * @throws FilterSettingsException for an expression that is no filter
     */
    public FlowSelection selection(CommandSpec spec, List<OldOption> oldOptions) {
        PrintWriter err = spec.commandLine().getErr();
        List<Filter> filters = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (OldOption old : oldOptions) {
            err.println("flowctl: " + old.option() + " is the filter '" + old.expression() + "'; use --filter");
            add(old.option(), old.expression(), filters, texts);
        }
        for (String expression : expressions) {
            add("--filter '" + expression + "'", expression, filters, texts);
        }
        err.flush();
        if (texts.size() > 1) {
            texts.replaceAll(FilterOptions::joinable);
        }
        return new FlowSelection(combined(filters), String.join(" and ", texts));
    }

    private static void add(String option, String expression, List<Filter> filters, List<String> texts) {
        Filter filter;
        try {
            filter = FlowFilters.parse(expression);
        } catch (FilterSyntaxException e) {
            throw new FilterSettingsException(option, expression, e);
        }
        if (filter.matchesAll()) {
            return;
        }
        filters.add(filter);
        texts.add(expression.strip());
    }

    /**
     * The text in parentheses when it would mean something else joined with {@code and}: {@code a or b} would read
     * as {@code a or (b and ...)}. A keyword's own {@code or} ({@code port 53}) needs none.
     */
    private static String joinable(String text) {
        String probe = " and Cid = 0";
        try {
            return FlowFilters.parse(text + probe).equals(FlowFilters.parse("(" + text + ")" + probe)) ? text
                    : "(" + text + ")";
        } catch (FilterSyntaxException e) {
            return "(" + text + ")"; // nested as deep as the parser allows: parentheses are never wrong
        }
    }

    /** The filters AND-ed (each parsed alone first, so a mistake is shown in its own expression). */
    private static Filter combined(List<Filter> filters) {
        if (filters.size() == 1) {
            return filters.get(0);
        }
        List<String> parts = new ArrayList<>();
        for (Filter filter : filters) {
            parts.add(filter.root() instanceof FilterNode.Or ? "(" + filter + ")" : filter.toString());
        }
        String joined = String.join(" and ", parts);
        try {
            return FlowFilters.parse(joined); // canonical texts parse back, also when joined
        } catch (FilterSyntaxException e) { // one more level of parentheses than the parser allows
            throw new FilterSettingsException("--filter (all of them)", joined, e);
        }
    }
}
