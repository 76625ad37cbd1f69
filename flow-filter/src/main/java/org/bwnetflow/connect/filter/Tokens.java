package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter text into tokens. A word is everything up to white space or one of {@code ( ) [ ] , = ! < > & | "},
 * so addresses, prefixes ({@code 2001:db8::/32}), interface names ({@code et-0/0/1}) and {@code 100k} are one word
 * each and {@code SrcAddr=10.0.0.0/8} is three tokens. Quoted text takes {@code \"} and {@code \\}.
 */
final class Tokens {

    private static final String SPECIAL = "()[],=!<>&|\"";

    private Tokens() {
    }

    /** The tokens of the text, ending with one {@link Token.Kind#END} token. */
    static List<Token> of(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                i = quoted(text, i, tokens);
            } else if (SPECIAL.indexOf(c) >= 0) {
                i = symbol(text, i, tokens);
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && SPECIAL.indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.WORD, text.substring(start, i), start));
            }
        }
        tokens.add(new Token(Token.Kind.END, "", text.length()));
        return tokens;
    }

    /** Text in double quotes with the escapes the lexer reads. */
    static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static int quoted(String text, int start, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                tokens.add(new Token(Token.Kind.QUOTED, value.toString(), start));
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 == text.length() || (text.charAt(i + 1) != '"' && text.charAt(i + 1) != '\\')) {
                    throw new FilterSyntaxException(i, "expected \\\" or \\\\ in quoted text");
                }
                i++;
            }
            value.append(text.charAt(i));
            i++;
        }
        throw new FilterSyntaxException(start, "quoted text has no closing quote");
    }

    private static int symbol(String text, int i, List<Token> tokens) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        switch (c) {
            case '(' -> tokens.add(new Token(Token.Kind.OPEN, "(", i));
            case ')' -> tokens.add(new Token(Token.Kind.CLOSE, ")", i));
            case '[' -> tokens.add(new Token(Token.Kind.LIST_OPEN, "[", i));
            case ']' -> tokens.add(new Token(Token.Kind.LIST_CLOSE, "]", i));
            case ',' -> tokens.add(new Token(Token.Kind.COMMA, ",", i));
            case '&', '|' -> {
                if (next != c) {
                    throw new FilterSyntaxException(i, "expected '" + c + c + "', found '" + c + "'");
                }
                tokens.add(new Token(c == '&' ? Token.Kind.AND : Token.Kind.OR, "" + c + c, i));
                return i + 2;
            }
            default -> {
                // = == != < <= > >= and ! (not)
                if (next == '=') {
                    tokens.add(new Token(Token.Kind.COMPARISON, "" + c + next, i));
                    return i + 2;
                }
                tokens.add(new Token(c == '!' ? Token.Kind.NOT : Token.Kind.COMPARISON, "" + c, i));
            }
        }
        return i + 1;
    }
}
