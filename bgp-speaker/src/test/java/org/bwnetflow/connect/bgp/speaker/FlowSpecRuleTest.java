package org.bwnetflow.connect.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FlowSpecRuleTest {

    @Test
    void keyHoldsTheMatchAndNotTheAction() {
        FlowSpecRule rule = FlowSpecRule.to("198.51.100.9/32").from("10.0.0.0/8").protocol(6).destinationPorts("443", "80-90")
                .sourcePorts("1024-65535").discard();
        assertThat(rule.key()).isEqualTo("flowspec dst 198.51.100.9/32 src 10.0.0.0/8 proto 6 dport 80-90,443 sport 1024-65535");
        assertThat(rule.describe()).isEqualTo(rule.key() + " then discard");
        FlowSpecRule limited = rule.withAction(FlowSpecAction.rateLimit(125_000));
        assertThat(limited.key()).isEqualTo(rule.key());
        assertThat(limited).isNotEqualTo(rule);
        assertThat(limited.describe()).endsWith(" then rate-limit 125000 bytes/s");
    }

    @Test
    void onlyTheDestinationIsRequired() {
        FlowSpecRule rule = FlowSpecRule.to("192.0.2.0/24").rateLimit(1000.5f);
        assertThat(rule.key()).isEqualTo("flowspec dst 192.0.2.0/24");
        assertThat(rule.describe()).isEqualTo("flowspec dst 192.0.2.0/24 then rate-limit 1000.5 bytes/s");
        assertThat(rule.source()).isEmpty();
        assertThat(rule.protocol()).isEmpty();
    }

    @Test
    void ipv6() {
        FlowSpecRule rule = FlowSpecRule.to("2001:DB8::9").from("2001:db8:1::/48").protocol(17).destinationPorts("123").discard();
        assertThat(rule.isIpv6()).isTrue();
        assertThat(rule.key()).isEqualTo("flowspec dst 2001:db8::9/128 src 2001:db8:1::/48 proto 17 dport 123");
        assertThatThrownBy(() -> FlowSpecRule.to("2001:db8::9").from("10.0.0.0/8").discard())
                .hasMessage("the source 10.0.0.0/8 and destination 2001:db8::9/128 of a FlowSpec rule are of different address families");
    }

    @Test
    void portsAre0To65535() {
        assertThat(FlowSpecRule.to("192.0.2.1").destinationPorts("0", "65535").discard().destinationPorts())
                .containsExactly(PortRange.of(0), PortRange.of(65535));
        assertThat(FlowSpecRule.to("192.0.2.1").sourcePorts("0-65535").discard().key()).endsWith("sport 0-65535");
        assertThatThrownBy(() -> PortRange.of(65536)).hasMessage("not a port range: 65536-65536 (ports are 0-65535, from <= to)");
        assertThatThrownBy(() -> PortRange.of(-1)).hasMessage("not a port range: -1--1 (ports are 0-65535, from <= to)");
        assertThatThrownBy(() -> PortRange.of(90, 80)).hasMessage("not a port range: 90-80 (ports are 0-65535, from <= to)");
        assertThatThrownBy(() -> FlowSpecRule.to("192.0.2.1").destinationPorts("1024-70000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortRange.parse("http")).hasMessage("not a port or port range: 'http'");
    }

    @Test
    void portListsAreSortedAndJoined() {
        assertThat(PortRange.canonical(List.of(PortRange.of(443), PortRange.of(80, 90), PortRange.of(85, 100), PortRange.of(101),
                PortRange.of(53), PortRange.of(53)))).containsExactly(PortRange.of(53), PortRange.of(80, 101), PortRange.of(443));
        FlowSpecRule a = FlowSpecRule.to("192.0.2.1").protocol(17).destinationPorts("53", "123", "124").discard();
        FlowSpecRule b = FlowSpecRule.to("192.0.2.1/32").protocol(17).destinationPorts("123-124", "53", "53").discard();
        assertThat(a).isEqualTo(b);
        assertThat(a.key()).isEqualTo(b.key()).isEqualTo("flowspec dst 192.0.2.1/32 proto 17 dport 53,123-124");
    }

    @Test
    void protocolIs0To255() {
        assertThatThrownBy(() -> FlowSpecRule.to("192.0.2.1").protocol(256).discard()).hasMessage("an IP protocol is 0-255, not 256");
        assertThatThrownBy(() -> FlowSpecRule.to("192.0.2.1").protocol(-1).discard()).hasMessage("an IP protocol is 0-255, not -1");
        assertThat(FlowSpecRule.to("192.0.2.1").protocol(0).discard().protocol()).hasValue(0);
    }

    @Test
    void rateLimitsAreFiniteAndAboveZero() {
        assertThat(FlowSpecAction.ofRate(0f)).isEqualTo(FlowSpecAction.discard());
        assertThat(FlowSpecAction.ofRate(1e9f)).isEqualTo(FlowSpecAction.rateLimit(1e9f));
        assertThatThrownBy(() -> FlowSpecAction.rateLimit(0f)).hasMessageContaining("above 0 (0 is discard)");
        assertThatThrownBy(() -> FlowSpecAction.rateLimit(-5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlowSpecAction.rateLimit(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlowSpecAction.rateLimit(Float.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordConstructorCanonicalisesToo() {
        FlowSpecRule rule = new FlowSpecRule(IpPrefix.parse("192.0.2.1"), Optional.empty(), OptionalInt.of(17),
                List.of(PortRange.of(54), PortRange.of(53)), List.of(), FlowSpecAction.discard());
        assertThat(rule.destinationPorts()).containsExactly(PortRange.of(53, 54));
        assertThatThrownBy(() -> rule.destinationPorts().add(PortRange.of(1))).isInstanceOf(UnsupportedOperationException.class);
    }
}
