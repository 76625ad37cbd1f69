package org.bwnetflow.connect.enrich.ranges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Networks appended in address order become ranges: gaps get no value, equal neighbours merge, disorder is refused. */
class AscendingNetworksTest {

    private static int ipv4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    @Test
    void answersInsideEachNetworkAndNothingInTheGaps() {
        AscendingNetworks networks = new AscendingNetworks();
        networks.addIpv4(ipv4(10, 0, 0, 0), 24, 7);
        networks.addIpv4(ipv4(10, 0, 1, 0), 24, 7); // adjacent, same value: merged
        networks.addIpv4(ipv4(10, 0, 4, 0), 22, 9);
        networks.addIpv4(ipv4(255, 255, 255, 255), 32, 3); // the last address
        PrefixRanges table = networks.build();

        assertThat(table.lookupIpv4(ipv4(9, 255, 255, 255))).isZero();
        assertThat(table.lookupIpv4(ipv4(10, 0, 0, 0))).isEqualTo(7);
        assertThat(table.lookupIpv4(ipv4(10, 0, 1, 255))).isEqualTo(7);
        assertThat(table.lookupIpv4(ipv4(10, 0, 2, 0))).isZero();
        assertThat(table.lookupIpv4(ipv4(10, 0, 7, 255))).isEqualTo(9);
        assertThat(table.lookupIpv4(ipv4(10, 0, 8, 0))).isZero();
        assertThat(table.lookupIpv4(ipv4(255, 255, 255, 254))).isZero();
        assertThat(table.lookupIpv4(-1)).isEqualTo(3);
        assertThat(networks.networks()).isEqualTo(4);
        // 0.0.0.0, 10.0.0.0 (7), 10.0.2.0, 10.0.4.0 (9), 10.0.8.0, 255.255.255.255 (3)
        assertThat(table.ranges()).isEqualTo(6 + 1); // and the one IPv6 range, all of it with no value
    }

    @Test
    void ipv6NetworksFromTheFirstToTheLastAddress() {
        AscendingNetworks networks = new AscendingNetworks();
        networks.addIpv6(0, 0, 3, 5); // ::/3
        networks.addIpv6(0x2001_0db8_0000_0000L, 0, 32, 6);
        networks.addIpv6(-1L, -1L, 128, 8); // the last address
        PrefixRanges table = networks.build();

        assertThat(table.lookupIpv6(0, 0)).isEqualTo(5);
        assertThat(table.lookupIpv6(0x1FFF_FFFF_FFFF_FFFFL, -1L)).isEqualTo(5);
        assertThat(table.lookupIpv6(0x2000_0000_0000_0000L, 0)).isZero();
        assertThat(table.lookupIpv6(0x2001_0db8_FFFF_FFFFL, -1L)).isEqualTo(6);
        assertThat(table.lookupIpv6(0x2001_0db9_0000_0000L, 0)).isZero();
        assertThat(table.lookupIpv6(-1L, -2L)).isZero();
        assertThat(table.lookupIpv6(-1L, -1L)).isEqualTo(8);
    }

    @Test
    void aNetworkThatDoesNotStartAfterTheLastOneIsRefused() {
        AscendingNetworks networks = new AscendingNetworks();
        networks.addIpv4(ipv4(10, 0, 0, 0), 16, 1);
        assertThatThrownBy(() -> networks.addIpv4(ipv4(10, 0, 128, 0), 24, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of order or overlapping");
        assertThatThrownBy(() -> networks.addIpv4(ipv4(9, 0, 0, 0), 8, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
