package org.bwnetflow.connect.filter;

import static org.bwnetflow.connect.model.FlowField.BGP_NEXT_HOP;
import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP_AS;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;

import java.util.List;
import java.util.Locale;
import org.bwnetflow.connect.model.FlowField;

/**
 * One condition: a keyword ({@code src net 10.0.0.0/8}, {@code port in [80 443]}, {@code proto udp}) or a
 * FlowMessage field by name ({@code SrcAS = 15169}). Each becomes {@link FilterNode}s on single fields; a
 * keyword without {@code src}/{@code dst} (or {@code in}/{@code out}) is satisfied by either side.
 */
final class ConditionParser {

    /** The words a condition can start with, for suggestions. */
    static final List<String> KEYWORDS = List.of("any", "all", "src", "dst", "host", "ip", "net", "port", "proto", "as",
            "next", "nexthop", "bgpnext", "in", "out", "if", "country", "cid", "bytes", "packets", "inet", "ipv4", "inet6",
            "ipv6", "exporter", "not");

    private final TokenCursor cursor;
    private final ConditionTails tails;

    ConditionParser(TokenCursor cursor) {
        this.cursor = cursor;
        this.tails = new ConditionTails(cursor);
    }

    /** The condition starting at the next token, a word. */
    FilterNode condition() {
        Token word = cursor.next();
        String keyword = word.text().toLowerCase(Locale.ROOT);
        switch (keyword) {
            case "any", "all":
                return new FilterNode.MatchAll();
            case "src", "dst":
                return sided(word, keyword.equals("src") ? 0 : 1);
            case "in", "out":
                if (!cursor.acceptKeyword("if")) {
                    throw cursor.unexpected("'if' after '" + word.text() + "'");
                }
                return interfaces(keyword.equals("in") ? 0 : 1);
            case "if":
                return interfaces(-1);
            case "next", "nexthop", "bgpnext":
                return nextHop(word, keyword.equals("bgpnext"));
            case "inet", "ipv4":
                return ipv4();
            case "inet6", "ipv6":
                return ipv6();
            default:
                FilterNode node = sideless(word, -1);
                node = node != null ? node : unsided(keyword);
                return node != null ? node : field(word);
        }
    }

    /** After {@code src} or {@code dst}: side 0 is the source, 1 the destination. */
    private FilterNode sided(Token direction, int side) {
        Token word = cursor.next();
        FilterNode node = word.kind() == Token.Kind.WORD ? sideless(word, side) : null;
        if (node == null) {
            throw TokenCursor.unexpected(word, "host, ip, net, port, as or country after '" + direction.text() + "'");
        }
        return node;
    }

    /** The keywords that take src/dst; null when the word is none of them. Side -1 is either. */
    private FilterNode sideless(Token word, int side) {
        switch (word.text().toLowerCase(Locale.ROOT)) {
            case "host", "ip":
                return tails.addresses(sides(SRC_ADDR, DST_ADDR, side), ConditionTails.AddressForm.ADDRESS, false);
            case "net":
                return tails.addresses(sides(SRC_ADDR, DST_ADDR, side), ConditionTails.AddressForm.PREFIX, false);
            case "port":
                return tails.numbers(sides(SRC_PORT, DST_PORT, side), NumberKind.PORT, false);
            case "as":
                return tails.numbers(sides(SRC_AS, DST_AS, side), NumberKind.AS, false);
            case "country":
                return tails.texts(sides(SRC_COUNTRY, DST_COUNTRY, side), true, false);
            default:
                return null;
        }
    }

    /** The keywords without sides; null when the word is none of them. */
    private FilterNode unsided(String keyword) {
        switch (keyword) {
            case "proto":
                return tails.numbers(new FlowField[] {PROTO}, NumberKind.PROTOCOL, false);
            case "cid":
                return tails.numbers(new FlowField[] {CID}, NumberKind.CUSTOMER, false);
            case "bytes":
                return tails.numbers(new FlowField[] {BYTES}, NumberKind.COUNT, false);
            case "packets":
                return tails.numbers(new FlowField[] {PACKETS}, NumberKind.COUNT, false);
            case "exporter":
                return tails.addresses(new FlowField[] {SAMPLER_ADDRESS}, ConditionTails.AddressForm.ADDRESS_OR_PREFIX, false);
            default:
                return null;
        }
    }

    /** After {@code [in|out] if}: an index, or {@code name} and an interface name. */
    private FilterNode interfaces(int side) {
        if (cursor.acceptKeyword("name")) {
            return tails.texts(sides(SRC_IF_NAME, DST_IF_NAME, side), false, false);
        }
        return tails.numbers(sides(IN_IF, OUT_IF, side), NumberKind.INTERFACE, false);
    }

    /** {@code next as N}, {@code next ip ADDR|CIDR} (NextHop), {@code bgpnext ip ADDR|CIDR} (BgpNextHop). */
    private FilterNode nextHop(Token word, boolean bgp) {
        if (!bgp && cursor.acceptKeyword("as")) {
            return tails.numbers(new FlowField[] {NEXT_HOP_AS}, NumberKind.AS, false);
        }
        if (cursor.acceptKeyword("ip") || cursor.acceptKeyword("host") || cursor.acceptKeyword("net")) {
            FlowField[] field = {bgp ? BGP_NEXT_HOP : NEXT_HOP};
            return tails.addresses(field, ConditionTails.AddressForm.ADDRESS_OR_PREFIX, false);
        }
        if (word.text().equalsIgnoreCase(NEXT_HOP.fieldName())) {
            return field(word); // the field NextHop by name: NextHop = 192.0.2.1
        }
        throw cursor.unexpected((bgp ? "" : "'as' or ") + "'ip' after '" + word.text() + "'");
    }

    /** A field by name: {@code Field op value}, {@code Field in [...]}, {@code ListField contains N}. */
    private FilterNode field(Token word) {
        FlowField field = FieldNames.find(word.text());
        if (field == null) {
            String closest = FieldNames.closest(word.text(), KEYWORDS);
            throw new FilterSyntaxException(word.start(), "unknown field or keyword '" + word.text() + "'"
                    + (closest == null ? "" : "; did you mean " + closest + "?"));
        }
        FlowField[] fields = {field};
        switch (field.wireType()) {
            case STRING:
                return tails.texts(fields, false, true);
            case BYTES:
                return tails.addresses(fields, ConditionTails.AddressForm.ADDRESS_OR_PREFIX, true);
            case UINT32_LIST:
                return tails.contains(field);
            default:
                return tails.numbers(fields, NumberKind.of(field), true);
        }
    }

    /** The source address is IPv4 (in ::ffff:0:0/96). */
    private static FilterNode ipv4() {
        return new FilterNode.AddressPrefix(SRC_ADDR, AddressBits.IPV4_HIGH, AddressBits.IPV4_LOW, AddressBits.IPV4_LENGTH);
    }

    /** The source address is an address and not IPv4. */
    private static FilterNode ipv6() {
        return Nodes.and(List.of(new FilterNode.Not(ipv4()), new FilterNode.Not(new FilterNode.AddressPrefix(SRC_ADDR, 0, 0, 128))));
    }

    private static FlowField[] sides(FlowField source, FlowField destination, int side) {
        return side == 0 ? new FlowField[] {source} : side == 1 ? new FlowField[] {destination} : new FlowField[] {source, destination};
    }
}
