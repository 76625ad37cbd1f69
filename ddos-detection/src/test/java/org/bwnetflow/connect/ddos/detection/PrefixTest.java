package org.bwnetflow.connect.ddos.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.ddos.detection.testing.DetectorFlows.ip;

import org.junit.jupiter.api.Test;

class PrefixTest {

    @Test
    void cutsToTheFamilysLengthAndPrintsCidrOrThePlainAddress() {
        assertThat(Prefix.of(ip("192.0.2.77"), 24, 48).text()).isEqualTo("192.0.2.0/24");
        assertThat(Prefix.of(ip("192.0.2.77"), 22, 48).text()).isEqualTo("192.0.0.0/22");
        assertThat(Prefix.of(ip("192.0.2.77"), 32, 48).text()).isEqualTo("192.0.2.77");
        assertThat(Prefix.of(ip("192.0.2.77"), 0, 48).text()).isEqualTo("0.0.0.0/0");
        assertThat(Prefix.of(ip("2001:db8:1:2::9"), 24, 48).text()).isEqualTo("2001:db8:1::/48");
        assertThat(Prefix.of(ip("2001:db8:1:2::9"), 24, 128).text()).isEqualTo("2001:db8:1:2::9");
        assertThat(Prefix.of(new byte[0], 24, 48)).isNull();
    }

    @Test
    void addressesOfOnePrefixAreOneTargetAndTheFlowsArrayIsLeftAlone() {
        byte[] address = ip("198.51.100.200");
        Prefix a = Prefix.of(address, 24, 64);
        assertThat(a).isEqualTo(Prefix.of(ip("198.51.100.1"), 24, 64)).hasSameHashCodeAs(Prefix.of(ip("198.51.100.1"), 24, 64));
        assertThat(a).isNotEqualTo(Prefix.of(ip("198.51.101.1"), 24, 64)).isNotEqualTo(Prefix.of(address, 25, 64));
        assertThat(address).containsExactly(ip("198.51.100.200"));
    }
}
