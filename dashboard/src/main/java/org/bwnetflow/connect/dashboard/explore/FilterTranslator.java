package org.bwnetflow.connect.dashboard.explore;

/**
 * The explorer's one door to the filter language: a filter text as a SQL condition over the raw
 * flows table whose values are all bound parameters ({@link LanguageFilterTranslator}: the flow-filter
 * module's parser and SQL translation).
 */
public interface FilterTranslator {

    /**
     * The condition of {@code text}; {@link SqlCondition#ALL} for a blank text.
     *
     * @throws FilterException with the parser's message and position when the text is no filter
     */
    SqlCondition translate(String text);
}
