package org.bwnetflow.connect.filter;

import java.util.List;

/** The parser's place in the tokens, and its errors: {@code expected X, found Y} at the token found. */
final class TokenCursor {

    private final List<Token> tokens;
    private int next;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(next);
    }

    /** The token after the next one (END at the end). */
    Token peekSecond() {
        return tokens.get(Math.min(next + 1, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(next);
        if (token.kind() != Token.Kind.END) {
            next++;
        }
        return token;
    }

    /** Takes the next token if it is of this kind. */
    boolean accept(Token.Kind kind) {
        if (peek().kind() == kind) {
            next();
            return true;
        }
        return false;
    }

    /** Takes the next token if it is this keyword (any case). */
    boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    /** Takes the next token, which must be of this kind. */
    Token expect(Token.Kind kind, String expected) {
        if (peek().kind() != kind) {
            throw unexpected(expected);
        }
        return next();
    }

    /** The error for the next token where {@code expected} should be. */
    FilterSyntaxException unexpected(String expected) {
        return unexpected(peek(), expected);
    }

    static FilterSyntaxException unexpected(Token found, String expected) {
        return new FilterSyntaxException(found.start(), "expected " + expected + ", found " + found.describe());
    }
}
