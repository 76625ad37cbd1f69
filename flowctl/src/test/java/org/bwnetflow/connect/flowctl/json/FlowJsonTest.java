package org.bwnetflow.connect.flowctl.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Addresses print as Wireshark and nfdump print them: IPv6 in the RFC 5952 canonical form. */
class FlowJsonTest {

    private static String text(String address) throws Exception {
        return FlowJson.addressText(InetAddress.getByName(address).getAddress());
    }

    @Test
    void ipv6IsCompressedAsRfc5952Says() throws Exception {
        assertThat(text("2001:db8:2:0:0:0:0:80")).isEqualTo("2001:db8:2::80");
        assertThat(text("2001:0DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1"); // first of two equal runs
        assertThat(text("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1"); // a single 0 stays
        assertThat(text("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(text("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(text("fe80:0:0:0:a:b:c:d")).isEqualTo("fe80::a:b:c:d");
    }

    @Test
    void ipv4AndIpv4MappedAreDottedQuads() throws Exception {
        assertThat(FlowJson.addressText(new byte[] {(byte) 192, 0, 2, 1})).isEqualTo("192.0.2.1");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[15] = 1;
        assertThat(FlowJson.addressText(mapped)).isEqualTo("::ffff:192.0.0.1");
    }

    @Test
    void emptyAndOddLengthsAreNotHidden() {
        assertThat(FlowJson.addressText(new byte[0])).isEmpty();
        assertThat(FlowJson.addressText(new byte[] {1, 2, 3})).isEqualTo("AQID");
    }
}
