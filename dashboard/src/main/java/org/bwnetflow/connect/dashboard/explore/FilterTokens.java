package org.bwnetflow.connect.dashboard.explore;

import java.util.ArrayList;
import java.util.List;

/** A filter text cut into words, quoted strings, parentheses and '=', each with its position. */
final class FilterTokens {

    /** One token; {@code quoted} for a "..." string (its text unescaped). */
    record Token(String text, int position, boolean quoted) {

        boolean is(String word) {
            return !quoted && text.equalsIgnoreCase(word);
        }
    }

    private final List<Token> tokens = new ArrayList<>();
    private final int end;
    private int next;

    FilterTokens(String text) {
        end = text.length();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '=') {
                tokens.add(new Token(String.valueOf(c), i, false));
                i++;
            } else if (c == '"') {
                i = quoted(text, i);
            } else {
                int start = i;
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    throw new FilterException("unexpected character '" + c + "'", start);
                }
                tokens.add(new Token(text.substring(start, i), start, false));
            }
        }
    }

    private int quoted(String text, int start) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != '"') {
            if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                i++;
            }
            value.append(text.charAt(i++));
        }
        if (i >= text.length()) {
            throw new FilterException("string not closed with \"", start);
        }
        tokens.add(new Token(value.toString(), start, true));
        return i + 1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '/' || c == '-' || c == '_';
    }

    boolean atEnd() {
        return next >= tokens.size();
    }

    /** The next token without taking it; null at the end. */
    Token peek() {
        return atEnd() ? null : tokens.get(next);
    }

    /** Takes the next token; an error naming {@code expected} at the end. */
    Token take(String expected) {
        if (atEnd()) {
            throw new FilterException("expected " + expected + " at the end", end);
        }
        return tokens.get(next++);
    }

    /** Takes the next token if it is the word {@code word}. */
    boolean takeIf(String word) {
        if (!atEnd() && tokens.get(next).is(word)) {
            next++;
            return true;
        }
        return false;
    }

    /** Where the next token starts (the text's length at the end). */
    int position() {
        return atEnd() ? end : tokens.get(next).position();
    }
}
