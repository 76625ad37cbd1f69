package org.bwnetflow.connect.dashboard.explore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bwnetflow.connect.dashboard.explore.FilterTokens.Token;
import org.bwnetflow.connect.model.table.AddressHalves;
import org.bwnetflow.connect.model.table.FlowsColumn;

/**
 * TEMPORARY: a small subset of the filter language, until the flow-filter module (its
 * {@code FlowFilters.parse} and {@code SqlFilter.toSql}) is merged and an adapter over it replaces
 * this class behind {@link FilterTranslator}. It reads exactly the conditions the page's drill-down
 * writes ({@link Dimension#drillDown}), joined with {@code and}, {@code or}, {@code not} and
 * parentheses:
 * {@code cid N}, {@code proto N}, {@code exporter A}, {@code src|dst port N}, {@code src|dst host A},
 * {@code src|dst net A/LEN}, {@code src|dst as N}, {@code src|dst country CC}, {@code in|out if N},
 * and {@code Field = VALUE} for SamplingRate, InIfName, OutIfName, NextHopAS, FlowDirection,
 * RemoteAddr. Every value becomes a bound parameter; column names come from {@link FlowsColumn}.
 */
public final class InterimFilterTranslator implements FilterTranslator {

    private static final Map<String, FlowsColumn> FIELDS = Map.of("samplingrate", FlowsColumn.SAMPLING_RATE,
            "inifname", FlowsColumn.IN_IF_NAME, "outifname", FlowsColumn.OUT_IF_NAME,
            "nexthopas", FlowsColumn.NEXT_HOP_AS, "flowdirection", FlowsColumn.FLOW_DIRECTION,
            "remoteaddr", FlowsColumn.REMOTE_ADDR);
    private static final long MAX_NUMBER = 0xffff_ffffL;
    private static final int MAX_DEPTH = 32;

    @Override
    public SqlCondition translate(String text) {
        if (text == null || text.isBlank()) {
            return SqlCondition.ALL;
        }
        Parse parse = new Parse(new FilterTokens(text));
        String sql = parse.or(0);
        if (!parse.tokens.atEnd()) {
            throw new FilterException("expected 'and', 'or' or the end, got '" + parse.tokens.peek().text() + "'",
                    parse.tokens.position());
        }
        return new SqlCondition(sql, parse.parameters);
    }

    /** One translation: the tokens read so far and the parameters bound so far. */
    private static final class Parse {

        private final FilterTokens tokens;
        private final List<Object> parameters = new ArrayList<>();

        Parse(FilterTokens tokens) {
            this.tokens = tokens;
        }

        String or(int depth) {
            String sql = and(depth);
            while (tokens.takeIf("or")) {
                sql = sql + " OR " + and(depth);
            }
            return sql;
        }

        String and(int depth) {
            String sql = unary(depth);
            while (tokens.takeIf("and")) {
                sql = sql + " AND " + unary(depth);
            }
            return sql;
        }

        String unary(int depth) {
            if (depth > MAX_DEPTH) {
                throw new FilterException("nested more than " + MAX_DEPTH + " deep", tokens.position());
            }
            if (tokens.takeIf("not")) {
                return "NOT (" + unary(depth + 1) + ")";
            }
            if (tokens.takeIf("(")) {
                String inner = or(depth + 1);
                Token close = tokens.take("')'");
                if (!close.is(")")) {
                    throw new FilterException("expected ')', got '" + close.text() + "'", close.position());
                }
                return "(" + inner + ")";
            }
            return term();
        }

        String term() {
            Token first = tokens.take("a condition");
            String word = first.quoted() ? "" : first.text().toLowerCase(Locale.ROOT);
            return switch (word) {
                case "cid" -> equal(FlowsColumn.CID, number());
                case "proto" -> equal(FlowsColumn.PROTO, number());
                case "exporter" -> equal(FlowsColumn.EXPORTER, tokens.take("an exporter's address").text());
                case "src", "dst" -> sided(word.equals("src"));
                case "in", "out" -> interfaceIndex(word.equals("in"));
                default -> field(first);
            };
        }

        String sided(boolean src) {
            Token what = tokens.take("port, host, net, as or country");
            return switch (what.quoted() ? "" : what.text().toLowerCase(Locale.ROOT)) {
                case "port" -> equal(src ? FlowsColumn.SRC_PORT : FlowsColumn.DST_PORT, number());
                case "as" -> equal(src ? FlowsColumn.SRC_AS : FlowsColumn.DST_AS, number());
                case "country" -> equal(src ? FlowsColumn.SRC_COUNTRY : FlowsColumn.DST_COUNTRY, country());
                case "host" -> network(src, tokens.take("an address"), false);
                case "net" -> network(src, tokens.take("a network (address/length)"), true);
                default -> throw new FilterException("expected port, host, net, as or country after '"
                        + (src ? "src" : "dst") + "', got '" + what.text() + "'", what.position());
            };
        }

        String interfaceIndex(boolean in) {
            Token keyword = tokens.take("'if'");
            if (!keyword.is("if")) {
                throw new FilterException("expected 'if', got '" + keyword.text() + "'", keyword.position());
            }
            return equal(in ? FlowsColumn.IN_IF : FlowsColumn.OUT_IF, number());
        }

        String field(Token name) {
            FlowsColumn column = name.quoted() ? null : FIELDS.get(name.text().toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new FilterException("unknown condition '" + name.text() + "'", name.position());
            }
            Token eq = tokens.take("'='");
            if (!eq.is("=")) {
                throw new FilterException("expected '=', got '" + eq.text() + "'", eq.position());
            }
            if (column == FlowsColumn.IN_IF_NAME || column == FlowsColumn.OUT_IF_NAME) {
                return equal(column, tokens.take("a name in quotes").text());
            }
            return equal(column, number());
        }

        String equal(FlowsColumn column, Object value) {
            parameters.add(value);
            return column.columnName() + " = ?";
        }

        long number() {
            Token token = tokens.take("a number");
            try {
                long value = Long.parseLong(token.text());
                if (!token.quoted() && value >= 0 && value <= MAX_NUMBER) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new FilterException("expected a number from 0 to " + MAX_NUMBER + ", got '" + token.text() + "'",
                    token.position());
        }

        String country() {
            Token token = tokens.take("a country code");
            if (!token.text().matches("[A-Za-z]{2}")) {
                throw new FilterException("expected a two-letter country code, got '" + token.text() + "'",
                        token.position());
            }
            return token.text().toUpperCase(Locale.ROOT);
        }

        /** An address (host) or a network as a range of both halves: a CIDR lies in one sign half of each. */
        String network(boolean src, Token token, boolean withLength) {
            String[] parts = token.text().split("/", -1);
            if (parts.length != (withLength ? 2 : 1) || !parts[0].matches("[0-9A-Fa-f.:]+")) {
                throw new FilterException("expected " + (withLength ? "a network like 192.0.2.0/24" : "an address")
                        + ", got '" + token.text() + "'", token.position());
            }
            byte[] bytes = address(parts[0], token);
            int width = bytes.length * 8;
            int length = withLength ? prefixLength(parts[1], width, token) : width;
            // IPv4 is stored as ::ffff:a.b.c.d, so its prefix lies 96 bits further into the 128.
            return range(src, AddressHalves.high(bytes), AddressHalves.low(bytes), length + (bytes.length == 4 ? 96 : 0));
        }

        private static byte[] address(String text, Token token) {
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                throw new FilterException("'" + text + "' is no address", token.position());
            }
        }

        /** The first {@code bits} of the 128 fixed: a range of the high half, or the high half equal and a range of the low. */
        private String range(boolean src, long high, long low, int bits) {
            FlowsColumn hi = src ? FlowsColumn.SRC_ADDR_HI : FlowsColumn.DST_ADDR_HI;
            FlowsColumn lo = src ? FlowsColumn.SRC_ADDR_LO : FlowsColumn.DST_ADDR_LO;
            if (bits == 0) {
                return "(" + hi.columnName() + " = " + hi.columnName() + ")";
            }
            if (bits <= 64) {
                long mask = -1L << (64 - bits);
                return between(hi, high & mask, high | ~mask);
            }
            long mask = bits == 128 ? -1L : -1L << (128 - bits);
            return "(" + equal(hi, high) + " AND " + between(lo, low & mask, low | ~mask) + ")";
        }

        private int prefixLength(String text, int width, Token token) {
            try {
                int length = Integer.parseInt(text);
                if (length >= 0 && length <= width) {
                    return length;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new FilterException("a prefix length is 0 to " + width + ", got '" + text + "'", token.position());
        }

        /**
         * {@code from <= column <= to} as two comparisons, not BETWEEN: QuestDB 9.0.3 compiles no filter
         * with a BETWEEN to native code (EXPLAIN shows "Async Group By", not "Async JIT Group By"), and
         * the interpreted filter made a top 10 over a day ~40 % slower.
         */
        String between(FlowsColumn column, long from, long to) {
            parameters.add(from);
            parameters.add(to);
            return "(" + column.columnName() + " >= ? AND " + column.columnName() + " <= ?)";
        }
    }
}
