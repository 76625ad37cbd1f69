package org.bwnetflow.connect.enrich.interfaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.enrich.interfaces.AddressBlocksTest.ip;
import static org.bwnetflow.connect.enrich.interfaces.AddressBlocksTest.mapped;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentMapTest {

    private final AgentMap map = AgentMap.parse(List.of("192.0.2.1=198.51.100.1", " 2001:db8::1 = 2001:db8:ffff::1",
            "192.0.2.2=2001:db8:ffff::2", "10.0.0.1=10.255.0.1"));

    @Test
    void mappedExportersAreAskedAtTheirAgents() {
        assertThat(map.agentFor(ip("192.0.2.1"))).isEqualTo(ip("198.51.100.1"));
        assertThat(map.agentFor(ip("2001:db8::1"))).isEqualTo(ip("2001:db8:ffff::1"));
        assertThat(map.agentFor(ip("192.0.2.2"))).as("an IPv4 exporter, an IPv6 agent").isEqualTo(ip("2001:db8:ffff::2"));
        assertThat(map.agentFor(ip("10.0.0.1"))).isEqualTo(ip("10.255.0.1"));
        assertThat(map.agentFor(mapped("192.0.2.1"))).as("the exporter as ::ffff:192.0.2.1").isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void otherExportersAreNotMapped() {
        assertThat(map.agentFor(ip("192.0.2.3"))).isNull();
        assertThat(map.agentFor(ip("198.51.100.1"))).as("an agent is no exporter").isNull();
        assertThat(map.agentFor(ip("2001:db8::2"))).isNull();
        assertThat(map.agentFor(new byte[0])).isNull();
        assertThat(AgentMap.parse(List.of()).agentFor(ip("192.0.2.1"))).isNull();
    }

    @Test
    void badPairsAreNamedWithTheReason() {
        assertThatThrownBy(() -> AgentMap.parse(List.of("192.0.2.1")))
                .hasMessageContaining("'192.0.2.1' is not of the form exporter=agent");
        assertThatThrownBy(() -> AgentMap.parse(List.of("192.0.2.1=10.0.0.0/8")))
                .hasMessageContaining("'10.0.0.0/8' is a network, expected a single address");
        assertThatThrownBy(() -> AgentMap.parse(List.of("192.0.2.0/24=10.0.0.1"))).hasMessageContaining("is a network");
        assertThatThrownBy(() -> AgentMap.parse(List.of("192.0.2.1=router.example.org")))
                .hasMessageContaining("'router.example.org' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> AgentMap.parse(List.of("192.0.2.1=0.0.0.0")))
                .hasMessageContaining("the unspecified address");
        assertThatThrownBy(() -> AgentMap.parse(List.of("192.0.2.1=10.0.0.1", "::ffff:192.0.2.1=10.0.0.2")))
                .hasMessageContaining("exporter 192.0.2.1 is mapped twice");
    }

    @Test
    void itPrintsWhatItMaps() {
        assertThat(AgentMap.parse(List.of("192.0.2.1=198.51.100.1")).toString()).isEqualTo("192.0.2.1=198.51.100.1");
    }
}
