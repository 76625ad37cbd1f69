package org.bwnetflow.connect.enrich.interfaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.enrich.interfaces.AddressBlocksTest.ip;
import static org.bwnetflow.connect.enrich.interfaces.AddressBlocksTest.mapped;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whom SNMP may ask: the decision alone, without a network. */
class SnmpAgentsTest {

    private static SnmpAgents agents(List<String> allowlist, List<String> map) {
        return new SnmpAgents(AddressBlocks.parse(allowlist), AgentMap.parse(map));
    }

    @Test
    void nothingConfiguredAllowsNobody() {
        SnmpAgents none = agents(List.of(), List.of());
        assertThat(none.allowNone()).isTrue();
        assertThat(none.agentFor(ip("127.0.0.1"))).isNull();
        assertThat(none.agentFor(ip("10.0.0.1"))).isNull();
        assertThat(none.agentFor(ip("::1"))).isNull();
    }

    @Test
    void anAllowedExporterIsAskedAtItsOwnAddress() {
        SnmpAgents agents = agents(List.of("10.0.0.0/24"), List.of());
        byte[] exporter = ip("10.0.0.7");
        assertThat(agents.agentFor(exporter)).isSameAs(exporter);
        assertThat(agents.agentFor(ip("10.0.1.7"))).as("outside the list").isNull();
        assertThat(agents.allowNone()).isFalse();
    }

    @Test
    void theMapWinsOverTheAllowlistAndNeedsNoEntryInIt() {
        SnmpAgents agents = agents(List.of("10.0.0.0/24"), List.of("10.0.0.7=192.0.2.7", "172.16.0.1=192.0.2.1"));
        assertThat(agents.agentFor(ip("10.0.0.7"))).as("mapped, though in the allowlist too").isEqualTo(ip("192.0.2.7"));
        assertThat(agents.agentFor(ip("172.16.0.1"))).as("mapped only").isEqualTo(ip("192.0.2.1"));
        assertThat(agents.agentFor(ip("192.0.2.7"))).as("a mapped agent's own address is no exporter").isNull();
        assertThat(agents(List.of(), List.of("172.16.0.1=192.0.2.1")).allowNone()).isFalse();
    }

    @Test
    void anIpv4MappedExporterIsJudgedAsIpv4() {
        SnmpAgents agents = agents(List.of("2001:db8::/32"), List.of());
        assertThat(agents.agentFor(mapped("10.0.0.1"))).isNull();
        assertThat(agents(List.of("10.0.0.0/8"), List.of()).agentFor(mapped("10.0.0.1"))).isNotNull();
    }

    @Test
    void allowingEveryAddressIsRecognised() {
        assertThat(agents(List.of("0.0.0.0/0"), List.of()).allowAnyAddress()).isTrue();
        assertThat(agents(List.of("10.0.0.0/8"), List.of()).allowAnyAddress()).isFalse();
    }

    /**
     * The decision runs for every flow that misses the SNMP cache, and a sender can make every flow
     * miss: it must not allocate. HotSpot counts the bytes each thread allocates.
     */
    @Test
    void theDecisionAllocatesNothing() {
        List<String> allowlist = new ArrayList<>();
        List<String> map = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            allowlist.add("10." + (i / 256) + "." + (i % 256) + ".0/24");
            map.add("172.16." + (i / 256) + "." + (i % 256) + "=192.0.2." + (i % 250 + 1));
        }
        allowlist.add("2001:db8::/32");
        SnmpAgents agents = agents(allowlist, map);
        byte[][] exporters = {ip("10.1.2.3"), ip("11.1.2.3"), ip("172.16.1.1"), ip("2001:db8::1"), ip("2001:db9::1"),
            mapped("10.1.2.3")};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int asked = 0;
        for (int warmUp = 0; warmUp < 200_000; warmUp++) {
            asked += agents.agentFor(exporters[warmUp % exporters.length]) == null ? 0 : 1;
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1_000_000; i++) {
            asked += agents.agentFor(exporters[i % exporters.length]) == null ? 0 : 1;
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        System.out.printf("1,000,000 decisions allocated %d bytes%n", allocated);
        assertThat(asked).as("4 of the 6 exporters may be asked, in 1,200,000 calls").isEqualTo(800_000);
        assertThat(allocated).as("bytes for 1,000,000 decisions (one allocation each would be >= 16 MB)")
                .isLessThan(64 * 1024);
    }
}
