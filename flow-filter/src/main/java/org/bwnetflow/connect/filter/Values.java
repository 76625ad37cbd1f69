package org.bwnetflow.connect.filter;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bwnetflow.connect.model.ProtocolNumbers;
import org.bwnetflow.connect.model.table.AddressHalves;

/** The values of a filter text: numbers (with nfdump's k/m/g), protocols, communities, addresses and prefixes. */
final class Values {

    private static final Pattern DECIMAL = Pattern.compile("([0-9]+)([kKmMgG]?)");
    private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]+)");
    private static final Pattern COMMUNITY = Pattern.compile("([0-9]+):([0-9]+)");
    private static final String[] PROTOCOLS = ProtocolNumbers.table();

    /** Single addresses and prefixes only: no ranges, wildcards, host names or inet_aton shorthands. */
    private static final IPAddressStringParameters ADDRESS_SYNTAX = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefixOnly(false).allowMask(true)
            .allowWildcardedSeparator(false).setRangeOptions(RangeParameters.NO_RANGE).allow_inet_aton(false).toParams();

    private Values() {
    }

    /** An address or prefix in the 128-bit space of AddressHalves; length 128 for a single address. */
    record Address(long high, long low, int length, boolean prefixed) {
    }

    /** A number of this kind; {@code expected} says what the error message expected instead of a wrong word. */
    static long number(NumberKind kind, Token token, String expected) {
        String text = token.text();
        Long value = token.kind() == Token.Kind.WORD ? parse(kind, text) : null;
        if (value == null) {
            throw TokenCursor.unexpected(token, expected);
        }
        if (value < 0 || value > kind.max()) {
            throw new FilterSyntaxException(token.start(), text + " is out of range for " + kind.description() + " (0-" + kind.max() + ")");
        }
        return value;
    }

    /** The number, -1 when it is too large for a long, null when the text is no number of the kind. */
    private static Long parse(NumberKind kind, String text) {
        Long word = word(kind, text);
        if (word != null) {
            return word;
        }
        Matcher hex = HEX.matcher(text);
        if (hex.matches()) {
            return digits(hex.group(1), 16);
        }
        Matcher decimal = DECIMAL.matcher(text);
        if (!decimal.matches()) {
            return null;
        }
        long value = digits(decimal.group(1), 10);
        long factor = switch (decimal.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1000L;
            case "m" -> 1000_000L;
            case "g" -> 1000_000_000L;
            default -> 1L;
        };
        try {
            return value < 0 ? -1L : Math.multiplyExact(value, factor);
        } catch (ArithmeticException e) {
            return -1L;
        }
    }

    /** The number a word of the kind stands for (true/false, a protocol keyword, a community AS:value), or null. */
    private static Long word(NumberKind kind, String text) {
        if (kind.booleans() && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return text.equalsIgnoreCase("true") ? 1L : 0L;
        }
        if (kind.protocolNames()) {
            for (int number = 0; number < PROTOCOLS.length; number++) {
                if (text.equalsIgnoreCase(PROTOCOLS[number])) {
                    return (long) number;
                }
            }
        }
        Matcher community = COMMUNITY.matcher(text);
        if (kind.communities() && community.matches()) {
            long as = digits(community.group(1), 10);
            long value = digits(community.group(2), 10);
            return as < 0 || as > 65535 || value < 0 || value > 65535 ? -1L : as << 16 | value;
        }
        return null;
    }

    /** Digits as a long, -1 when too large. */
    private static long digits(String digits, int radix) {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    /**
     * Whether the text after a '/' is a number of more than three digits: no prefix length, and the ipaddress library
     * indexes an array with such a number once it overflows an int (ArrayIndexOutOfBoundsException, found by fuzzing).
     */
    private static boolean hasOverlongPrefixLength(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String after = text.substring(slash + 1);
        return after.length() > 3 && after.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * An IPv4 or IPv6 address or prefix ({@code 10.0.0.0/8}, {@code 10.0.0.0/255.0.0.0}); a prefix with host bits
     * set is an error that suggests the prefix meant.
     */
    static Address address(Token token, String expected) {
        IPAddress address = null;
        if (token.kind() == Token.Kind.WORD && !hasOverlongPrefixLength(token.text())) {
            try {
                address = new IPAddressString(token.text(), ADDRESS_SYNTAX).toAddress();
            } catch (AddressStringException | RuntimeException e) {
                // the library's validator throws more than AddressStringException on some input (found by fuzzing)
                address = null;
            }
        }
        if (address == null) {
            throw TokenCursor.unexpected(token, expected);
        }
        Integer prefix = address.getNetworkPrefixLength();
        if (prefix == null && token.text().contains("/")) {
            throw new FilterSyntaxException(token.start(), token.text() + " has no contiguous mask");
        }
        if (prefix != null && !address.isPrefixBlock()) {
            throw new FilterSyntaxException(token.start(), token.text() + " has host bits set; did you mean "
                    + address.toPrefixBlock().toCanonicalString() + "?");
        }
        byte[] bytes = address.getLower().getBytes();
        int length = prefix == null ? 128 : address.isIPv4() ? AddressBits.IPV4_LENGTH + prefix : prefix;
        return new Address(AddressHalves.high(bytes), AddressHalves.low(bytes), length, prefix != null);
    }
}
