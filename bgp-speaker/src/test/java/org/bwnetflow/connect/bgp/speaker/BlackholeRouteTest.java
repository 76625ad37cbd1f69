package org.bwnetflow.connect.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlackholeRouteTest {

    @Test
    void isAHostRouteWithBlackholeAndNoExportByDefault() {
        BlackholeRoute route = BlackholeRoute.of("203.0.113.7/32", "192.0.2.1", "64512:100", "64512:666:7");
        assertThat(route.key()).isEqualTo("blackhole 203.0.113.7/32");
        assertThat(route.noExport()).isTrue();
        assertThat(route.allCommunities()).containsExactly(StandardCommunity.BLACKHOLE, StandardCommunity.NO_EXPORT,
                new StandardCommunity(64512, 100), new LargeCommunity(64512, 666, 7));
        assertThat(route.describe()).isEqualTo("blackhole 203.0.113.7/32 next-hop 192.0.2.1 communities 65535:666 65535:65281 64512:100"
                + " 64512:666:7");
        assertThat(route.withNoExport(false).allCommunities()).containsExactly(StandardCommunity.BLACKHOLE,
                new StandardCommunity(64512, 100), new LargeCommunity(64512, 666, 7));
    }

    @Test
    void ipv6() {
        BlackholeRoute route = BlackholeRoute.of("2001:DB8:0::7", "100::1");
        assertThat(route.key()).isEqualTo("blackhole 2001:db8::7/128");
        assertThat(route.isIpv6()).isTrue();
        assertThat(route.describe()).isEqualTo("blackhole 2001:db8::7/128 next-hop 100::1 communities 65535:666 65535:65281");
    }

    @Test
    void mustBeAHostRoute() {
        assertThatThrownBy(() -> BlackholeRoute.of("203.0.113.0/24", "192.0.2.1"))
                .hasMessage("a blackhole route is a host route (/32 or /128), not 203.0.113.0/24");
        assertThatThrownBy(() -> BlackholeRoute.of("2001:db8::/64", "100::1"))
                .hasMessage("a blackhole route is a host route (/32 or /128), not 2001:db8::/64");
    }

    @Test
    void nextHopOfTheSameFamily() {
        assertThatThrownBy(() -> BlackholeRoute.of("2001:db8::7", "192.0.2.1"))
                .hasMessage("the next hop 192.0.2.1 of blackhole route 2001:db8::7/128 is not of the prefix's address family");
        assertThatThrownBy(() -> BlackholeRoute.of("203.0.113.7", "100::1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneRouteForOneSetOfCommunities() {
        BlackholeRoute a = BlackholeRoute.of("203.0.113.7", "192.0.2.1", "64512:2", "64512:1", "64512:1", "blackhole");
        BlackholeRoute b = new BlackholeRoute(IpPrefix.parse("203.0.113.7/32"), IpAddresses.parse("192.0.2.1"),
                List.of(Community.parse("64512:1"), Community.parse("64512:2"), StandardCommunity.NO_EXPORT), false);
        assertThat(a).isEqualTo(b);
        assertThat(a.communities()).containsExactly(Community.parse("64512:1"), Community.parse("64512:2"));
        assertThat(a.key()).isEqualTo(b.key()).isEqualTo(BlackholeRoute.of("203.0.113.7", "192.0.2.2").key());
        assertThat(a).isNotEqualTo(BlackholeRoute.of("203.0.113.7", "192.0.2.2", "64512:2", "64512:1"));
    }
}
