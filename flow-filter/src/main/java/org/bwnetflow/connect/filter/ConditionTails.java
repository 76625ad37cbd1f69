package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.bwnetflow.connect.model.FlowField;

/**
 * What follows a keyword or field name: a comparison and a value, or {@code in [ v1 v2 ... ]} (commas optional),
 * for numbers, texts and addresses. Each value becomes one node per field, joined by {@code or}.
 */
final class ConditionTails {

    /** Which address values a condition takes. */
    enum AddressForm { ADDRESS, PREFIX, ADDRESS_OR_PREFIX }

    private static final String COMPARISONS = "a comparison (= != < <= > >=)";

    private final TokenCursor cursor;

    ConditionTails(TokenCursor cursor) {
        this.cursor = cursor;
    }

    /** {@code [op] N} or {@code in [N ...]}; the comparison may be left out (=) unless {@code comparisonRequired}. */
    FilterNode numbers(FlowField[] fields, NumberKind kind, boolean comparisonRequired) {
        String what = kind.description();
        if (cursor.acceptKeyword("in")) {
            List<Long> values = list(expected -> Values.number(kind, cursor.next(), expected), what);
            return eachField(fields, field -> eachValue(values, value -> new FilterNode.NumberComparison(field, Comparison.EQ, value)));
        }
        Comparison comparison = Comparison.EQ;
        if (cursor.peek().kind() == Token.Kind.COMPARISON) {
            comparison = Comparison.ofSymbol(cursor.next().text());
        } else if (comparisonRequired) {
            throw cursor.unexpected(COMPARISONS + " or 'in'");
        } else {
            what = what + " or 'in'";
        }
        Comparison chosen = comparison;
        long value = Values.number(kind, cursor.next(), what);
        return eachField(fields, field -> new FilterNode.NumberComparison(field, chosen, value));
    }

    /** {@code [= | !=] TEXT} or {@code in [TEXT ...]}; TEXT a word or "quoted". Countries are upper case. */
    FilterNode texts(FlowField[] fields, boolean upperCase, boolean comparisonRequired) {
        String what = "a text or \"quoted text\"";
        if (cursor.acceptKeyword("in")) {
            List<String> values = list(expected -> text(expected, upperCase), what);
            return eachField(fields, field -> eachValue(values, value -> new FilterNode.TextEquals(field, value)));
        }
        boolean compared = cursor.peek().kind() == Token.Kind.COMPARISON;
        boolean equal = equality(comparisonRequired);
        String value = text(compared ? what : what + " or 'in'", upperCase);
        return eachField(fields, field -> negated(new FilterNode.TextEquals(field, value), !equal));
    }

    /** {@code [= | !=] ADDRESS}, or a prefix, or {@code in [...]}; a prefix may be written {@code ADDRESS mask MASK}. */
    FilterNode addresses(FlowField[] fields, AddressForm form, boolean comparisonRequired) {
        String what = switch (form) {
            case ADDRESS -> "an IPv4 or IPv6 address";
            case PREFIX -> "a prefix such as 10.0.0.0/8 or 2001:db8::/32";
            default -> "an IPv4 or IPv6 address or prefix";
        };
        if (cursor.acceptKeyword("in")) {
            List<Values.Address> values = list(expected -> address(form, expected), what);
            return eachField(fields, field -> eachValue(values, value -> prefix(field, value)));
        }
        boolean compared = cursor.peek().kind() == Token.Kind.COMPARISON;
        boolean equal = equality(comparisonRequired);
        Values.Address value = address(form, compared ? what : what + " or 'in'");
        return eachField(fields, field -> negated(prefix(field, value), !equal));
    }

    /** {@code contains N} after a list field (AS paths, communities). */
    FilterNode contains(FlowField field) {
        if (!cursor.acceptKeyword("contains")) {
            throw cursor.unexpected("'contains' after the list field " + field.fieldName());
        }
        NumberKind kind = NumberKind.of(field);
        return new FilterNode.ListContains(field, Values.number(kind, cursor.next(), kind.description()));
    }

    /** An optional {@code =}/{@code ==} (true) or {@code !=} (false); required after a field name. */
    private boolean equality(boolean comparisonRequired) {
        Token token = cursor.peek();
        if (token.kind() != Token.Kind.COMPARISON) {
            if (comparisonRequired) {
                throw cursor.unexpected("'=', '!=' or 'in'");
            }
            return true;
        }
        Comparison comparison = Comparison.ofSymbol(token.text());
        if (comparison != Comparison.EQ && comparison != Comparison.NE) {
            throw cursor.unexpected("'=', '!=' or 'in' (texts and addresses have no order)");
        }
        cursor.next();
        return comparison == Comparison.EQ;
    }

    private String text(String expected, boolean upperCase) {
        Token token = cursor.next();
        if (token.kind() != Token.Kind.WORD && token.kind() != Token.Kind.QUOTED) {
            throw TokenCursor.unexpected(token, expected);
        }
        return upperCase ? token.text().toUpperCase(Locale.ROOT) : token.text();
    }

    private Values.Address address(AddressForm form, String expected) {
        Token token = cursor.next();
        Values.Address address = Values.address(token, expected);
        if (form == AddressForm.PREFIX && !address.prefixed() && cursor.peek().isKeyword("mask")) {
            cursor.next();
            Token mask = cursor.next();
            if (mask.kind() != Token.Kind.WORD) {
                throw TokenCursor.unexpected(mask, "a mask such as 255.255.255.0");
            }
            address = Values.address(new Token(Token.Kind.WORD, token.text() + "/" + mask.text(), token.start()), expected);
        }
        if (form == AddressForm.ADDRESS && address.prefixed()) {
            throw new FilterSyntaxException(token.start(), token.text() + " is a prefix: use 'net' for prefixes");
        }
        if (form == AddressForm.PREFIX && !address.prefixed()) {
            throw new FilterSyntaxException(token.start(), "expected a prefix such as 10.0.0.0/8, found " + token.describe()
                    + " (use 'host' for one address)");
        }
        return address;
    }

    /** {@code [ v1 v2 ... ]} with optional commas, at least one value. */
    private <T> List<T> list(Function<String, T> value, String what) {
        cursor.expect(Token.Kind.LIST_OPEN, "'[' after 'in'");
        List<T> values = new ArrayList<>();
        while (true) {
            cursor.accept(Token.Kind.COMMA);
            if (!values.isEmpty() && cursor.accept(Token.Kind.LIST_CLOSE)) {
                return values;
            }
            values.add(value.apply(values.isEmpty() ? what : what + " or ']'"));
        }
    }

    private static FilterNode prefix(FlowField field, Values.Address address) {
        return new FilterNode.AddressPrefix(field, address.high(), address.low(), address.length());
    }

    private static FilterNode negated(FilterNode node, boolean negate) {
        return negate ? new FilterNode.Not(node) : node;
    }

    private static FilterNode eachField(FlowField[] fields, Function<FlowField, FilterNode> node) {
        List<FilterNode> nodes = new ArrayList<>(fields.length);
        for (FlowField field : fields) {
            nodes.add(node.apply(field));
        }
        return Nodes.or(nodes);
    }

    private static <T> FilterNode eachValue(List<T> values, Function<T, FilterNode> node) {
        List<FilterNode> nodes = new ArrayList<>(values.size());
        for (T value : values) {
            nodes.add(node.apply(value));
        }
        return Nodes.or(nodes);
    }
}
