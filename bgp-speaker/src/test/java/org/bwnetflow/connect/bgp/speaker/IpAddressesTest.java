package org.bwnetflow.connect.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import org.junit.jupiter.api.Test;

/** Literals only in (never a name lookup), RFC 5952 out: keys and texts compare with what gobgpd and FRR write. */
class IpAddressesTest {

    @Test
    void plainLiteralsParseAndIpv6IsWrittenCanonically() {
        assertThat(IpAddresses.format(IpAddresses.parse("192.0.2.1"))).isEqualTo("192.0.2.1");
        assertThat(IpAddresses.format(IpAddresses.parse("2001:DB8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddresses.format(IpAddresses.parse("2001:db8:0:0:0:0:0:77"))).isEqualTo("2001:db8::77");
        assertThat(IpAddresses.format(IpAddresses.parse("2001:db8:0:1:0:0:0:0"))).isEqualTo("2001:db8:0:1::");
        assertThat(IpAddresses.format(IpAddresses.parse("100::1"))).isEqualTo("100::1");
        assertThat(IpAddresses.format(IpAddresses.parse("2001:db8:1:1:1:1:0:1"))).as("a single zero group stays")
                .isEqualTo("2001:db8:1:1:1:1:0:1");
    }

    @Test
    void anIpv4MappedLiteralStaysIpv6() {
        assertThat(IpAddresses.parse("::ffff:192.0.2.1")).isInstanceOf(Inet6Address.class);
        assertThat(IpAddresses.parse("::ffff:192.0.2.1").getAddress()).hasSize(16);
    }

    @Test
    void namesAndAnythingButAPlainLiteralAreErrors() {
        for (String text : new String[] {"localhost", "example.com", "010.0.0.1", "10.1", "10.0.0.0/8", "fe80::1%eth0",
                "10.0.0.*", "1.2.3.4.5", "2001:db8::/32", " 10.0.0.1", "::ffff:256.0.0.1"}) {
            assertThatThrownBy(() -> IpAddresses.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an IP address: '" + text + "'");
        }
        assertThatThrownBy(() -> IpAddresses.parse("")).hasMessage("no IP address given");
    }
}
