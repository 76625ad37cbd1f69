package org.bwnetflow.connect.flowctl.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;

class TrafficWindowTest {

    @Test
    void theWindowCoversTheLastSecondsUpToTheClock() {
        TrafficWindow window = new TrafficWindow(300);
        window.add(TopFlows.flow("192.0.2.1", "198.51.100.1", 100, 1000, 1, 6));
        window.add(TopFlows.flow("192.0.2.1", "198.51.100.1", 101, 2000, 2, 6));
        window.add(TopFlows.flow("192.0.2.1", "198.51.100.1", 109, 4000, 4, 17));

        WindowTotals all = window.totals(109, 10);
        assertThat(all.total().bytes()).isEqualTo(7000);
        assertThat(all.total().flows()).isEqualTo(3);
        assertThat(all.seconds()).isEqualTo(10);

        WindowTotals later = window.totals(110, 10);
        assertThat(later.total().bytes()).as("second 100 has left the window").isEqualTo(6000);
        assertThat(later.top(Dimension.PROTOCOL, SortKey.BYTES, 5))
                .extracting(WindowTotals.Row::label).containsExactly("UDP", "TCP");
        assertThat(later.top(Dimension.PROTOCOL, SortKey.FLOWS, 5))
                .extracting(WindowTotals.Row::label).as("ties by label").containsExactly("TCP", "UDP");
    }

    @Test
    void beforeTheFirstFlowTheWindowIsEmpty() {
        WindowTotals none = new TrafficWindow(300).totals(Long.MIN_VALUE, 10);
        assertThat(none.total().flows()).isZero();
        assertThat(none.top(Dimension.PROTOCOL, SortKey.BYTES, 5)).isEmpty();
    }

    @Test
    void ratesOfAJustStartedViewAreOverTheSecondsItHasSeen() {
        TrafficWindow window = new TrafficWindow(300);
        window.add(TopFlows.flow("192.0.2.1", "198.51.100.1", 500, 1000, 1, 6));
        window.add(TopFlows.flow("192.0.2.1", "198.51.100.1", 502, 1000, 1, 6));
        assertThat(window.totals(502, 60).seconds()).isEqualTo(3);
    }

    @Test
    void sampledFlowsAreScaledUnlessNormalized() {
        TrafficWindow window = new TrafficWindow(300);
        Struct sampled = TopFlows.flow("192.0.2.1", "198.51.100.1", 10, 1500, 1, 6);
        Flows.setNumber(sampled, FlowField.SAMPLING_RATE, 100);
        Struct normalized = TopFlows.flow("192.0.2.1", "198.51.100.1", 10, 1500, 1, 6);
        Flows.setNumber(normalized, FlowField.SAMPLING_RATE, 100);
        Flows.setEnum(normalized, FlowField.NORMALIZED, 1);
        window.add(sampled);
        window.add(normalized);
        Volume total = window.totals(10, 10).total();
        assertThat(total.bytes()).isEqualTo(1500 * 100 + 1500);
        assertThat(total.packets()).isEqualTo(101);
        assertThat(total.flows()).isEqualTo(2);
    }

    @Test
    void flowsOlderThanTheCapacityAreCountedAsLateNotAdded() {
        TrafficWindow window = new TrafficWindow(300);
        window.add(TopFlows.flow("192.0.2.1", "198.51.100.1", 1000, 1, 1, 6));
        window.add(TopFlows.flow("192.0.2.1", "198.51.100.1", 600, 1, 1, 6));
        window.add(TopFlows.flow("192.0.2.1", "198.51.100.1", 990, 1, 1, 6));
        assertThat(window.late()).isEqualTo(1);
        assertThat(window.totals(1000, 300).total().flows()).isEqualTo(2);
    }

    @Test
    void remoteSideAndPeerFollowTheEnrichmentElseTheBorderModel() {
        Struct ingress = TopFlows.flow("203.0.113.5", "192.0.2.10", 1, 100, 1, 6);
        Flows.setNumber(ingress, FlowField.SRC_AS, 64500);
        Flows.setNumber(ingress, FlowField.DST_AS, 64501);
        Flows.setText(ingress, FlowField.SRC_IF_DESC, "transit A");
        Flows.setText(ingress, FlowField.DST_IF_DESC, "campus");
        assertThat(Dimension.AS.labelOf(ingress)).isEqualTo("AS64500");
        assertThat(Dimension.PEER.labelOf(ingress)).isEqualTo("transit A");
        assertThat(Dimension.TALKER.labelOf(ingress)).isEqualTo("192.0.2.10");
        assertThat(Dimension.DIRECTION.labelOf(ingress)).isEqualTo("ingress");

        Flows.setNumber(ingress, FlowField.FLOW_DIRECTION, 1);
        assertThat(Dimension.AS.labelOf(ingress)).as("egress: the destination is remote").isEqualTo("AS64501");
        assertThat(Dimension.PEER.labelOf(ingress)).isEqualTo("campus");
        Flows.setEnum(ingress, FlowField.REMOTE_ADDR, 1);
        assertThat(Dimension.TALKER.labelOf(ingress)).as("RemoteAddr wins").isEqualTo("192.0.2.10");
        assertThat(Dimension.AS.labelOf(ingress)).isEqualTo("AS64500");

        Struct bare = TopFlows.flow("2001:db8::1", "2001:db8::2", 1, 100, 1, 58);
        Flows.setNumber(bare, FlowField.IN_IF, 7);
        assertThat(Dimension.PEER.labelOf(bare)).isEqualTo("interface 7");
        assertThat(Dimension.IP_VERSION.labelOf(bare)).isEqualTo("IPv6");
        assertThat(Dimension.PROTOCOL.labelOf(bare)).as("IANA name when not enriched").isEqualTo("IPv6-ICMP");
        assertThat(Dimension.COUNTRY.labelOf(bare)).isEqualTo("unknown");
        assertThat(List.of(Dimension.values())).hasSize(7);
    }
}
