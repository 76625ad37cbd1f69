package org.bwnetflow.connect.dashboard.explore;

import org.bwnetflow.connect.filter.Filter;
import org.bwnetflow.connect.filter.FilterSyntaxException;
import org.bwnetflow.connect.filter.FlowFilters;
import org.bwnetflow.connect.filter.sql.SqlFilter;
import org.bwnetflow.connect.filter.sql.SqlTranslationException;

/**
 * The explorer's filters in the project's one filter language (flow-filter): parsed by
 * {@link FlowFilters#parse}, translated by {@link SqlFilter#toSql}, which writes only the raw flows
 * table's column names and {@code ?} placeholders, every value of the text a bound parameter.
 */
public final class LanguageFilterTranslator implements FilterTranslator {

    @Override
    public SqlCondition translate(String text) {
        if (text == null || text.isBlank()) {
            return SqlCondition.ALL;
        }
        Filter filter;
        try {
            filter = FlowFilters.parse(text);
        } catch (FilterSyntaxException e) {
            throw new FilterException(e.getMessage(), e.position());
        }
        if (filter.matchesAll()) {
            return SqlCondition.ALL;
        }
        try {
            org.bwnetflow.connect.filter.sql.SqlCondition sql = SqlFilter.toSql(filter);
            return new SqlCondition(sql.sql(), sql.parameters());
        } catch (SqlTranslationException e) {
            // a valid filter on something the table does not store (e.g. an exporter prefix): no single place to point at
            throw new FilterException(e.getMessage(), 0);
        }
    }
}
