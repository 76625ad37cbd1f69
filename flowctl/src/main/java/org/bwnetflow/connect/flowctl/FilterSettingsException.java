package org.bwnetflow.connect.flowctl;

import org.bwnetflow.connect.filter.FilterSyntaxException;

/**
 * A {@code --filter} expression (or an old option that stands for one) that is no filter: a usage error whose
 * message shows the expression with a caret under the problem and the parser's message.
 */
public final class FilterSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public FilterSettingsException(String option, String expression, FilterSyntaxException problem) {
        super(text(option, expression, problem), problem);
    }

    private static String text(String option, String expression, FilterSyntaxException problem) {
        String shown = expression.replaceAll("[\\t\\n\\r\\f]", " ");
        int caret = Math.max(0, Math.min(problem.position(), shown.length()));
        return option + " is no filter:" + System.lineSeparator()
                + "  " + shown + System.lineSeparator()
                + "  " + " ".repeat(caret) + "^ " + problem.getMessage();
    }
}
