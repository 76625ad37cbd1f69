package org.bwnetflow.connect.dashboard.explore;

/**
 * The explorer's one door to the filter language: a filter text as a SQL condition over the raw
 * flows table whose values are all bound parameters. When the flow-filter module is merged, an
 * adapter over {@code FlowFilters.parse} and {@code SqlFilter.toSql} replaces
 * {@link InterimFilterTranslator} here, and nothing else in the dashboard changes.
 */
public interface FilterTranslator {

    /**
     * The condition of {@code text}; {@link SqlCondition#ALL} for a blank text.
     *
     * @throws FilterException with the parser's message and position when the text is no filter
     */
    SqlCondition translate(String text);
}
