package org.bwnetflow.connect.filter;

/** One token of a filter text and where it starts (0-based character offset). */
record Token(Kind kind, String text, int start) {

    /** What a token is; words (keywords, field names, values) are told apart by the parser. */
    enum Kind {
        WORD, QUOTED, COMPARISON, AND, OR, NOT, OPEN, CLOSE, LIST_OPEN, LIST_CLOSE, COMMA, END
    }

    /** Whether this is a word equal to the keyword, ignoring case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** How an error message names the token. */
    String describe() {
        switch (kind) {
            case END:
                return "end of filter";
            case QUOTED:
                return Tokens.quoted(text);
            default:
                return "'" + text + "'";
        }
    }
}
