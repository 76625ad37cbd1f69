package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * The boolean structure of a filter: {@code or} over {@code and} over {@code not} over conditions and
 * parenthesised filters. Two conditions side by side are an error, not an implicit {@code and}.
 */
final class FilterParser {

    /** How deep {@code not} and parentheses may nest: deeper texts are no filter a person writes, and would exhaust the stack. */
    static final int MAX_DEPTH = 64;

    private final TokenCursor cursor;
    private final ConditionParser conditions;
    private int depth;

    private FilterParser(String text) {
        this.cursor = new TokenCursor(Tokens.of(text));
        this.conditions = new ConditionParser(cursor);
    }

    static FilterNode parse(String text) {
        return new FilterParser(text).filter();
    }

    private FilterNode filter() {
        if (cursor.peek().kind() == Token.Kind.END) {
            return new FilterNode.MatchAll();
        }
        FilterNode node = or();
        if (cursor.peek().kind() != Token.Kind.END) {
            throw cursor.unexpected("'and', 'or' or the end of the filter");
        }
        return node;
    }

    private FilterNode or() {
        List<FilterNode> operands = new ArrayList<>();
        operands.add(and());
        while (cursor.accept(Token.Kind.OR) || cursor.acceptKeyword("or")) {
            operands.add(and());
        }
        return Nodes.or(operands);
    }

    private FilterNode and() {
        List<FilterNode> operands = new ArrayList<>();
        operands.add(unary());
        while (cursor.accept(Token.Kind.AND) || cursor.acceptKeyword("and")) {
            operands.add(unary());
        }
        return Nodes.and(operands);
    }

    private FilterNode unary() {
        Token start = cursor.peek();
        if (cursor.accept(Token.Kind.NOT) || cursor.acceptKeyword("not")) {
            deeper(start);
            FilterNode operand = unary();
            depth--;
            return new FilterNode.Not(operand);
        }
        if (cursor.accept(Token.Kind.OPEN)) {
            deeper(start);
            FilterNode inner = or();
            cursor.expect(Token.Kind.CLOSE, "')'");
            depth--;
            return inner;
        }
        if (cursor.peek().kind() != Token.Kind.WORD || isOperatorWord(cursor.peek())) {
            throw cursor.unexpected("a condition, 'not' or '('");
        }
        return conditions.condition();
    }

    private void deeper(Token token) {
        if (++depth > MAX_DEPTH) {
            throw new FilterSyntaxException(token.start(), "'not' and parentheses nest more than " + MAX_DEPTH + " deep");
        }
    }

    private static boolean isOperatorWord(Token token) {
        return token.isKeyword("and") || token.isKeyword("or");
    }
}
