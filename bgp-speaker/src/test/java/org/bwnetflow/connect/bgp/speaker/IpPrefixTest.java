package org.bwnetflow.connect.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Prefixes and addresses: literals only, canonical text (RFC 5952), no bits beyond the length. */
class IpPrefixTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '¦', textBlock = """
            192.0.2.1/32 ¦ 192.0.2.1/32
            192.0.2.1 ¦ 192.0.2.1/32
            10.0.0.0/8 ¦ 10.0.0.0/8
            0.0.0.0/0 ¦ 0.0.0.0/0
            2001:DB8::7/128 ¦ 2001:db8::7/128
            2001:db8:0:0:1:0:0:1 ¦ 2001:db8::1:0:0:1/128
            2001:0:0:1:0:0:0:1 ¦ 2001:0:0:1::1/128
            2001:db8:0:1:1:1:1:1 ¦ 2001:db8:0:1:1:1:1:1/128
            2001:0db8:0000:0000:0000:0000:0000:0000/32 ¦ 2001:db8::/32
            :: ¦ ::/128
            ::1 ¦ ::1/128
            100:: ¦ 100::/128
            ::/0 ¦ ::/0
            1:0:0:2:0:0:0:3 ¦ 1:0:0:2::3/128
            1:0:0:0:2:0:0:3 ¦ 1::2:0:0:3/128
            """)
    void parsesToCanonicalText(String text, String canonical) {
        IpPrefix prefix = IpPrefix.parse(text);
        assertThat(prefix).hasToString(canonical);
        assertThat(IpPrefix.parse(prefix.toString())).isEqualTo(prefix);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '¦', textBlock = """
            192.0.2.1/24 ¦ 192.0.2.1/24 has bits set beyond its length (the prefix is 192.0.2.0/24)
            2001:db8::1/64 ¦ 2001:db8::1/64 has bits set beyond its length (the prefix is 2001:db8::/64)
            192.0.2.0/33 ¦ prefix length 33 outside 0-32 for 192.0.2.0
            2001:db8::/129 ¦ prefix length 129 outside 0-128 for 2001:db8::
            192.0.2.0/ ¦ not a prefix length: '' in '192.0.2.0/'
            192.0.2.0/-1 ¦ not a prefix length: '-1' in '192.0.2.0/-1'
            192.0.2.0/4294967304 ¦ not a prefix length: '4294967304' in '192.0.2.0/4294967304'
            localhost/32 ¦ not an IP address: 'localhost'
            example.org ¦ not an IP address: 'example.org'
            192.0.2 ¦ not an IP address: '192.0.2'
            192.0.2.256 ¦ not an IP address: '192.0.2.256'
            01.2.3.4 ¦ not an IP address: '01.2.3.4'
            fe80::1%eth0 ¦ not an IP address: 'fe80::1%eth0'
            2001:db8:::1 ¦ not an IP address: '2001:db8:::1'
            """)
    void refusesWhatIsNoPrefix(String text, String message) {
        assertThatThrownBy(() -> IpPrefix.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void tellsFamiliesAndHostRoutes() {
        assertThat(IpPrefix.parse("192.0.2.1/32").isHostRoute()).isTrue();
        assertThat(IpPrefix.parse("192.0.2.0/31").isHostRoute()).isFalse();
        assertThat(IpPrefix.parse("2001:db8::1").isHostRoute()).isTrue();
        assertThat(IpPrefix.parse("2001:db8::/127").isHostRoute()).isFalse();
        assertThat(IpPrefix.parse("2001:db8::1").isIpv6()).isTrue();
        assertThat(IpPrefix.parse("192.0.2.1").isIpv4()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:192.0.2.1", "::ffff:c000:201"})
    void keepsIpv4MappedAddressesIpv6(String text) {
        IpPrefix prefix = IpPrefix.parse(text);
        assertThat(prefix.isIpv6()).isTrue();
        assertThat(prefix).hasToString("::ffff:c000:201/128");
    }

    @Test
    void ordersIpv4BeforeIpv6AndByAddressThenLength() {
        assertThat(IpPrefix.parse("192.0.2.0/24")).isLessThan(IpPrefix.parse("2001:db8::/32"));
        assertThat(IpPrefix.parse("10.0.0.0/8")).isLessThan(IpPrefix.parse("192.0.2.0/24"));
        assertThat(IpPrefix.parse("10.0.0.0/8")).isLessThan(IpPrefix.parse("10.0.0.0/16"));
        assertThat(IpPrefix.parse("200.0.0.0/8")).isGreaterThan(IpPrefix.parse("100.0.0.0/8"));
    }
}
