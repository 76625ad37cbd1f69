package org.bwnetflow.connect.flowctl.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.filter.Filter;
import org.bwnetflow.connect.filter.FlowFilters;
import org.bwnetflow.connect.flowctl.FilterOptions.OldOption;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;

/** top's old --net, --port, --proto and --cid still select what they did, now as filters of the language. */
class OldTopFiltersTest {

    private static Struct flow(String src, String dst, int srcPort, int dstPort, int proto, long cid) {
        Struct flow = TopFlows.flow(src, dst, 1, 100, 1, proto);
        Flows.setNumber(flow, FlowField.SRC_PORT, srcPort);
        Flows.setNumber(flow, FlowField.DST_PORT, dstPort);
        Flows.setNumber(flow, FlowField.CID, cid);
        return flow;
    }

    /** The old options' filters AND-ed, checked on the Struct and on its raw bytes alike. */
    private static boolean matches(List<OldOption> old, Struct flow) {
        boolean all = true;
        for (OldOption option : old) {
            Filter filter = FlowFilters.parse(option.expression());
            boolean struct = filter.matches(flow);
            assertThat(filter.compileRaw().matches(FlowMessageCodec.encode(flow))).isEqualTo(struct);
            all &= struct;
        }
        return all;
    }

    @Test
    void aNetworkMatchesEitherAddress() {
        List<OldOption> net = OldTopFilters.of("192.0.2.0/24", null, null, null);
        assertThat(net).containsExactly(new OldOption("--net 192.0.2.0/24", "net 192.0.2.0/24"));
        assertThat(matches(net, flow("192.0.2.7", "8.8.8.8", 1, 2, 6, 0))).isTrue();
        assertThat(matches(net, flow("8.8.8.8", "192.0.2.7", 1, 2, 6, 0))).isTrue();
        assertThat(matches(net, flow("8.8.8.8", "192.0.3.7", 1, 2, 6, 0))).isFalse();
        assertThat(matches(net, flow("2001:db8::1", "2001:db8::2", 1, 2, 6, 0))).isFalse();
        assertThat(matches(OldTopFilters.of("2001:db8::/32", null, null, null), flow("2001:db8::1", "::1", 1, 2, 6, 0)))
                .isTrue();
        assertThat(matches(OldTopFilters.of("8.8.8.8", null, null, null), flow("8.8.8.8", "1.1.1.1", 1, 2, 6, 0)))
                .isTrue();
    }

    @Test
    void allConditionsMustHold() {
        List<OldOption> old = OldTopFilters.of(null, 53, "udp", 1000L);
        assertThat(old).extracting(OldOption::expression).containsExactly("port 53", "proto udp", "cid 1000");
        assertThat(matches(old, flow("192.0.2.1", "8.8.8.8", 40000, 53, 17, 1000))).isTrue();
        assertThat(matches(old, flow("8.8.8.8", "192.0.2.1", 53, 40000, 17, 1000))).isTrue();
        assertThat(matches(old, flow("192.0.2.1", "8.8.8.8", 40000, 53, 6, 1000))).as("tcp").isFalse();
        assertThat(matches(old, flow("192.0.2.1", "8.8.8.8", 40000, 53, 17, 1001))).as("other cid").isFalse();
        assertThat(matches(old, flow("192.0.2.1", "8.8.8.8", 40000, 443, 17, 1000))).as("port").isFalse();
        assertThat(matches(OldTopFilters.of(null, null, "58", null), flow("::1", "::2", 0, 0, 58, 0))).isTrue();
        assertThat(matches(OldTopFilters.of(null, null, "IPv6-ICMP", null), flow("::1", "::2", 0, 0, 58, 0))).isTrue();
        assertThat(OldTopFilters.of(null, null, null, null)).isEmpty();
    }

    @Test
    void aProtocolNameNotInTheRegistryIsComparedWithProtoName() {
        Struct flow = flow("192.0.2.1", "8.8.8.8", 1, 2, 17, 0);
        Flows.setText(flow, FlowField.PROTO_NAME, "quic-ish");
        List<OldOption> old = OldTopFilters.of(null, null, "QUIC-ISH", null);
        assertThat(old).extracting(OldOption::expression).containsExactly("ProtoName in [\"QUIC-ISH\" \"quic-ish\"]");
        assertThat(matches(old, flow)).isTrue();
    }

    @Test
    void badOldOptionsAreBadFilters() {
        assertThatThrownBy(() -> FlowFilters.parse(OldTopFilters.of("192.0.2.1/24", null, null, null).get(0)
                .expression())).hasMessageContaining("host bits").hasMessageContaining("192.0.2.0/24");
        assertThatThrownBy(() -> FlowFilters.parse(OldTopFilters.of("not-an-address", null, null, null).get(0)
                .expression())).hasMessageContaining("at 5: expected an IPv4 or IPv6 address or 'in', found 'not-an-address'");
        assertThatThrownBy(() -> FlowFilters.parse(OldTopFilters.of(null, 70000, null, null).get(0).expression()))
                .hasMessageContaining("out of range for a port number");
        assertThatThrownBy(() -> FlowFilters.parse(OldTopFilters.of(null, null, "300", null).get(0).expression()))
                .hasMessageContaining("300");
    }
}
