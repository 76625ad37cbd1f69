package org.bwnetflow.connect.flowctl.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;

class TopFilterTest {

    private static Struct flow(String src, String dst, int srcPort, int dstPort, int proto, long cid) {
        Struct flow = TopFlows.flow(src, dst, 1, 100, 1, proto);
        Flows.setNumber(flow, FlowField.SRC_PORT, srcPort);
        Flows.setNumber(flow, FlowField.DST_PORT, dstPort);
        Flows.setNumber(flow, FlowField.CID, cid);
        return flow;
    }

    @Test
    void aNetworkMatchesEitherAddress() {
        TopFilter filter = new TopFilter("192.0.2.0/24", null, null, null);
        assertThat(filter.test(flow("192.0.2.7", "8.8.8.8", 1, 2, 6, 0))).isTrue();
        assertThat(filter.test(flow("8.8.8.8", "192.0.2.7", 1, 2, 6, 0))).isTrue();
        assertThat(filter.test(flow("8.8.8.8", "192.0.3.7", 1, 2, 6, 0))).isFalse();
        assertThat(filter.test(flow("2001:db8::1", "2001:db8::2", 1, 2, 6, 0))).isFalse();
        assertThat(new TopFilter("2001:db8::/32", null, null, null).test(flow("2001:db8::1", "::1", 1, 2, 6, 0)))
                .isTrue();
        assertThat(new TopFilter("8.8.8.8", null, null, null).test(flow("8.8.8.8", "1.1.1.1", 1, 2, 6, 0))).isTrue();
    }

    @Test
    void allConditionsMustHold() {
        TopFilter filter = new TopFilter(null, 53, "udp", 1000L);
        assertThat(filter.description()).isEqualTo("port 53 proto udp cid 1000");
        assertThat(filter.test(flow("192.0.2.1", "8.8.8.8", 40000, 53, 17, 1000))).isTrue();
        assertThat(filter.test(flow("8.8.8.8", "192.0.2.1", 53, 40000, 17, 1000))).isTrue();
        assertThat(filter.test(flow("192.0.2.1", "8.8.8.8", 40000, 53, 6, 1000))).as("tcp").isFalse();
        assertThat(filter.test(flow("192.0.2.1", "8.8.8.8", 40000, 53, 17, 1001))).as("other cid").isFalse();
        assertThat(filter.test(flow("192.0.2.1", "8.8.8.8", 40000, 443, 17, 1000))).as("port").isFalse();
        assertThat(new TopFilter(null, null, "58", null).test(flow("::1", "::2", 0, 0, 58, 0))).isTrue();
        assertThat(new TopFilter(null, null, null, null).description()).isEmpty();
    }

    @Test
    void aProtocolNameNotInTheRegistryIsComparedWithProtoName() {
        Struct flow = flow("192.0.2.1", "8.8.8.8", 1, 2, 17, 0);
        Flows.setText(flow, FlowField.PROTO_NAME, "quic-ish");
        assertThat(new TopFilter(null, null, "QUIC-ISH", null).test(flow)).isTrue();
    }

    @Test
    void badFiltersSayWhatIsWrong() {
        assertThatThrownBy(() -> new TopFilter("192.0.2.1/24", null, null, null))
                .hasMessageContaining("host bits").hasMessageContaining("192.0.2.0/24");
        assertThatThrownBy(() -> new TopFilter("not-an-address", null, null, null))
                .hasMessageContaining("--net not-an-address is not an address or CIDR prefix");
        assertThatThrownBy(() -> new TopFilter(null, 70000, null, null)).hasMessageContaining("--port");
        assertThatThrownBy(() -> new TopFilter(null, null, "300", null)).hasMessageContaining("--proto");
    }
}
