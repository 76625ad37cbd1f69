package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    @Test
    void ipv4DottedIpv6CanonicalMappedAsSuchEmptyEmptyAndAnythingElseBase64() throws Exception {
        assertThat(AddressText.of(new byte[] {(byte) 192, 0, 2, 1})).isEqualTo("192.0.2.1");
        assertThat(AddressText.of(InetAddress.getByName("2001:db8:0:0:0:0:2:80").getAddress())).isEqualTo("2001:db8::2:80");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = (byte) 192;
        assertThat(AddressText.of(mapped)).isEqualTo("::ffff:192.0.0.0");
        assertThat(AddressText.of(new byte[0])).isEmpty();
        assertThat(AddressText.of(new byte[] {1, 2, 3})).isEqualTo("AQID");
    }
}
