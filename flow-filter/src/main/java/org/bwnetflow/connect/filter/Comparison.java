package org.bwnetflow.connect.filter;

/** A comparison of a flow's number with the filter's: {@code = != < <= > >=}. */
public enum Comparison {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** How the filter language and SQL write it. */
    public String symbol() {
        return symbol;
    }

    /** Whether a comparison result ({@code compare(flow, filter)}: negative, 0, positive) satisfies this. */
    public boolean holds(int comparison) {
        switch (this) {
            case EQ:
                return comparison == 0;
            case NE:
                return comparison != 0;
            case LT:
                return comparison < 0;
            case LE:
                return comparison <= 0;
            case GT:
                return comparison > 0;
            default:
                return comparison >= 0;
        }
    }

    /** The comparison written {@code symbol} ({@code ==} is {@code =}), or null. */
    static Comparison ofSymbol(String symbol) {
        if ("==".equals(symbol)) {
            return EQ;
        }
        for (Comparison comparison : values()) {
            if (comparison.symbol.equals(symbol)) {
                return comparison;
            }
        }
        return null;
    }
}
