package org.bwnetflow.connect.bgp.speaker.gobgp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import java.util.List;
import org.bwnetflow.connect.bgp.speaker.BlackholeRoute;
import org.bwnetflow.connect.bgp.speaker.Community;
import org.bwnetflow.connect.bgp.speaker.FlowSpecRule;
import org.bwnetflow.connect.bgp.speaker.MitigationRoute;
import org.bwnetflow.connect.bgp.speaker.PortRange;
import org.bwnetflow.connect.bgp.speaker.gobgp.GobgpPaths.RibPath;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.CommunitiesAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.ExtendedCommunitiesAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.FlowSpecComponent;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.FlowSpecComponentItem;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.FlowSpecNLRI;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.IPAddressPrefix;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.LargeCommunitiesAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.MpReachNLRIAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.NextHopAttribute;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.Path;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.TrafficRateExtended;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Routes to gobgp API paths and back, without gobgpd (GobgpSpeakerIT in integration-tests has the real one). */
class GobgpPathsTest {

    private static final Community MARKER = Community.parse("64512:666:1");
    private final GobgpPaths paths = new GobgpPaths(MARKER);

    static List<MitigationRoute> routes() {
        return List.of(BlackholeRoute.of("203.0.113.7/32", "192.0.2.1"),
                BlackholeRoute.of("203.0.113.8/32", "192.0.2.1", "64512:100", "64512:7:8").withNoExport(false),
                BlackholeRoute.of("2001:db8::7/128", "100::1", "64512:100"),
                FlowSpecRule.to("192.0.2.1/32").protocol(17).destinationPorts("53").rateLimit(1000),
                FlowSpecRule.to("198.51.100.0/24").from("10.0.0.0/8").protocol(6).destinationPorts("80-90", "443").sourcePorts("0-1023")
                        .discard(),
                FlowSpecRule.to("2001:db8::9").from("2001:db8:1::/48").protocol(17).destinationPorts("123").rateLimit(12_500.25f),
                FlowSpecRule.to("192.0.2.0/24").discard());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("routes")
    void readsBackWhatItWrites(MitigationRoute route) {
        Path written = paths.toPath(route);
        RibPath read = paths.read(written.toBuilder().setNeighborIp("<nil>").build());
        assertThat(read.local()).isTrue();
        assertThat(read.marked()).isTrue();
        assertThat(read.problem()).isNull();
        assertThat(read.key()).isEqualTo(route.key());
        assertThat(read.route()).isEqualTo(route);
        assertThat(paths.read(written).local()).as("no neighbour at all").isTrue();
    }

    @Test
    void blackholeRoutesCarryBlackholeNoExportTheirOwnAndTheMarker() throws Exception {
        Path ipv4 = paths.toPath(BlackholeRoute.of("203.0.113.7/32", "192.0.2.1", "64512:100", "64512:7:8"));
        assertThat(ipv4.getFamily()).isEqualTo(GobgpPaths.IPV4_UNICAST);
        assertThat(ipv4.getNlri().unpack(IPAddressPrefix.class).getPrefix()).isEqualTo("203.0.113.7");
        assertThat(attribute(ipv4, NextHopAttribute.class).getNextHop()).isEqualTo("192.0.2.1");
        assertThat(attribute(ipv4, CommunitiesAttribute.class).getCommunitiesList())
                .containsExactly(0xFFFF029A, 0xFFFFFF01, 64512 << 16 | 100);
        assertThat(attribute(ipv4, LargeCommunitiesAttribute.class).getCommunitiesList()).hasSize(2);

        Path ipv6 = paths.toPath(BlackholeRoute.of("2001:db8::7", "100::1"));
        assertThat(ipv6.getFamily()).isEqualTo(GobgpPaths.IPV6_UNICAST);
        MpReachNLRIAttribute reach = attribute(ipv6, MpReachNLRIAttribute.class);
        assertThat(reach.getNextHopsList()).containsExactly("100::1");
        assertThat(reach.getNlrisList()).containsExactly(ipv6.getNlri());
    }

    @Test
    void flowSpecRulesCarryTheTrafficRateAndNoNextHop() throws Exception {
        Path path = paths.toPath(FlowSpecRule.to("192.0.2.1").protocol(17).destinationPorts("53", "1000-2000").rateLimit(1000));
        assertThat(path.getFamily()).isEqualTo(GobgpPaths.IPV4_FLOWSPEC);
        assertThat(attribute(path, MpReachNLRIAttribute.class).getNextHopsList()).containsExactly("0.0.0.0");
        assertThat(attribute(path, ExtendedCommunitiesAttribute.class).getCommunities(0).unpack(TrafficRateExtended.class).getRate())
                .isEqualTo(1000f);
        FlowSpecNLRI nlri = path.getNlri().unpack(FlowSpecNLRI.class);
        FlowSpecComponent ports = nlri.getRules(2).unpack(FlowSpecComponent.class);
        assertThat(ports.getType()).isEqualTo(GobgpPaths.DESTINATION_PORT);
        assertThat(ports.getItemsList()).extracting(FlowSpecComponentItem::getOp, FlowSpecComponentItem::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0x01, 53L), org.assertj.core.groups.Tuple.tuple(0x03, 1000L),
                        org.assertj.core.groups.Tuple.tuple(0x45, 2000L));
        assertThat(paths.toPath(FlowSpecRule.to("2001:db8::1").discard()).getFamily()).isEqualTo(GobgpPaths.IPV6_FLOWSPEC);
    }

    @Test
    void pathsLearntFromNeighboursAreNotLocal() {
        Path learnt = paths.toPath(BlackholeRoute.of("203.0.113.7/32", "192.0.2.1")).toBuilder().setNeighborIp("127.0.66.2").build();
        assertThat(paths.read(learnt).local()).isFalse();
        assertThat(paths.read(learnt).marked()).isTrue();
        Path withdrawn = paths.toPath(BlackholeRoute.of("203.0.113.7/32", "192.0.2.1")).toBuilder().setIsWithdraw(true).build();
        assertThat(paths.read(withdrawn).local()).isFalse();
    }

    @Test
    void pathsWithoutTheMarkerAreNotOurs() {
        Path other = new GobgpPaths(Community.parse("64512:999")).toPath(BlackholeRoute.of("203.0.113.7/32", "192.0.2.1"));
        RibPath read = paths.read(other);
        assertThat(read.marked()).isFalse();
        assertThat(read.key()).isEqualTo("blackhole 203.0.113.7/32");
    }

    @Test
    void readsTheOperatorsOfGobgpsCli() {
        // gobgp global rib -a ipv4-flowspec add match destination 198.51.100.9/32 source 10.0.0.0/8 protocol tcp
        //   destination-port '>=80&<=90' ==443 source-port '==1024' then discard: the items as gobgpd lists them.
        List<FlowSpecComponentItem> items = List.of(item(3, 80), item(69, 90), item(145, 443));
        assertThat(FlowSpecItems.portRanges(items)).containsExactly(PortRange.of(80, 90), PortRange.of(443));
        assertThat(FlowSpecItems.portRanges(List.of(item(145, 1024)))).containsExactly(PortRange.of(1024));
        assertThat(FlowSpecItems.singleEqual(List.of(item(129, 17)))).isEqualTo(17);
        // < and > (strict), and ranges that overlap, in any order
        assertThat(FlowSpecItems.portRanges(List.of(item(0x02, 1023), item(0x40 | 0x04, 2000), item(0x05, 10), item(0x01, 5))))
                .containsExactly(PortRange.of(0, 10), PortRange.of(1024, 1999));
    }

    @Test
    void refusesWhatItCannotHold() throws Exception {
        Path written = paths.toPath(FlowSpecRule.to("192.0.2.1").discard());
        FlowSpecNLRI withIcmpType = written.getNlri().unpack(FlowSpecNLRI.class).toBuilder()
                .addRules(Any.pack(FlowSpecComponent.newBuilder().setType(7).addItems(item(0x81, 8)).build())).build();
        Path icmp = written.toBuilder().setNlri(Any.pack(withIcmpType)).build();
        RibPath read = paths.read(icmp);
        assertThat(read.key()).isNull();
        assertThat(read.route()).isNull();
        assertThat(read.problem()).contains("FlowSpec component type 7");
        assertThat(paths.read(icmp).marked()).isTrue();

        assertThat(problem(List.of(item(0x06, 80)))).contains("port comparison 0x6");
        assertThat(problem(List.of(item(0x01, 70000)))).contains("port 70000 above 65535");
        assertThat(problem(List.of(item(0x03, 90), item(0x45, 80)))).contains("match no port");
        assertThat(problem(List.of(item(0x41, 80)))).contains("AND bit");
    }

    private static String problem(List<FlowSpecComponentItem> items) {
        try {
            FlowSpecItems.portRanges(items);
            return "none";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static FlowSpecComponentItem item(int op, long value) {
        return FlowSpecComponentItem.newBuilder().setOp(op).setValue(value).build();
    }

    private static <T extends com.google.protobuf.Message> T attribute(Path path, Class<T> type) throws Exception {
        for (Any any : path.getPattrsList()) {
            if (any.is(type)) {
                return any.unpack(type);
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }
}
