package org.bwnetflow.connect.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.model.testing.TestFlows.flow;
import static org.bwnetflow.connect.model.testing.TestFlows.record;
import static org.bwnetflow.connect.model.testing.TestFlows.with;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.PROTO_NAME;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtoNameTest {

    private static String named(ProtoName<SourceRecord> transform, long proto) {
        Struct flow = with(flow("192.0.2.1", "198.51.100.1"), PROTO, proto);
        transform.apply(record(flow));
        return Flows.text(flow, PROTO_NAME);
    }

    private static ProtoName<SourceRecord> protoName(Map<String, String> config) {
        ProtoName<SourceRecord> transform = new ProtoName<>();
        transform.configure(config);
        return transform;
    }

    @ParameterizedTest
    @CsvSource({"0,HOPOPT", "1,ICMP", "2,IGMP", "4,IPv4", "6,TCP", "17,UDP", "41,IPv6", "47,GRE", "50,ESP", "51,AH",
        "58,IPv6-ICMP", "88,EIGRP", "89,OSPFIGP", "103,PIM", "112,VRRP", "115,L2TP", "132,SCTP", "136,UDPLite",
        "137,MPLS-in-IP", "143,Ethernet", "144,AGGFRAG", "145,NSH", "255,Reserved"})
    void namesProtocolsByIanasRegistry(long number, String name) {
        assertThat(named(protoName(Map.of()), number)).isEqualTo(name);
    }

    @Test
    void unassignedNumbersLeaveTheFieldUnsetAndAreCounted() {
        ProtoName<SourceRecord> transform = protoName(Map.of());
        assertThat(named(transform, 200)).isEmpty();
        assertThat(named(transform, 70_000)).isEmpty();
        assertThat(transform.counter("unassigned")).isEqualTo(2);
        assertThat(named(protoName(Map.of(ProtoName.UNASSIGNED_NAME, "unassigned")), 146)).isEqualTo("unassigned");
    }

    @Test
    void overridesReplaceTheRegistrysNames() {
        ProtoName<SourceRecord> transform = protoName(Map.of(ProtoName.NAME_OVERRIDES, "6=tcp, 17=udp"));
        assertThat(named(transform, 6)).isEqualTo("tcp");
        assertThat(named(transform, 1)).isEqualTo("ICMP");
        assertThatThrownBy(() -> protoName(Map.of(ProtoName.NAME_OVERRIDES, "300=x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not within 0-255");
    }

    @Test
    void appliedTwiceGivesTheSameName() {
        ProtoName<SourceRecord> transform = protoName(Map.of());
        Struct flow = with(flow("192.0.2.1", "198.51.100.1"), PROTO, 6);
        transform.apply(transform.apply(record(flow)));
        assertThat(Flows.text(flow, PROTO_NAME)).isEqualTo("TCP");
    }
}
