package org.bwnetflow.connect.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors name the position and what was expected; the canonical text of the keywords. */
class FilterSyntaxTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '¦', textBlock = """
            src net 10.0.0.0/8 and port udp ¦ 28 ¦ at 28: expected a port number or 'in', found 'udp'
            port 70000 ¦ 5 ¦ at 5: 70000 is out of range for a port number (0-65535)
            proto 256 ¦ 6 ¦ at 6: 256 is out of range for a protocol name or number (0-255)
            proto foo ¦ 6 ¦ at 6: expected a protocol name or number or 'in', found 'foo'
            as 4294967296 ¦ 3 ¦ at 3: 4294967296 is out of range for an AS number (0-4294967295)
            as 4294967295k ¦ 3 ¦ at 3: 4294967295k is out of range for an AS number (0-4294967295)
            bytes > 99999999999999999999 ¦ 8 ¦ at 8: 99999999999999999999 is out of range for a number (0-9223372036854775807)
            SrcAdr = 10.0.0.1 ¦ 0 ¦ at 0: unknown field or keyword 'SrcAdr'; did you mean SrcAddr?
            proto udp port 53 ¦ 10 ¦ at 10: expected 'and', 'or' or the end of the filter, found 'port'
            net 10.0.0.1/8 ¦ 4 ¦ at 4: 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?
            net 2001:db8::1/32 ¦ 4 ¦ at 4: 2001:db8::1/32 has host bits set; did you mean 2001:db8::/32?
            host 10.0.0.0/8 ¦ 5 ¦ at 5: 10.0.0.0/8 is a prefix: use 'net' for prefixes
            net 10.0.0.1 ¦ 4 ¦ at 4: expected a prefix such as 10.0.0.0/8, found '10.0.0.1' (use 'host' for one address)
            host 10.0.0.256 ¦ 5 ¦ at 5: expected an IPv4 or IPv6 address or 'in', found '10.0.0.256'
            net ::/4111111111 ¦ 4 ¦ at 4: expected a prefix such as 10.0.0.0/8 or 2001:db8::/32 or 'in', found '::/4111111111'
            net 10.0.0.0/4294967304 ¦ 4 ¦ at 4: expected a prefix such as 10.0.0.0/8 or 2001:db8::/32 or 'in', found '10.0.0.0/4294967304'
            (proto udp ¦ 10 ¦ at 10: expected ')', found end of filter
            proto udp and ¦ 13 ¦ at 13: expected a condition, 'not' or '(', found end of filter
            and proto udp ¦ 0 ¦ at 0: expected a condition, 'not' or '(', found 'and'
            SrcAS 15169 ¦ 6 ¦ at 6: expected a comparison (= != < <= > >=) or 'in', found '15169'
            SrcCountry < DE ¦ 11 ¦ at 11: expected '=', '!=' or 'in' (texts and addresses have no order), found '<'
            port in [ 80 443 ¦ 16 ¦ at 16: expected a port number or ']', found end of filter
            port in 80 ¦ 8 ¦ at 8: expected '[' after 'in', found '80'
            port in [ ] ¦ 10 ¦ at 10: expected a port number, found ']'
            src proto udp ¦ 4 ¦ at 4: expected host, ip, net, port, as or country after 'src', found 'proto'
            in 3 ¦ 3 ¦ at 3: expected 'if' after 'in', found '3'
            DstAsPath = 1 ¦ 10 ¦ at 10: expected 'contains' after the list field DstAsPath, found '='
            Note = "open ¦ 7 ¦ at 7: quoted text has no closing quote
            proto udp & port 53 ¦ 10 ¦ at 10: expected '&&', found '&'
            port 53 | port 54 ¦ 8 ¦ at 8: expected '||', found '|'
            HasMPLS = 2 ¦ 10 ¦ at 10: 2 is out of range for true, false, 1 or 0 (0-1)
            DstCommunities contains 65536:1 ¦ 24 ¦ at 24: 65536:1 is out of range for a community (AS:value or a number) (0-4294967295)
            """)
    void errorsSayWhereAndWhat(String text, int position, String message) {
        assertThatThrownBy(() -> FlowFilters.parse(text))
                .isInstanceOfSatisfying(FilterSyntaxException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.position()).isEqualTo(position);
                })
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            src port 53                         | SrcPort = 53
            port 53                             | SrcPort = 53 or DstPort = 53
            proto udp and port 53               | Proto = 17 and (SrcPort = 53 or DstPort = 53)
            not port 53                         | not (SrcPort = 53 or DstPort = 53)
            net 10.0.0.0/8                      | SrcAddr = 10.0.0.0/8 or DstAddr = 10.0.0.0/8
            dst net 2001:DB8::/32               | DstAddr = 2001:db8::/32
            host ::ffff:10.0.0.1                | SrcAddr = 10.0.0.1 or DstAddr = 10.0.0.1
            inet                                | SrcAddr = 0.0.0.0/0
            inet6                               | not SrcAddr = 0.0.0.0/0 and not SrcAddr = ::
            country de                          | SrcCountry = "DE" or DstCountry = "DE"
            bytes > 100k                        | Bytes > 100000
            packets >= 2G                       | Packets >= 2000000000
            SrcCountry != ""                    | not SrcCountry = ""
            DstCommunities contains 64500:100   | DstCommunities contains 4227072100
            proto tcp or proto udp and cid 5    | Proto = 6 or Proto = 17 and Cid = 5
            (proto tcp or proto udp) and cid 5  | (Proto = 6 or Proto = 17) and Cid = 5
            '   '                               | any
            """)
    void canonicalText(String text, String canonical) {
        assertThat(FlowFilters.parse(text).toString()).isEqualTo(canonical);
    }

    @Test
    void keywordsIgnoreCase() {
        assertThat(FlowFilters.parse("SRC NET 10.0.0.0/8 AND NOT Proto UDP"))
                .isEqualTo(FlowFilters.parse("src net 10.0.0.0/8 and not proto udp"));
    }

    @Test
    void emptyMatchesAll() {
        assertThat(FlowFilters.parse("").matchesAll()).isTrue();
        assertThat(FlowFilters.parse("port 1").matchesAll()).isFalse();
    }
}
